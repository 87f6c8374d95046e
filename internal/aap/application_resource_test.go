package aap_test

import (
	"fmt"
	"regexp"
	"strings"
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

const addr = "registrar_aap_oauth_application.test"

// appHCL is a gateway application with every gateway field set, plus extra.
func appHCL(name, clientType, extra string) string {
	return fmt.Sprintf(`
resource "registrar_aap_oauth_application" "test" {
  name                      = %q
  organization              = 1
  client_type               = %q
  authorization_grant_type  = "authorization-code"
  redirect_uris             = ["https://portal.example.com/cb", "https://portal.example.com/cb2"]
  post_logout_redirect_uris = ["https://portal.example.com/bye"]
  allowed_origins           = ["https://portal.example.com"]
  app_url                   = "https://portal.example.com"
  algorithm                 = "RS256"
%s
}
`, name, clientType, extra)
}

func count(tn *mockapi.Tenant, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := tn.AAP.Count(); n != want {
			return fmt.Errorf("the gateway holds %d applications, want %d", n, want)
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
				Config: env.Config(appHCL("portal", "confidential", `  description = "first"`)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("client_secret")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_secret"), knownvalue.StringRegexp(regexp.MustCompile(`^[A-Za-z0-9]{128}$`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("1")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("pkce_required"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("allowed_origins"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("https://portal.example.com")})),
					sameSecret.AddStateValue(addr, tfjsonpath.New("client_secret")),
					acctest.SecretIssued(tn, addr),
				},
				Check: func(*terraform.State) error {
					a := tn.AAP.Get(1)
					if a == nil || a.RedirectURIs == "" || len(strings.Fields(a.RedirectURIs)) != 2 || a.Algorithm != "RS256" || a.AppURL != "https://portal.example.com" {
						return fmt.Errorf("the create did not reach the gateway as configured: %v", a)
					}
					return nil
				},
			},
			{ // refresh only: "$encrypted$" never replaces the secret
				RefreshState: true,
				Check:        acctest.CheckSecretIssued(tn, addr),
			},
			{Config: env.Config(appHCL("portal", "confidential", `  description = "first"`)), PlanOnly: true},
			{ // in-place update keeps the secret
				Config: env.Config(appHCL("portal-renamed", "confidential", "  description = \"second\"\n  pkce_required = false")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					sameSecret.AddStateValue(addr, tfjsonpath.New("client_secret")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("pkce_required"), knownvalue.Bool(false)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(acctest.CheckSecretIssued(tn, addr), func(*terraform.State) error {
					if a := tn.AAP.Get(1); a == nil || a.Name != "portal-renamed" || a.Description != "second" || a.PKCERequired {
						return fmt.Errorf("the update did not reach the gateway: %v", a)
					}
					return nil
				}),
			},
			{Config: env.Config(appHCL("portal-renamed", "confidential", "  description = \"second\"\n  pkce_required = false")), PlanOnly: true},
			{ // a new client type replaces it: a new secret
				Config: env.Config(appHCL("portal-renamed", "public", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_secret"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("2")),
				},
				Check: count(tn, 1),
			},
		},
	})
	if n := tn.AAP.Count(); n != 0 {
		t.Fatalf("after destroy the gateway still holds %d applications", n)
	}
}

// TestApplication_olderGateway: a gateway without pkce_required keeps the configured
// value in state, or null when unset, and plans no change.
func TestApplication_olderGateway(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	tn.AAP.SetOlder(true)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            env.Config(appHCL("old", "confidential", "")),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("pkce_required"), knownvalue.Null())},
			},
			{Config: env.Config(appHCL("old", "confidential", "")), PlanOnly: true},
			{
				Config:            env.Config(appHCL("old", "confidential", "  pkce_required = true")),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("pkce_required"), knownvalue.Bool(true))},
			},
			{Config: env.Config(appHCL("old", "confidential", "  pkce_required = true")), PlanOnly: true},
		},
	})
}

func TestApplication_drift(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	cfg := env.Config(appHCL("drift", "confidential", ""))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{ // changed behind Terraform's back: the plan puts it back in place
				PreConfig: func() {
					tn.AAP.Edit(1, func(a *mockapi.GatewayApp) { a.Name, a.AllowedOrigins = "renamed-by-hand", "" })
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					if a := tn.AAP.Get(1); a == nil || a.Name != "drift" || a.AllowedOrigins != "https://portal.example.com" {
						return fmt.Errorf("the drift was not corrected: %v", a)
					}
					return nil
				},
			},
			{ // deleted behind Terraform's back: created again
				PreConfig: func() { tn.AAP.Delete(1) },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{acctest.SecretIssued(tn, addr)},
				Check:             count(tn, 1),
			},
		},
	})
}

