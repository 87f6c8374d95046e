package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// TestHostileRead_keepsState: a refresh answered 200 with `{}`, `null` or another
// object is an error, never a new state. After the server recovers, the next plan is
// empty and the resource keeps its id and (where the platform issues one) its client
// secret. Before, AWX took `{}` as an application with id "0", and the refresh after
// that dropped the resource from state, losing its secret (CONTRIBUTING.md, Reads).
func TestHostileRead_keepsState(t *testing.T) {
	resources := []struct{ typ, hcl, secret string }{
		{"registrar_awx_oauth_application", `
  name                     = "hostile"
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "password"`, "client_secret"},
		{"registrar_ltiaas_platform", `
  url                     = "https://lms.example.edu"
  client_id               = "hostile"
  name                    = "hostile"
  authentication_endpoint = "https://lms.example.edu/auth"
  access_token_endpoint   = "https://lms.example.edu/token"
  auth_config = {
    method = "JWK_SET"
    key    = "https://lms.example.edu/jwks"
  }`, ""},
		{"registrar_tpp_oauth_application", `
  application_id = "hostile"
  name           = "hostile"
  vendor         = "Example"
  scope          = "certificate:manage"
  maximum_scope  = "certificate:manage,revoke"`, ""},
		{"registrar_timeback_application", `
  name        = "hostile"
  description = "hostile read"
  launch_url  = "https://quiz.example.com/launch"`, "client_secret"},
		{"registrar_aap_oauth_application", `
  name                     = "hostile"
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "password"`, "client_secret"},
	}
	for _, r := range resources {
		for _, mode := range []string{"empty", "null", "other"} {
			t.Run(strings.TrimPrefix(r.typ, "registrar_")+"/"+mode, func(t *testing.T) {
				env := acctest.New(t)
				addr := r.typ + ".h"
				cfg := env.Config(fmt.Sprintf("resource %q \"h\" {%s\n}\n", r.typ, r.hcl))
				sameID := statecheck.CompareValue(compare.ValuesSame())
				sameSecret := statecheck.CompareValue(compare.ValuesSame())
				keep := func() []statecheck.StateCheck { // each call records the values once more
					checks := []statecheck.StateCheck{sameID.AddStateValue(addr, tfjsonpath.New("id"))}
					if r.secret != "" {
						checks = append(checks, sameSecret.AddStateValue(addr, tfjsonpath.New(r.secret)))
					}
					return checks
				}
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: acctest.ProviderFactories,
					Steps: []resource.TestStep{
						{Config: cfg, ConfigStateChecks: keep()},
						{ // every read of the object answers with a body that does not describe it
							PreConfig:   func() { env.Tenant.SetFaults(mockapi.Faults{MalformReads: 1000, MalformRead: mode}) },
							Config:      cfg,
							ExpectError: regexp.MustCompile(`(?i)could not read|another object|does not describe`),
						},
						{ // the server recovers: same object, same secret, nothing to do
							PreConfig: func() { env.Tenant.SetFaults(mockapi.Faults{}) },
							Config:    cfg,
							ConfigPlanChecks: resource.ConfigPlanChecks{
								PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
							},
							ConfigStateChecks: keep(),
						},
					},
				})
			})
		}
	}
}
