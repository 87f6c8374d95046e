package timeback_test

import (
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

// TestMoveState drives MoveResourceState through the provider's protocol server with
// restapi_object states as Mastercard/restapi records them.
func TestMoveState(t *testing.T) {
	const (
		id        = "3f8e2a1c-9b7d-4e6f-a5c3-1d2e3f4a5b6c"
		publisher = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"
		secret    = "canary-timeback-secret-9d8c7b6a"
		sandbox   = "canary-sandbox-secret-1a2b3c4d"
	)
	data := map[string]any{"name": "Quiz Builder", "description": "Quizzes for grade 5", "launchUrl": "https://quiz.example.com/lti/launch", "applicationType": "assessment"}
	created := map[string]any{"applicationId": id, "appUrn": "urn:uuid:" + id, "clientId": "6p1q2r3s4t5u6v7w8x9y0z", "clientSecret": secret, "publisherId": publisher,
		"sandboxCredentials": map[string]any{"clientId": "sbx-6p1q2r", "clientSecret": sandbox}}
	read := map[string]any{"sourcedId": id, "name": "Quiz Builder", "description": "Quizzes for grade 5", "launchUrl": "https://quiz.example.com/lti/launch",
		"applicationType": "assessment", "status": "active"}
	state := acctest.RestapiState{ID: id, Path: "/applications/1.0/drafts", ReadPath: "/applications/1.0/{id}", IDAttribute: "applicationId",
		Data: data, CreateResponse: created, APIResponse: read, APIData: acctest.APIDataOf(read)}
	lost := state // a restapi without create_response: the secrets are gone, Timeback cannot show them again
	lost.CreateResponse = nil
	noID := lost
	noID.ID, noID.APIResponse, noID.APIData = "", nil, nil
	notUUID := noID
	notUUID.ID = "Quiz Builder"

	acctest.RunMoveCases(t, "registrar_timeback_application", []acctest.MoveCase{
		{
			Name: "secrets from create_response", State: state, Secret: secret,
			Want: map[string]any{
				"id": id, "name": "Quiz Builder", "launch_url": "https://quiz.example.com/lti/launch", "application_type": "assessment",
				"publisher_id": publisher, "app_urn": "urn:uuid:" + id, "client_id": "6p1q2r3s4t5u6v7w8x9y0z",
				"client_secret": secret, "sandbox_client_id": "sbx-6p1q2r", "sandbox_client_secret": sandbox,
			},
		},
		{
			Name: "no create_response", State: lost, WantWarning: "holds no client secret",
			Want: map[string]any{"id": id, "client_secret": nil, "sandbox_client_secret": nil, "publisher_id": nil, "name": "Quiz Builder"},
		},
		{Name: "missing id", State: noID, WantError: []string{`no usable "id"`, `has no id`, `UUID`, `client_secret_wo`}},
		{Name: "id not a UUID", State: notUUID, WantError: []string{`no usable "id"`, `"Quiz Builder"`, `is its applicationId`}},
		{Name: "wrong source type", SourceType: "restapi_object_v2", State: state, Secret: secret, WantError: []string{`Unable to Move Resource State`}},
	})
}
