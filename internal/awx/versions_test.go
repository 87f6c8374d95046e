package awx_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// The resource's behaviour is tested for both of its flavours, AWX and the AAP gateway,
// in internal/ansible, its identity, moves and lists in internal/provider; this file tests
// what only AWX has: its versions and the controller path.

// controllerBlock is the awx block with an AAP 2.5+ controller api_path.
func controllerBlock(tn *mockapi.Tenant) map[string]string {
	return map[string]string{"awx": fmt.Sprintf("  awx {\n    base_url = %q\n    token    = %q\n    api_path = \"/api/controller/v2/\"\n  }\n", tn.URL(), tn.Creds.AWXToken)}
}

// TestVersions_endpointRemoved: on an AWX release after 24.6.1 the applications
// endpoint answers 404: a create says OAuth2 applications were removed and what to
// use, and a refresh keeps the application in state instead of dropping it.
func TestVersions_endpointRemoved(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	cfg := env.Config(appHCL("kept", ""))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{ // upgraded past 24.6.1: the refresh fails and keeps the application
				PreConfig:    func() { tn.SetFaults(mockapi.Faults{AWXWithoutOAuth2: true}) },
				RefreshState: true,
				ExpectError:  acctest.ErrorMatching(`HTTP 404`, `removed from AWX after 24.6.1`, `registrar_aap_oauth_application`, `kept in state`),
			},
			{ // the API is back: the application is still in state, no change
				PreConfig: func() { tn.SetFaults(mockapi.Faults{}) },
				Config:    cfg,
				PlanOnly:  true,
			},
		},
	})
	if a := tn.AWX.Get(1); a != nil {
		t.Fatalf("destroy left %v", a)
	}
}

// TestVersions_createOnRemovedEndpoint: a create on such a release says OAuth2
// applications were removed and names the gateway resource.
func TestVersions_createOnRemovedEndpoint(t *testing.T) {
	env := acctest.New(t)
	env.Tenant.SetFaults(mockapi.Faults{AWXWithoutOAuth2: true})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.Config(appHCL2("new")),
			ExpectError: acctest.ErrorMatching(`Could not create`, `HTTP 404`, `OAuth2 applications were removed`, `registrar_aap_oauth_application`),
		}},
	})
}

func appHCL2(name string) string {
	return fmt.Sprintf(`
resource "registrar_awx_oauth_application" "other" {
  name                     = %q
  organization             = 1
  client_type              = "public"
  authorization_grant_type = "password"
}
`, name)
}

// TestVersions_controllerPath: with api_path /api/controller/v2/ the plan warns that
// these are legacy applications; on AAP 2.7 the controller answers 401, and the
// error says that only gateway credentials are accepted.
func TestVersions_controllerPath(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	cfg := env.ProviderConfig(controllerBlock(tn)) + appHCL("legacy", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{ // the create goes to the controller path
				Config: cfg,
				Check:  acctest.ExpectRequests(tn, "POST", `/api/controller/v2/applications/$`, 1),
			},
			{
				PreConfig:    func() { tn.SetFaults(mockapi.Faults{ControllerGatewayOnly: true}) },
				RefreshState: true,
				ExpectError:  acctest.ErrorMatching(`HTTP 401`, `AAP 2.7 accepts only gateway credentials`, `registrar_aap_oauth_application`),
			},
			{PreConfig: func() { tn.SetFaults(mockapi.Faults{}) }, Config: cfg, PlanOnly: true},
		},
	})
}

func appHCL(name, extra string) string {
	return fmt.Sprintf(`
resource "registrar_awx_oauth_application" "test" {
  name                     = %q
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "authorization-code"
  redirect_uris            = ["https://app.example.com/callback"]
%s
}
`, name, extra)
}