func TestApplication_importThenRestoreSecret(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	const secret = "known-gateway-secret-abcdefghijklmnopqrstuvwxyz"
	tn.AAP.SetNextSecret(secret)
	base := appHCL("imp", "confidential", "")
	withWO := appHCL("imp", "confidential", fmt.Sprintf("  client_secret_wo = %q\n  client_secret_wo_version = 1", secret))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.Config(base)},
			{
				Config:                  env.Config(base),
				ResourceName:            addr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"client_secret"},
			},
			{
				Config:        env.Config(base),
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: "1:" + secret,
				ExpectError:   acctest.ErrorMatching(`numeric id`, `cannot be part of the id`),
			},
			{
				Config: env.Config(`
removed {
  from = registrar_aap_oauth_application.test
  lifecycle {
    destroy = false
  }
}`),
				Check: count(tn, 1),
			},
			{
				Config: env.Config(`
import {
  to = registrar_aap_oauth_application.test
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
			{
				Config: env.Config(withWO),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("client_secret")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_secret"), knownvalue.StringExact(secret)),
					acctest.SecretIssued(tn, addr),
				},
				Check: func(*terraform.State) error {
					if n := acctest.CountRequests(tn, "PATCH", "/api/gateway/v1/applications/1/"); n != 0 {
						return fmt.Errorf("restoring the secret sent %d PATCH requests", n)
					}
					return nil
				},
			},
			{Config: env.Config(withWO), PlanOnly: true},
		},
	})
}

func TestApplication_duplicateNamesExistingID(t *testing.T) {
	env := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.Config(appHCL("taken", "confidential", "") + `
resource "registrar_aap_oauth_application" "dup" {
  name                     = registrar_aap_oauth_application.test.name
  organization             = 1
  client_type              = "public"
  authorization_grant_type = "password"
}
`),
			ExpectError: acctest.ErrorMatching(`HTTP 400`, `must make a unique set`, `organization 1 already has one named "taken" (id 1)`, `terraform import registrar_aap_oauth_application.<name> 1`),
		}},
	})
}

func TestApplication_onlySuperusersCreate(t *testing.T) {
	env := acctest.New(t)
	c := env.Tenant.Creds
	block := fmt.Sprintf("  aap {\n    base_url = %q\n    username = %q\n    password = %q\n  }\n", env.Tenant.URL(), c.AAPOrgAdminUsername, c.AAPOrgAdminPassword)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.ProviderConfig(map[string]string{"aap": block}) + appHCL("x", "confidential", ""),
			ExpectError: acctest.ErrorMatching(`HTTP 403`, `Only superusers may create gateway applications`),
		}},
	})
	if n := env.Tenant.AAP.Count(); n != 0 {
		t.Fatalf("the gateway holds %d applications", n)
	}
}

func TestApplication_faultsWithoutDuplicates(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	env.Top = []string{"max_retries = 10"}
	tn.SetFaults(mockapi.Faults{Rate429: 0.25, Rate503: 0.15, Seed: 11})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.Config(`
resource "registrar_aap_oauth_application" "many" {
  count                    = 4
  name                     = "faulty-${count.index}"
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "password"
}`),
			ConfigStateChecks: []statecheck.StateCheck{acctest.SecretIssued(tn)},
			Check: resource.ComposeAggregateTestCheckFunc(count(tn, 4), func(*terraform.State) error {
				if acctest.CountFaults(tn) == 0 {
					return fmt.Errorf("no fault was injected: the test proves nothing")
				}
				return nil
			}),
		}},
	})
}

// TestApplication_lostCreateResponse: the gateway stores the application and the
// response is lost; the provider finds it by (name, organization), reports it with
// the import command and does not create a second one.
func TestApplication_lostCreateResponse(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	tn.SetFaults(mockapi.Faults{DropCreates: 1})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.Config(appHCL("lost", "confidential", "")),
			ExpectError: acctest.ErrorMatching(`may exist outside Terraform state`, `terraform import registrar_aap_oauth_application.<name> 1`),
		}},
	})
	if n := tn.AAP.Count(); n != 1 {
		t.Fatalf("the gateway holds %d applications, want the one lost create", n)
	}
}

func TestApplication_dataSource(t *testing.T) {
	env := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.Config(appHCL("lookup", "confidential", "") + `
data "registrar_aap_oauth_application" "by_id" {
  id = registrar_aap_oauth_application.test.id
}
data "registrar_aap_oauth_application" "by_name" {
  name         = registrar_aap_oauth_application.test.name
  organization = 1
}`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.CompareValuePairs(addr, tfjsonpath.New("client_id"), "data.registrar_aap_oauth_application.by_id", tfjsonpath.New("client_id"), compare.ValuesSame()),
				statecheck.CompareValuePairs(addr, tfjsonpath.New("id"), "data.registrar_aap_oauth_application.by_name", tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.registrar_aap_oauth_application.by_name", tfjsonpath.New("algorithm"), knownvalue.StringExact("RS256")),
				statecheck.ExpectKnownValue("data.registrar_aap_oauth_application.by_id", tfjsonpath.New("post_logout_redirect_uris"),
					knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("https://portal.example.com/bye")})),
			},
		}},
	})
}
