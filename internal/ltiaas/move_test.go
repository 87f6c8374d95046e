package ltiaas_test

import (
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

// TestMoveState drives MoveResourceState through the provider's protocol server with
// restapi_object states as Mastercard/restapi records them.
func TestMoveState(t *testing.T) {
	const id = "5f0c1e2d3a4b5c6d7e8f90a1b2c3d4e5"
	data := map[string]any{
		"url": "https://canvas.instructure.com", "clientId": "10000000000042", "name": "Canvas",
		"authenticationEndpoint": "https://sso.canvaslms.com/api/lti/authorize_redirect",
		"accesstokenEndpoint":    "https://sso.canvaslms.com/login/oauth2/token",
		"authConfig":             map[string]any{"method": "JWK_SET", "key": "https://sso.canvaslms.com/api/lti/security/jwks"},
	}
	answer := map[string]any{"id": id, "active": true, "publicKey": "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n",
		"authorizationServer": "https://sso.canvaslms.com/login/oauth2/token"}
	for k, v := range data {
		answer[k] = v
	}
	state := acctest.RestapiState{ID: id, Path: "/admin/platforms", Data: data, CreateResponse: answer, APIResponse: answer, APIData: acctest.APIDataOf(answer)}
	imported := state // `terraform import restapi_object` leaves data as {"id": …} until the next apply
	imported.Data = map[string]any{"id": id}
	noID := state
	noID.ID, noID.CreateResponse, noID.APIResponse, noID.APIData, noID.Data = "", nil, nil, nil, map[string]any{"name": "Canvas"}
	badID := noID
	badID.ID = "canvas platform"
	wrongPath := state
	wrongPath.Path = "/admin/registrations"

	acctest.RunMoveCases(t, "registrar_ltiaas_platform", []acctest.MoveCase{
		{
			Name: "arguments from data", State: state,
			Want: map[string]any{
				"id": id, "url": "https://canvas.instructure.com", "client_id": "10000000000042", "name": "Canvas",
				"access_token_endpoint": "https://sso.canvaslms.com/login/oauth2/token",
				"auth_config":           map[string]any{"method": "JWK_SET", "key": "https://sso.canvaslms.com/api/lti/security/jwks"},
				// LTIaaS's default audience was not configured: it stays null, as Read keeps it.
				"authorization_server": nil, "active": nil, "public_key": answer["publicKey"],
			},
		},
		{Name: "restapi import left only the id in data", State: imported, Want: map[string]any{"id": id, "name": nil, "auth_config": nil}},
		{Name: "missing id", State: noID, WantError: []string{`no usable "id"`, `has no id`, `import {`}},
		{Name: "id with white space", State: badID, WantError: []string{`no usable "id"`, `"canvas platform"`, `LTIaaS platform id`}},
		{Name: "another kind of object", State: wrongPath, WantError: []string{`"path" is not an LTIaaS platform registration's API`, `"platform"`}},
		{Name: "wrong source type", SourceType: "restapi_objects", State: state, WantError: []string{`Unable to Move Resource State`}},
	})
}
