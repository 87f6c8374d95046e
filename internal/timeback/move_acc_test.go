package timeback_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

// TestMoveFromRestapi: a draft registered with restapi_object (applicationId as
// id_attribute) moves with a moved block: no replacement, no second draft, the secret
// from restapi's create_response, the publisher Timeback assigned (its read model has
// none) kept, and an empty plan after.
func TestMoveFromRestapi(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	restapi := acctest.RestapiProviderHCL(tn.URL(), "Bearer "+tn.Creds.TimebackToken)
	moved := env.Config(restapi + acctest.MovedFromRestapi(addr) + app{Name: "Moved Quiz"}.hcl())
	acctest.MoveTest(t, acctest.RestapiOptions{}, []resource.TestStep{
		{Config: env.Config(restapi + `
resource "restapi_object" "test" {
  path         = "/applications/1.0/drafts"
  read_path    = "/applications/1.0/{id}"
  id_attribute = "applicationId"
  data = jsonencode({
    name        = "Moved Quiz"
    description = "A test application"
    launchUrl   = "https://app.example.com/lti/launch"
  })
}
`)},
		{RefreshState: true}, // restapi's last answer is now Timeback's read, without a secret
		{
			Config: moved,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
			}},
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("client_secret"))},
			Check: resource.ComposeAggregateTestCheckFunc(secretIssued(tn), func(s *terraform.State) error {
				a, attrs, err := stateApp(s, tn)
				if err != nil {
					return err
				}
				if attrs["publisher_id"] != a.PublisherID || attrs["scopes.#"] != "1" || tn.Timeback.Count() != 1 || acctest.CountRequests(tn, "POST", `^/applications/1\.0/drafts`) != 1 {
					return fmt.Errorf("publisher %q (want %q), %s scopes, %d drafts, %d creates", attrs["publisher_id"], a.PublisherID, attrs["scopes.#"], tn.Timeback.Count(), acctest.CountRequests(tn, "POST", `^/applications/1\.0/drafts`))
				}
				return nil
			}),
		},
		{Config: moved, PlanOnly: true},
	})
}
