package cronofy_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

// TestMoveFromRestapi: a Cronofy application provisioned with restapi_object moves
// with a moved block. Cronofy cannot be read, so name and url come from restapi's
// data and the secret from its create_response; restapi's state does not say which
// data center the application is in, so the first apply records the provider's
// (an in-place update without any request), and nothing is provisioned again.
func TestMoveFromRestapi(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	restapi := acctest.RestapiProviderHCL(tn.URL(), "Bearer "+tn.Creds.CronofyAdminAPIKey)
	moved := env.Config(restapi + acctest.MovedFromRestapi(addr) + appHCL("test", "Scheduler", ""))
	posts := resource.ComposeAggregateTestCheckFunc(acctest.ExpectRequests(tn, "POST", "", 1), acctest.ExpectCount("applications", tn.Cronofy.Count, 1))
	acctest.MoveTest(t, acctest.RestapiOptions{KeepUnreadable: true}, []resource.TestStep{
		{Config: env.Config(restapi + `
resource "restapi_object" "test" {
  path = "/v1/applications"
  id_attribute = "oauth_client/client_id"
  data = jsonencode({ name = "Scheduler", url = "https://scheduler.example.com" })
}
`)},
		{
			Config: moved,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(addr, tfjsonpath.New("data_center"), knownvalue.StringExact("us")),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("client_secret")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("Scheduler")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("data_center"), knownvalue.StringExact("us")),
			},
			Check: resource.ComposeAggregateTestCheckFunc(acctest.CheckSecretIssued(tn, addr), posts),
		},
		{Config: moved, PlanOnly: true},
	})
}
