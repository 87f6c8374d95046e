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
	return func(*terraform.State) error {
		if n := tn.AWX.Count(); n != want {
			return fmt.Errorf("the mock holds %d applications, want %d", n, want)
		}
		return nil
	}
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
				Check:             resource.ComposeAggregateTestCheckFunc(mockCount(tn, 1), secretIssued(tn)),
			},
			{ // rotate_when_changed: replace, new secret
				Config: env.Config(hcl("rot", "confidential", "password", `  rotate_when_changed = { rotation = "2026-q4" }`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{differs.AddStateValue(addr, tfjsonpath.New("client_secret"))},
				Check:             resource.ComposeAggregateTestCheckFunc(mockCount(tn, 1), secretIssued(tn)),
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
				Check:             resource.ComposeAggregateTestCheckFunc(mockCount(tn, 1), secretIssued(tn)),
			},
		},
	})
}

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
				faults := 0
				for _, r := range tn.Requests() {
					if r.Fault != "" {
						faults++
					}
				}
				if faults == 0 {
					return fmt.Errorf("no fault was injected: the test proves nothing")
				}
				issued := map[string]string{}
				for _, a := range tn.AWX.All() {
					issued[fmt.Sprint(a.ID)] = a.ClientSecret
				}
				for i := 0; i < 6; i++ {
					rs := s.RootModule().Resources[fmt.Sprintf("registrar_awx_oauth_application.many.%d", i)]
					if rs == nil {
						return fmt.Errorf("many[%d] is not in state", i)
					}
					want, ok := issued[rs.Primary.ID]
					if !ok || want == "" || rs.Primary.Attributes["client_secret"] != want {
						return fmt.Errorf("many[%d] (id %s): the secret in state is not the one AWX issued", i, rs.Primary.ID)
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
				Check: secretIssued(tn),
			},
			{Config: env.Config(hcl("lost", "confidential", "authorization-code", fmt.Sprintf("  client_secret_wo = %q\n  client_secret_wo_version = 1", secret))), PlanOnly: true},
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

func TestApplication_dataSource(t *testing.T) {
	env := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.Config(hcl("lookup", "confidential", "authorization-code", "") + `
data "registrar_awx_oauth_application" "by_id" {
  id = registrar_awx_oauth_application.test.id
}
data "registrar_awx_oauth_application" "by_name" {
  name         = registrar_awx_oauth_application.test.name
  organization = 1
}`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.CompareValuePairs(addr, tfjsonpath.New("client_id"), "data.registrar_awx_oauth_application.by_id", tfjsonpath.New("client_id"), compare.ValuesSame()),
				statecheck.CompareValuePairs(addr, tfjsonpath.New("id"), "data.registrar_awx_oauth_application.by_name", tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.registrar_awx_oauth_application.by_name", tfjsonpath.New("redirect_uris"),
					knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("https://app.example.com/callback")})),
			},
		}},
	})
}

func TestApplication_credentialErrors(t *testing.T) {
	env := acctest.New(t)
	body := hcl("cred", "public", "password", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.ProviderConfig(map[string]string{"awx": ""}) + body,
				ExpectError: acctest.ErrorMatching(`The AWX platform is not configured`, `CONTROLLER_HOST`, `CONTROLLER_OAUTH_TOKEN`),
			},
			{
				Config:      env.ProviderConfig(map[string]string{"awx": fmt.Sprintf("  awx {\n    base_url = %q\n    token = \"wrong\"\n  }\n", env.Tenant.URL())}) + body,
				ExpectError: acctest.ErrorMatching(`HTTP 401`, `Authentication credentials were not provided.`, `CONTROLLER_OAUTH_TOKEN`),
			},
			{ // username and password work too
				Config: env.ProviderConfig(map[string]string{"awx": fmt.Sprintf("  awx {\n    base_url = %q\n    username = %q\n    password = %q\n  }\n",
					env.Tenant.URL(), env.Tenant.Creds.AWXUsername, env.Tenant.Creds.AWXPassword)}) + body,
				Check: mockCount(env.Tenant, 1),
			},
		},
	})
}
