package awx_test

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

const addr = "registrar_awx_oauth_application.test"

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

// secretIssued checks that the secret in state is the one the mock issued for the id in state.
func secretIssued(tn *mockapi.Tenant) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs := s.RootModule().Resources[addr]
		id, _ := strconv.Atoi(rs.Primary.ID)
		app := tn.AWX.Get(id)
		if app == nil {
			return fmt.Errorf("the mock has no application %d", id)
		}
		if rs.Primary.Attributes["client_secret"] != app.ClientSecret {
			return fmt.Errorf("client_secret in state is not the secret AWX issued")
		}
		return nil
	}
}

func TestApplication_lifecycle(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	sameSecret := statecheck.CompareValue(compare.ValuesSame())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.Config(appHCL("ci", `  description = "first"`)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("client_secret")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_secret"), knownvalue.StringRegexp(regexp.MustCompile(`^[A-Za-z0-9]{128}$`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("1")),
					sameSecret.AddStateValue(addr, tfjsonpath.New("client_secret")),
				},
				Check: secretIssued(tn),
			},
			{ // refresh only: the censored secret AWX returns must not replace the real one
				RefreshState: true,
				Check:        secretIssued(tn),
			},
			{ // in-place update
				Config: env.Config(appHCL("ci-renamed", `  description = "second"`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					sameSecret.AddStateValue(addr, tfjsonpath.New("client_secret")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("ci-renamed")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(secretIssued(tn), func(*terraform.State) error {
					if a := tn.AWX.Get(1); a == nil || a.Name != "ci-renamed" || a.Description != "second" {
						return fmt.Errorf("the update did not reach AWX: %+v", a)
					}
					return nil
				}),
			},
			{ // no changes after apply
				Config:   env.Config(appHCL("ci-renamed", `  description = "second"`)),
				PlanOnly: true,
			},
		},
	})
	if n := tn.AWX.Count(); n != 0 {
		t.Fatalf("after destroy the mock still holds %d applications", n)
	}
}
