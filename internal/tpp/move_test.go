package tpp_test

import (
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

// TestMoveState drives MoveResourceState through the provider's protocol server with
// restapi_object states as Mastercard/restapi records them (TPP's Web SDK takes
// POSTs only, so restapi was set up with create_path, read_path and id_attribute).
func TestMoveState(t *testing.T) {
	data := map[string]any{
		"ApplicationId": "ci-pipeline", "Name": "CI pipeline", "Vendor": "Example Corp", "Description": "", "Url": "help.example.com",
		"Scope": "certificate:manage", "MaxScope": "certificate:manage,revoke;configuration",
		"AccessValidity": 3600, "GrantValidity": 7776000, "Renewable": true,
	}
	created := map[string]any{"Application": map[string]any{
		"ID": "ci-pipeline", "Name": "CI pipeline", "Vendor": "Example Corp", "Description": "", "Url": "help.example.com",
		"Scope": "certificate:manage", "MaximumScope": "certificate:manage,revoke;configuration",
		"AccessValidity": 3600, "GrantValidity": 7776000, "Renewable": true,
	}, "Result": 0, "Success": true}
	state := acctest.RestapiState{
		ID: "ci-pipeline", Path: "/vedsdk/oauth/CreateApplication", ReadPath: "/vedsdk/oauth/GetApplication", IDAttribute: "Application/ID",
		Data: data, CreateResponse: created, APIResponse: created, APIData: acctest.APIDataOf(created),
	}
	noValidity := state // validity fields neither sent nor answered: null, as after an import
	noValidity.Data = map[string]any{"ApplicationId": "ci-pipeline", "Name": "CI pipeline", "Vendor": "Example Corp", "Scope": "certificate:manage", "MaximumScope": "certificate:manage"}
	noValidity.CreateResponse, noValidity.APIResponse, noValidity.APIData = nil, nil, nil
	byAnswer := state
	byAnswer.ID = ""
	noID := noValidity
	noID.ID, noID.Data = "", map[string]any{"Name": "CI pipeline"}

	acctest.RunMoveCases(t, "registrar_tpp_oauth_application", []acctest.MoveCase{
		{
			Name: "validity kept from data", State: state,
			Want: map[string]any{
				"id": "ci-pipeline", "application_id": "ci-pipeline", "name": "CI pipeline", "vendor": "Example Corp", "url": "help.example.com",
				"maximum_scope": "certificate:manage,revoke;configuration", "access_validity": int64(3600), "grant_validity": int64(7776000), "renewable": true,
			},
		},
		{Name: "without validity", State: noValidity, Want: map[string]any{"id": "ci-pipeline", "maximum_scope": "certificate:manage", "access_validity": nil, "renewable": nil}},
		{Name: "id from the answer", State: byAnswer, Want: map[string]any{"id": "ci-pipeline", "application_id": "ci-pipeline"}},
		{Name: "missing id", State: noID, WantError: []string{`no usable "id"`, `has no id`, `application id`, `import {`}},
		{Name: "wrong source provider", SourceProvider: "registry.terraform.io/hashicorp/null", State: state, WantError: []string{`Unable to Move Resource State`}},
	})
}
