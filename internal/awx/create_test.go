package awx_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

func TestApplication_duplicateNameNamesOrganization(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.Config(hcl("taken", "confidential", "authorization-code", "") + `
resource "registrar_awx_oauth_application" "dup" {
  name                     = registrar_awx_oauth_application.test.name
  organization             = 1
  client_type              = "public"
  authorization_grant_type = "password"
}
`),
			ExpectError: acctest.ErrorMatching(`HTTP 400`, `Application with this Name and Organization already exists`, `organization 1 already has one named "taken" (id 1)`, `terraform import registrar_awx_oauth_application.<name> 1`),
		}},
	})
	if n := tn.AWX.Count(); n != 0 {
		t.Fatalf("after destroy the mock holds %d applications", n)
	}
}

func TestApplication_faultsSurvivedWithoutDuplicates(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	env.Top = []string{"max_retries = 10"}
	tn.SetFaults(mockapi.Faults{Rate429: 0.25, Rate503: 0.15, Seed: 7})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.Config(`
resource "registrar_awx_oauth_application" "many" {
  count                    = 6
  name                     = "faulty-${count.index}"
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "password"
}`),
			Check: func(s *terraform.State) error {
				if n := tn.AWX.Count(); n != 6 {
					return fmt.Errorf("the mock holds %d applications, want 6", n)
				}
				if acctest.CountFaults(tn) == 0 {
					return fmt.Errorf("no fault was injected: the test proves nothing")
				}
				for i := 0; i < 6; i++ {
					if err := acctest.CheckSecretIssued(tn, fmt.Sprintf("registrar_awx_oauth_application.many.%d", i))(s); err != nil {
						return err
					}
				}
				return nil
			},
		}},
	})
}

func TestApplication_lostCreateResponse(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	const secret = "restored-secret-0123456789abcdef"
	tn.AWX.SetNextSecret(secret)
	tn.SetFaults(mockapi.Faults{DropCreates: 1})
	body := hcl("lost", "confidential", "authorization-code", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.Config(body),
				ExpectError: acctest.ErrorMatching(`may exist outside Terraform state`, `response was lost`, `with id "1"`, `no duplicate`, `terraform import registrar_awx_oauth_application.<name> 1`),
			},
			{ // import the orphan, restore its secret, and the plan is empty
				PreConfig: func() {
					if n := tn.AWX.Count(); n != 1 {
						t.Errorf("after the lost response the mock holds %d applications, want 1", n)
					}
				},
				Config: env.Config(`
import {
  to = registrar_awx_oauth_application.test
  id = "1"
}
` + hcl("lost", "confidential", "authorization-code", fmt.Sprintf("  client_secret_wo = %q\n  client_secret_wo_version = 1", secret))),
				Check: acctest.CheckSecretIssued(tn, addr),
			},
			{Config: env.Config(hcl("lost", "confidential", "authorization-code", fmt.Sprintf("  client_secret_wo = %q\n  client_secret_wo_version = 1", secret))), PlanOnly: true},
		},
	})
}

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
