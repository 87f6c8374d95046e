package provider_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

// TestResourceIdentity: every resource records its identity on create, each identity
// attribute equals the attribute of the same name in state, and an import block with
// the identity imports the object with the same identity (Terraform 1.12+ / OpenTofu
// 1.12+; the 1.11 pass skips it, where each package's drift and import tests cover
// state without identity). The resources are badinput_test.go's valid ones.
func TestResourceIdentity(t *testing.T) {
	numeric := knownvalue.StringRegexp(regexp.MustCompile(`^[0-9]+$`))
	uuid := knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`))
	cases := []struct {
		typ      string
		identity map[string]knownvalue.Check
		// importPlan, when set, is the change the import plans besides the import itself,
		// with checks of the planned values; nil: the import plans nothing else.
		importPlan []plancheck.PlanCheck
	}{
		{typ: "registrar_awx_oauth_application", identity: map[string]knownvalue.Check{"id": numeric}},
		{typ: "registrar_aap_oauth_application", identity: map[string]knownvalue.Check{"id": numeric}},
		{typ: "registrar_ltiaas_platform", identity: map[string]knownvalue.Check{"id": knownvalue.NotNull()}},
		{typ: "registrar_tpp_oauth_application", identity: map[string]knownvalue.Check{"application_id": knownvalue.StringExact("app-1")}},
		{typ: "registrar_timeback_application", identity: map[string]knownvalue.Check{"id": uuid}},
		{
			typ:      "registrar_cronofy_application",
			identity: map[string]knownvalue.Check{"data_center": knownvalue.StringExact("us"), "client_id": knownvalue.NotNull()},
			// Cronofy has no read API: the import stores the identity unverified, and
			// name and url are recorded from the configuration by an update that sends
			// no request. So the import plans that update, and nothing else.
			importPlan: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("registrar_cronofy_application.test", plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue("registrar_cronofy_application.test", tfjsonpath.New("client_id"), knownvalue.NotNull()),
			},
		},
	}
	for _, c := range cases {
		t.Run(strings.TrimPrefix(c.typ, "registrar_"), func(t *testing.T) {
			env := acctest.New(t)
			addr := c.typ + ".test"
			checks := []statecheck.StateCheck{statecheck.ExpectIdentity(addr, c.identity)}
			for name := range c.identity {
				checks = append(checks, statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New(name)))
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
				Steps: []resource.TestStep{
					{Config: env.Config(resourceHCL(c.typ, nil)), ConfigStateChecks: checks},
					{
						ResourceName:       addr,
						ImportState:        true,
						ImportStateKind:    resource.ImportBlockWithResourceIdentity,
						ExpectNonEmptyPlan: c.importPlan != nil,
						ImportPlanChecks:   resource.ImportPlanChecks{PreApply: c.importPlan},
					},
				},
			})
		})
	}
}
