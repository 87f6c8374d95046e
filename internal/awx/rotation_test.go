package awx_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

// rotatingHCL is the documented zero-downtime rotation, with a plain value where a
// configuration would use time_rotating: the value is both a name suffix and
// rotate_when_changed, and create_before_destroy registers the new application
// before the old one is deleted.
func rotatingHCL(rotation string) string {
	return fmt.Sprintf(`
locals {
  rotation = %q
}

resource "registrar_awx_oauth_application" "test" {
  name                     = "rotating-${local.rotation}"
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "password"
  rotate_when_changed      = { rotation = local.rotation }

  lifecycle {
    create_before_destroy = true
  }
}
`, rotation)
}

// TestApplication_rotation: a changed rotate_when_changed value with
// create_before_destroy creates the new application (with a new client id and
// secret) before deleting the old one.
func TestApplication_rotation(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	secrets := statecheck.CompareValue(compare.ValuesDiffer())
	ids := statecheck.CompareValue(compare.ValuesDiffer())
	var oldID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.Config(rotatingHCL("2026-01")),
				ConfigStateChecks: []statecheck.StateCheck{
					secrets.AddStateValue(addr, tfjsonpath.New("client_secret")),
					ids.AddStateValue(addr, tfjsonpath.New("client_id")),
				},
				Check: func(s *terraform.State) error {
					oldID = s.RootModule().Resources[addr].Primary.ID
					return nil
				},
			},
			{
				Config: env.Config(rotatingHCL("2026-02")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreateBeforeDestroy)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("client_secret")),
					secrets.AddStateValue(addr, tfjsonpath.New("client_secret")),
					ids.AddStateValue(addr, tfjsonpath.New("client_id")),
				},
				Check: func(s *terraform.State) error {
					rs := s.RootModule().Resources[addr]
					newID, _ := strconv.Atoi(rs.Primary.ID)
					app := tn.AWX.Get(newID)
					if app == nil || app.Name != "rotating-2026-02" || app.ClientSecret != rs.Primary.Attributes["client_secret"] {
						return fmt.Errorf("state does not hold the new application and its issued secret")
					}
					old, _ := strconv.Atoi(oldID)
					if tn.AWX.Get(old) != nil || tn.AWX.Count() != 1 {
						return fmt.Errorf("the old application %s was not deleted (the mock holds %d)", oldID, tn.AWX.Count())
					}
					// The second create came before the delete of the old application.
					creates, deletedAt := 0, -1
					for i, r := range tn.Requests() {
						switch {
						case r.Method == http.MethodPost && strings.HasSuffix(r.Path, "/applications/"):
							creates++
							if creates == 2 && deletedAt >= 0 {
								return fmt.Errorf("the new application was created after the old one was deleted")
							}
						case r.Method == http.MethodDelete && strings.Contains(r.Path, "/applications/"+oldID+"/"):
							deletedAt = i
						}
					}
					if creates != 2 || deletedAt < 0 {
						return fmt.Errorf("%d creates, delete of the old application seen: %v", creates, deletedAt >= 0)
					}
					return nil
				},
			},
		},
	})
}
