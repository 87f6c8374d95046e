package cronofy_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

// The two-part identity (data_center, client_id) is recorded on create, and an
// import block with it imports the application (Terraform 1.12+ / OpenTofu 1.12+).
func TestApplication_identity(t *testing.T) {
	env := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{
				Config: env.Config(appHCL("test", "scheduler", "")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{"data_center": knownvalue.StringExact("us"), "client_id": knownvalue.NotNull()}),
					statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("client_id")),
				},
			},
			{
				// Cronofy has no read API: the import stores the identity unverified, and
				// name and url are recorded from the configuration by an update that
				// sends no request. So the import plans that update, and nothing else.
				ResourceName:       addr,
				ImportState:        true,
				ImportStateKind:    resource.ImportBlockWithResourceIdentity,
				ExpectNonEmptyPlan: true,
				ImportPlanChecks: resource.ImportPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("client_id"), knownvalue.NotNull()),
					},
				},
			},
		},
	})
}
