package tpp_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

// The identity (application_id) is recorded on create, and an import block with an
// identity imports the application (Terraform 1.12+ / OpenTofu 1.12+).
func TestApplication_identity(t *testing.T) {
	env := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{
				Config: env.Config(appHCL(nil)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{"application_id": knownvalue.StringExact("registrar-ci")}),
				},
			},
			{
				ResourceName:                         addr,
				ImportState:                          true,
				ImportStateKind:                      resource.ImportBlockWithResourceIdentity,
				ImportStateVerifyIdentifierAttribute: "application_id",
			},
		},
	})
}
