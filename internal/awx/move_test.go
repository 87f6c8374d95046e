package awx_test

import (
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

// awxAnswer is AWX's application as its API renders it; secret is "" for a public one.
func awxAnswer(id int, clientType, secret string) map[string]any {
	a := map[string]any{
		"id": id, "type": "o_auth2_application", "url": "/api/v2/applications/42/",
		"related":        map[string]any{"tokens": "/api/v2/applications/42/tokens/"},
		"summary_fields": map[string]any{"organization": map[string]any{"id": 1, "name": "Default"}},
		"created":        "2025-05-02T10:00:00.000000Z", "modified": "2025-05-02T10:00:00.000000Z",
		"name": "portal", "description": "Self-service portal", "client_id": "Qm9vdHN0cmFwQ2xpZW50SWQ0MkFCQ0RFRkdISUpL",
		"redirect_uris": "https://portal.example.com/cb", "authorization_grant_type": "authorization-code",
		"client_type": clientType, "skip_authorization": false, "organization": 1,
	}
	if secret != "" {
		a["client_secret"] = secret
	}
	return a
}

var awxData = map[string]any{
	"name": "portal", "description": "Self-service portal", "organization": 1, "client_type": "confidential",
	"authorization_grant_type": "authorization-code", "redirect_uris": "https://portal.example.com/cb",
}

// TestMoveState drives MoveResourceState through the provider's protocol server with
// restapi_object states as Mastercard/restapi records them.
func TestMoveState(t *testing.T) {
	const secret = "canary-awx-secret-5f2c9e1d7b3a"
	created, read := awxAnswer(42, "confidential", secret), awxAnswer(42, "confidential", "************")
	state := acctest.RestapiState{
		ID: "42", Path: "/api/v2/applications/", ReadPath: "/api/v2/applications/{id}/", Data: awxData,
		CreateResponse: created, APIResponse: read, APIData: acctest.APIDataOf(read),
	}
	masked := state
	masked.CreateResponse = nil // a restapi version without create_response
	public := state
	public.CreateResponse, public.APIResponse, public.APIData = awxAnswer(42, "public", ""), awxAnswer(42, "public", ""), nil
	noID := state
	noID.ID, noID.CreateResponse, noID.APIResponse, noID.APIData = "", nil, nil, nil
	byAnswer := state // restapi's id_attribute pointed elsewhere: the answer's id is used
	byAnswer.ID = "portal"
	badID := noID
	badID.ID = "portal"
	users := state
	users.Path, users.ReadPath = "/api/v2/users/", ""
	badData := state
	badData.Data = "name=portal"

	acctest.RunMoveCases(t, "registrar_awx_oauth_application", []acctest.MoveCase{
		{
			Name: "secret from create_response", State: state, Secret: secret,
			Want: map[string]any{
				"id": "42", "client_secret": secret, "client_id": "Qm9vdHN0cmFwQ2xpZW50SWQ0MkFCQ0RFRkdISUpL",
				"name": "portal", "organization": int64(1), "client_type": "confidential",
				"redirect_uris": []any{"https://portal.example.com/cb"}, "skip_authorization": nil,
				"client_secret_wo": nil, "client_secret_wo_version": nil,
			},
		},
		{
			Name: "secret only masked", State: masked,
			Want:        map[string]any{"id": "42", "client_secret": nil},
			WantWarning: "holds the client secret only masked",
		},
		{
			Name: "public application has no secret", State: public,
			Want: map[string]any{"id": "42", "client_secret": nil},
		},
		{
			Name: "id from the answer", State: byAnswer, Secret: secret,
			Want: map[string]any{"id": "42", "client_secret": secret},
		},
		{
			Name: "missing id", State: noID,
			WantError: []string{`Cannot move restapi_object to registrar_awx_oauth_application: no usable "id"`, `has no id`, `import {`, `removed {`, `client_secret_wo`},
		},
		{
			Name: "id not numeric", State: badID,
			WantError: []string{`no usable "id"`, `"portal"`, `is its numeric AWX id`, `import {`},
		},
		{
			Name: "another kind of object", State: users,
			WantError: []string{`"path" is not an AWX OAuth application's API`, `/api/v2/users/`, `import {`},
		},
		{
			Name: "data not JSON", State: badData,
			WantError: []string{`Cannot move restapi_object to registrar_awx_oauth_application: "data" is not a JSON object`, `import {`},
		},
		{
			Name: "wrong source type", SourceType: "restapi_data", State: state, Secret: secret,
			WantError: []string{`Unable to Move Resource State`, `does not include support for the given source resource`, `restapi_data`},
		},
		{
			Name: "wrong source provider", SourceProvider: "registry.terraform.io/hashicorp/http", State: state, Secret: secret,
			WantError: []string{`Unable to Move Resource State`, `hashicorp/http`},
		},
		{
			Name: "another namespace of restapi", SourceProvider: "registry.terraform.io/acme/restapi", State: state, Secret: secret,
			Want: map[string]any{"id": "42", "client_secret": secret},
		},
	})
}
