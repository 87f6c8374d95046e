package awx_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// A create answered with a body the provider cannot read is never resent: the
// application is found by name and reported with its import command, and only one exists.
func TestApplication_malformedCreateResponses(t *testing.T) {
	for _, mode := range []string{"html", "truncated", "notjson", "omit:id"} {
		t.Run(mode, func(t *testing.T) {
			env := acctest.New(t)
			env.Tenant.SetFaults(mockapi.Faults{MalformCreates: 1, Malform: mode})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      env.Config(hcl("garbled", "confidential", "password", "")),
					ExpectError: acctest.ErrorMatching(`may exist outside Terraform state`, `with id "1"`, `terraform import registrar_awx_oauth_application.<name> 1`),
				}},
			})
			if n := env.Tenant.AWX.Count(); n != 1 {
				t.Fatalf("the mock holds %d applications, want 1 (no resend)", n)
			}
		})
	}
}

// A create response with an id but no secret still puts the id into state, and warns.
func TestApplication_createResponseWithoutSecret(t *testing.T) {
	env := acctest.New(t)
	env.Tenant.SetFaults(mockapi.Faults{MalformCreates: 1, Malform: "omit:client_secret"})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.Config(hcl("nosecret", "confidential", "password", "")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("1")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_secret"), knownvalue.Null()),
			},
		}},
	})
}
