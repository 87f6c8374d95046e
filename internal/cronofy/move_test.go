package cronofy_test

import (
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

// TestMoveState drives MoveResourceState through the provider's protocol server with
// restapi_object states as Mastercard/restapi records them (id_attribute
// oauth_client/client_id: Cronofy answers nothing else).
func TestMoveState(t *testing.T) {
	const secret = "canary-cronofy-secret-0f1e2d3c4b5a"
	data := map[string]any{"name": "Scheduler", "url": "https://scheduler.example.com"}
	created := map[string]any{"oauth_client": map[string]any{"client_id": "4bKq9sWmZ2RrT7yXc1LdE8pVnH3fJ6uA", "client_secret": secret}}
	state := acctest.RestapiState{ID: "4bKq9sWmZ2RrT7yXc1LdE8pVnH3fJ6uA", Path: "/v1/applications", IDAttribute: "oauth_client/client_id",
		Data: data, CreateResponse: created, APIResponse: created, APIData: acctest.APIDataOf(created)}
	lost := state
	lost.CreateResponse, lost.APIResponse, lost.APIData = nil, nil, nil
	byAnswer := state
	byAnswer.ID = ""
	slash := lost
	slash.ID = "us/4bKq9sWmZ2RrT7yXc1LdE8pVnH3fJ6uA"

	acctest.RunMoveCases(t, "registrar_cronofy_application", []acctest.MoveCase{
		{
			Name: "name, url and secret", State: state, Secret: secret,
			Want: map[string]any{
				"id": "4bKq9sWmZ2RrT7yXc1LdE8pVnH3fJ6uA", "client_id": "4bKq9sWmZ2RrT7yXc1LdE8pVnH3fJ6uA",
				"name": "Scheduler", "url": "https://scheduler.example.com", "client_secret": secret,
				// restapi's state does not say: recorded on the next apply
				"data_center": nil,
			},
		},
		{Name: "id from create_response", State: byAnswer, Secret: secret, Want: map[string]any{"id": "4bKq9sWmZ2RrT7yXc1LdE8pVnH3fJ6uA", "client_secret": secret}},
		{Name: "secret not recorded", State: lost, WantWarning: "holds no client secret", Want: map[string]any{"client_secret": nil, "name": "Scheduler"}},
		{Name: "id with a slash", State: slash, WantError: []string{`no usable "id"`, `"us/4bKq9sWmZ2RrT7yXc1LdE8pVnH3fJ6uA"`, `is its client id`}},
		{Name: "wrong source provider", SourceProvider: "registry.terraform.io/hashicorp/http", State: state, Secret: secret, WantError: []string{`Unable to Move Resource State`}},
	})
}
