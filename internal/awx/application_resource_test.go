package awx_test

import (
	"fmt"
	"regexp"
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
					acctest.SecretIssued(tn, addr),
				},
			},
			{ // refresh only: the censored secret AWX returns must not replace the real one
				RefreshState: true,
				Check:        acctest.CheckSecretIssued(tn, addr),
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
				Check: resource.ComposeAggregateTestCheckFunc(acctest.CheckSecretIssued(tn, addr), func(*terraform.State) error {
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

func hcl(name, clientType, grant, extra string) string {
	uris := `["https://app.example.com/callback"]`
	return fmt.Sprintf(`
resource "registrar_awx_oauth_application" "test" {
  name                     = %q
  organization             = 1
  client_type              = %q
  authorization_grant_type = %q
  redirect_uris            = %s
%s
}
`, name, clientType, grant, uris, extra)
}

func mockCount(tn *mockapi.Tenant, want int) resource.TestCheckFunc {
	return acctest.ExpectCount("applications", tn.AWX.Count, want)
}

func TestApplication_publicHasNoSecret(t *testing.T) {
	env := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.Config(hcl("spa", "public", "authorization-code", "")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_secret"), knownvalue.Null()),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_id"), knownvalue.StringRegexp(regexp.MustCompile(`^[A-Za-z0-9]{40}$`))),
			},
		}},
	})
}

func TestApplication_replacementsIssueNewSecrets(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	differs := statecheck.CompareValue(compare.ValuesDiffer())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            env.Config(hcl("rot", "confidential", "authorization-code", "")),
				ConfigStateChecks: []statecheck.StateCheck{differs.AddStateValue(addr, tfjsonpath.New("client_secret"))},
			},
			{ // the grant type cannot change in AWX: replace
				Config: env.Config(hcl("rot", "confidential", "password", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{differs.AddStateValue(addr, tfjsonpath.New("client_secret"))},
				Check:             resource.ComposeAggregateTestCheckFunc(mockCount(tn, 1), acctest.CheckSecretIssued(tn, addr)),
			},
			{ // rotate_when_changed: replace, new secret
				Config: env.Config(hcl("rot", "confidential", "password", `  rotate_when_changed = { rotation = "2026-q4" }`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{differs.AddStateValue(addr, tfjsonpath.New("client_secret"))},
				Check:             resource.ComposeAggregateTestCheckFunc(mockCount(tn, 1), acctest.CheckSecretIssued(tn, addr)),
			},
			{ // client_type change: replace; a public app has no secret
				Config: env.Config(hcl("rot", "public", "password", `  rotate_when_changed = { rotation = "2026-q4" }`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_secret"), knownvalue.Null())},
				Check:             mockCount(tn, 1),
			},
		},
	})
}

func TestApplication_drift(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	cfg := env.Config(hcl("drift", "confidential", "authorization-code", ""))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{ // renamed behind Terraform's back: the plan shows an in-place update back
				PreConfig: func() { tn.AWX.Edit(1, func(a *mockapi.AWXApp) { a.Name = "renamed-by-hand" }) },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("drift")),
				}},
				Check: func(*terraform.State) error {
					if a := tn.AWX.Get(1); a == nil || a.Name != "drift" {
						return fmt.Errorf("the apply did not restore the name: %+v", a)
					}
					return nil
				},
			},
			{ // deleted behind Terraform's back: the next apply creates it again
				PreConfig: func() { tn.AWX.Delete(1) },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("2"))},
				Check:             resource.ComposeAggregateTestCheckFunc(mockCount(tn, 1), acctest.CheckSecretIssued(tn, addr)),
			},
		},
	})
}

func TestApplication_importThenRestoreSecret(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	const secret = "known-secret-abcdefghijklmnopqrstuvwxyz"
	tn.AWX.SetNextSecret(secret)
	base := hcl("imp", "confidential", "authorization-code", "")
	withWO := hcl("imp", "confidential", "authorization-code", fmt.Sprintf("  client_secret_wo = %q\n  client_secret_wo_version = 1", secret))
	var patches int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.Config(base)},
			{ // terraform import: every attribute but the secret matches
				Config:                  env.Config(base),
				ResourceName:            addr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"client_secret"},
			},
			{ // a secret inside the import id is refused
				Config:        env.Config(base),
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: "1:" + secret,
				ExpectError:   acctest.ErrorMatching(`numeric id`, `cannot be part of the id`),
			},
			{ // forget the resource without deleting it
				Config: env.Config(`
removed {
  from = registrar_awx_oauth_application.test
  lifecycle {
    destroy = false
  }
}`),
				Check: mockCount(tn, 1),
			},
			{ // import it with an import block: the secret is null
				Config: env.Config(`
import {
  to = registrar_awx_oauth_application.test
  id = "1"
}
` + base),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_secret"), knownvalue.Null()),
				},
			},
			{ // restore it with the write-only argument: an update, no API call
				PreConfig: func() {
					for _, r := range tn.Requests() {
						if r.Method == "PATCH" || r.Method == "PUT" {
							patches++
						}
					}
				},
				Config: env.Config(withWO),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(addr, tfjsonpath.New("client_secret")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("client_secret")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_secret"), knownvalue.StringExact(secret)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_secret_wo"), knownvalue.Null()),
				},
				Check: func(*terraform.State) error {
					n := 0
					for _, r := range tn.Requests() {
						if r.Method == "PATCH" || r.Method == "PUT" {
							n++
						}
					}
					if n != patches {
						return fmt.Errorf("restoring the secret sent %d update requests to AWX", n-patches)
					}
					return nil
				},
			},
			{Config: env.Config(withWO), PlanOnly: true},
		},
	})
}
