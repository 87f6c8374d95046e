package awx_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// restapiHCL is the restapi provider pointed at the tenant's AWX, and the
// application registered as a restapi_object, as users wrote it before this provider.
func restapiHCL(tn *mockapi.Tenant, name string) string {
	return acctest.RestapiProviderHCL(tn.URL(), "Bearer "+tn.Creds.AWXToken) + fmt.Sprintf(`
resource "restapi_object" "test" {
  path         = "/api/v2/applications/"
  read_path    = "/api/v2/applications/{id}/"
  destroy_path = "/api/v2/applications/{id}/"
  data = jsonencode({
    name                     = %q
    organization             = 1
    client_type              = "confidential"
    authorization_grant_type = "authorization-code"
    redirect_uris            = "https://app.example.com/callback"
  })
}
`, name)
}

// movedHCL replaces the restapi_object by the registrar resource that mirrors it.
func movedHCL(tn *mockapi.Tenant, name, extra string) string {
	return acctest.RestapiProviderHCL(tn.URL(), "Bearer "+tn.Creds.AWXToken) + acctest.MovedFromRestapi(addr) + appHCL(name, extra)
}

// noCreates fails when the mock received a POST after the first one, or holds
// another application: the move must not register the application again.
func noCreates(tn *mockapi.Tenant) resource.TestCheckFunc {
	return resource.ComposeAggregateTestCheckFunc(acctest.ExpectRequests(tn, "POST", "", 1), acctest.ExpectCount("applications", tn.AWX.Count, 1))
}

// TestMoveFromRestapi: an application registered with restapi_object moves to
// registrar_awx_oauth_application with a moved block: no replacement, no second
// application, and the client secret carried over from restapi's create_response.
func TestMoveFromRestapi(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	acctest.MoveTest(t, acctest.RestapiOptions{}, []resource.TestStep{
		{Config: env.Config(restapiHCL(tn, "moved"))},
		{ // a refresh, as any later apply makes: the last answer (api_data, api_response) is now AWX's read, masked
			RefreshState: true,
			Check: func(s *terraform.State) error {
				attrs := s.RootModule().Resources["restapi_object.test"].Primary.Attributes
				var created map[string]any
				if err := json.Unmarshal([]byte(attrs["create_response"]), &created); err != nil {
					return fmt.Errorf("restapi recorded no create_response: %v", err)
				}
				if a := tn.AWX.Get(1); a == nil || created["client_secret"] != a.ClientSecret || attrs["api_data.client_secret"] != "************" {
					return fmt.Errorf("restapi's state does not hold the secret in create_response and the mask in api_data")
				}
				return nil
			},
		},
		{
			Config: env.Config(movedHCL(tn, "moved", "")),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("client_secret")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("1")),
			},
			Check: resource.ComposeAggregateTestCheckFunc(acctest.CheckSecretIssued(tn, addr), noCreates(tn), func(s *terraform.State) error {
				if _, ok := s.RootModule().Resources["restapi_object.test"]; ok {
					return fmt.Errorf("restapi_object.test is still in state")
				}
				return nil
			}),
		},
		{ // the next plan is empty, and a refresh keeps the secret (AWX masks it)
			Config:   env.Config(movedHCL(tn, "moved", "")),
			PlanOnly: true,
		},
		{
			RefreshState: true,
			Check:        resource.ComposeAggregateTestCheckFunc(acctest.CheckSecretIssued(tn, addr), noCreates(tn)),
		},
	})
	if n := tn.AWX.Count(); n != 0 {
		t.Fatalf("after destroy the mock still holds %d applications", n)
	}
}

// TestMoveFromRestapi_secretRestored: with a restapi that did not record
// create_response, its state holds only AWX's mask. The move carries over
// everything else and leaves client_secret null (never the mask); client_secret_wo
// then restores the secret with no API call, and the plan is empty.
func TestMoveFromRestapi_secretRestored(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	const secret = "held-by-the-team-0123456789abcdefghij"
	tn.AWX.SetNextSecret(secret)
	wo := fmt.Sprintf("  client_secret_wo = %q\n  client_secret_wo_version = 1", secret)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: acctest.WithRestapi(acctest.RestapiOptions{NoCreateResponse: true}),
		Steps: []resource.TestStep{
			{Config: env.Config(restapiHCL(tn, "masked"))},
			{ // a refresh, as any later apply makes: restapi's state now holds only AWX's mask
				RefreshState: true,
				Check: func(s *terraform.State) error {
					attrs := s.RootModule().Resources["restapi_object.test"].Primary.Attributes
					if attrs["api_data.client_secret"] != "************" || attrs["create_response"] != "" {
						return fmt.Errorf("restapi's state is not masked: create_response %d bytes, api_data.client_secret %d bytes", len(attrs["create_response"]), len(attrs["api_data.client_secret"]))
					}
					return nil
				},
			},
			{
				Config: env.Config(movedHCL(tn, "masked", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_secret"), knownvalue.Null()),
				},
				Check: resource.ComposeAggregateTestCheckFunc(noCreates(tn), func(s *terraform.State) error {
					if got := s.RootModule().Resources[addr].Primary.Attributes["client_id"]; got != tn.AWX.Get(1).ClientID {
						return fmt.Errorf("client_id %q is not the mock's", got)
					}
					return nil
				}),
			},
			{
				Config: env.Config(movedHCL(tn, "masked", wo)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(acctest.CheckSecretIssued(tn, addr), noCreates(tn)),
			},
			{Config: env.Config(movedHCL(tn, "masked", wo)), PlanOnly: true},
		},
	})
}
