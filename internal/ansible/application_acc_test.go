package ansible_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
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

// knownValues checks that address holds each attribute of want.
func knownValues(address string, want map[string]knownvalue.Check) []statecheck.StateCheck {
	checks := make([]statecheck.StateCheck, 0, len(want))
	for attr, v := range want {
		checks = append(checks, statecheck.ExpectKnownValue(address, tfjsonpath.New(attr), v))
	}
	return checks
}

func TestApplication_lifecycle(t *testing.T) {
	eachFlavor(t, func(t *testing.T, f flavor) {
		env := acctest.New(t)
		tn := env.Tenant
		sameSecret := statecheck.CompareValue(compare.ValuesSame())
		created := env.Config(f.app("ci", map[string]string{"description": `"first"`}))
		updated := env.Config(f.app("ci-renamed", map[string]string{"description": `"second"`}))
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: created,
					ConfigStateChecks: append(knownValues(f.addr, f.known),
						statecheck.ExpectSensitiveValue(f.addr, tfjsonpath.New("client_secret")),
						statecheck.ExpectKnownValue(f.addr, tfjsonpath.New("client_secret"), knownvalue.StringRegexp(regexp.MustCompile(`^[A-Za-z0-9]{128}$`))),
						statecheck.ExpectKnownValue(f.addr, tfjsonpath.New("id"), knownvalue.StringExact("1")),
						sameSecret.AddStateValue(f.addr, tfjsonpath.New("client_secret")),
						acctest.SecretIssued(tn, f.addr),
					),
					Check: func(*terraform.State) error { return f.configured(f.apps(tn).Get(1)) },
				},
				{ // refresh only: the masked secret the platform returns must not replace the real one
					RefreshState: true,
					Check:        acctest.CheckSecretIssued(tn, f.addr),
				},
				{Config: created, PlanOnly: true},
				{ // in-place update keeps the secret
					Config: updated,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(f.addr, plancheck.ResourceActionUpdate)},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						sameSecret.AddStateValue(f.addr, tfjsonpath.New("client_secret")),
						statecheck.ExpectKnownValue(f.addr, tfjsonpath.New("name"), knownvalue.StringExact("ci-renamed")),
					},
					Check: resource.ComposeAggregateTestCheckFunc(acctest.CheckSecretIssued(tn, f.addr), func(*terraform.State) error {
						if a := f.apps(tn).Get(1); a == nil || a.Name != "ci-renamed" || a.Description != "second" {
							return fmt.Errorf("the update did not reach %s: %+v", f.title, a)
						}
						return nil
					}),
				},
				{Config: updated, PlanOnly: true},
			},
		})
		if n := f.apps(tn).Count(); n != 0 {
			t.Fatalf("after destroy the mock still holds %d applications", n)
		}
	})
}

func TestApplication_publicHasNoSecret(t *testing.T) {
	eachFlavor(t, func(t *testing.T, f flavor) {
		env := acctest.New(t)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProviderFactories,
			Steps: []resource.TestStep{{
				Config: env.Config(f.app("spa", map[string]string{"client_type": `"public"`})),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(f.addr, tfjsonpath.New("client_secret"), knownvalue.Null()),
					statecheck.ExpectKnownValue(f.addr, tfjsonpath.New("client_id"), knownvalue.StringRegexp(regexp.MustCompile(`^[A-Za-z0-9]{40}$`))),
				},
			}},
		})
	})
}

// TestApplication_replacementsIssueNewSecrets: each change, on top of the ones
// before it, replaces the application (a new id) and, while it is confidential,
// issues a new secret.
func TestApplication_replacementsIssueNewSecrets(t *testing.T) {
	replacements := []map[string]string{
		{"authorization_grant_type": `"password"`},          // the platform cannot change the grant type
		{"rotate_when_changed": `{ rotation = "2026-q4" }`}, // rotation
		{"client_type": `"public"`},                         // a public application has no secret
	}
	eachFlavor(t, func(t *testing.T, f flavor) {
		env := acctest.New(t)
		tn := env.Tenant
		differs := statecheck.CompareValue(compare.ValuesDiffer())
		steps := []resource.TestStep{{
			Config:            env.Config(f.app("rot", nil)),
			ConfigStateChecks: []statecheck.StateCheck{differs.AddStateValue(f.addr, tfjsonpath.New("client_secret"))},
		}}
		changes := map[string]string{}
		for i, r := range replacements {
			changes = acctest.With(changes, r)
			secret, checks := differs.AddStateValue(f.addr, tfjsonpath.New("client_secret")), []resource.TestCheckFunc{f.count(tn, 1)}
			if changes["client_type"] == `"public"` {
				secret = statecheck.ExpectKnownValue(f.addr, tfjsonpath.New("client_secret"), knownvalue.Null())
			} else {
				checks = append(checks, acctest.CheckSecretIssued(tn, f.addr))
			}
			steps = append(steps, resource.TestStep{
				Config: env.Config(f.app("rot", changes)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(f.addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{secret, statecheck.ExpectKnownValue(f.addr, tfjsonpath.New("id"), knownvalue.StringExact(strconv.Itoa(i+2)))},
				Check:             resource.ComposeAggregateTestCheckFunc(checks...),
			})
		}
		resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProviderFactories, Steps: steps})
	})
}

// TestApplication_drift: changes made behind Terraform's back show in the plan and
// the apply puts the application back as configured.
func TestApplication_drift(t *testing.T) {
	eachFlavor(t, func(t *testing.T, f flavor) {
		env := acctest.New(t)
		tn := env.Tenant
		cfg := env.Config(f.app("drift", nil))
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProviderFactories,
			Steps: []resource.TestStep{
				{Config: cfg},
				{ // renamed and every list and field emptied by hand: an in-place update back
					PreConfig: func() {
						f.apps(tn).Edit(1, func(a *mockapi.AnsibleApp) {
							a.Name, a.RedirectURIs, a.PostLogoutRedirectURIs, a.AllowedOrigins, a.AppURL, a.Algorithm = "renamed-by-hand", "", "", "", "", ""
						})
					},
					Config: cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(f.addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(f.addr, tfjsonpath.New("name"), knownvalue.StringExact("drift")),
					}},
					Check: func(*terraform.State) error {
						a := f.apps(tn).Get(1)
						if a == nil || a.Name != "drift" {
							return fmt.Errorf("the apply did not restore the name: %+v", a)
						}
						return f.configured(a)
					},
				},
				{ // deleted behind Terraform's back: the next apply creates it again
					PreConfig: func() { f.apps(tn).Delete(1) },
					Config:    cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(f.addr, plancheck.ResourceActionCreate),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(f.addr, tfjsonpath.New("id"), knownvalue.StringExact("2")),
						acctest.SecretIssued(tn, f.addr),
					},
					Check: f.count(tn, 1),
				},
			},
		})
	})
}

// TestApplication_importThenRestoreSecret: an imported application has no secret;
// the write-only argument restores it without an API call.
func TestApplication_importThenRestoreSecret(t *testing.T) {
	eachFlavor(t, func(t *testing.T, f flavor) {
		env := acctest.New(t)
		tn := env.Tenant
		f.apps(tn).SetNextSecret(knownSecret)
		base := env.Config(f.app("imp", nil))
		withWO := env.Config(f.restoring("imp"))
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProviderFactories,
			Steps: []resource.TestStep{
				{Config: base},
				{ // terraform import: every attribute but the secret matches
					Config:                  base,
					ResourceName:            f.addr,
					ImportState:             true,
					ImportStateVerify:       true,
					ImportStateVerifyIgnore: []string{"client_secret"},
				},
				{ // a secret inside the import id is refused
					Config:        base,
					ResourceName:  f.addr,
					ImportState:   true,
					ImportStateId: "1:" + knownSecret,
					ExpectError:   acctest.ErrorMatching(`numeric id`, `cannot be part of the id`),
				},
				{ // forget the resource without deleting it
					Config: env.Config(fmt.Sprintf("removed {\n  from = %s\n  lifecycle {\n    destroy = false\n  }\n}\n", f.addr)),
					Check:  f.count(tn, 1),
				},
				{ // import it with an import block: the secret is null
					Config: env.Config(f.importing("1") + f.app("imp", nil)),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(f.addr, plancheck.ResourceActionNoop),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(f.addr, tfjsonpath.New("client_secret"), knownvalue.Null()),
					},
				},
				{ // restore it with the write-only argument: an update, no API call
					Config: withWO,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(f.addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(f.addr, tfjsonpath.New("client_secret")),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectSensitiveValue(f.addr, tfjsonpath.New("client_secret")),
						statecheck.ExpectKnownValue(f.addr, tfjsonpath.New("client_secret"), knownvalue.StringExact(knownSecret)),
						statecheck.ExpectKnownValue(f.addr, tfjsonpath.New("client_secret_wo"), knownvalue.Null()),
						acctest.SecretIssued(tn, f.addr),
					},
					// No step of this test changes the application: no update request at all.
					Check: resource.ComposeAggregateTestCheckFunc(
						acctest.ExpectRequests(tn, http.MethodPatch, "/applications/", 0),
						acctest.ExpectRequests(tn, http.MethodPut, "/applications/", 0),
					),
				},
				{Config: withWO, PlanOnly: true},
			},
		})
	})
}

func TestApplication_dataSource(t *testing.T) {
	eachFlavor(t, func(t *testing.T, f flavor) {
		env := acctest.New(t)
		byID, byName := "data."+f.typ+".by_id", "data."+f.typ+".by_name"
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProviderFactories,
			Steps: []resource.TestStep{{
				Config: env.Config(f.app("lookup", nil) + fmt.Sprintf(`
data %[1]q "by_id" {
  id = %[2]s.id
}
data %[1]q "by_name" {
  name         = %[2]s.name
  organization = 1
}`, f.typ, f.addr)),
				ConfigStateChecks: append(append(knownValues(byID, f.known), knownValues(byName, f.known)...),
					statecheck.CompareValuePairs(f.addr, tfjsonpath.New("client_id"), byID, tfjsonpath.New("client_id"), compare.ValuesSame()),
					statecheck.CompareValuePairs(f.addr, tfjsonpath.New("id"), byName, tfjsonpath.New("id"), compare.ValuesSame()),
				),
			}},
		})
	})
}

// TestApplication_credentialErrors: an unconfigured block names its environment
// variables, a wrong token is the platform's 401 with the settings to check, and
// username and password work as well as a token.
func TestApplication_credentialErrors(t *testing.T) {
	eachFlavor(t, func(t *testing.T, f flavor) {
		env := acctest.New(t)
		body := f.app("cred", map[string]string{"client_type": `"public"`, "authorization_grant_type": `"password"`})
		block := func(args map[string]string) string {
			return env.ProviderConfig(map[string]string{f.name: acctest.Block(f.name, acctest.With(args, map[string]string{"base_url": acctest.String(env.Tenant.URL())}))}) + body
		}
		user, password := f.basic(env.Tenant.Creds)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config:      env.ProviderConfig(map[string]string{f.name: ""}) + body,
					ExpectError: acctest.ErrorMatching(fmt.Sprintf(`The %s platform is not configured`, f.title), f.baseURLEnv, f.tokenEnv),
				},
				{
					Config:      block(map[string]string{"token": `"wrong"`}),
					ExpectError: acctest.ErrorMatching(`HTTP 401`, `Authentication credentials were not provided.`, f.tokenEnv),
				},
				{
					Config: block(map[string]string{"username": acctest.String(user), "password": acctest.String(password)}),
					Check:  f.count(env.Tenant, 1),
				},
			},
		})
	})
}

// rotating is the documented zero-downtime rotation, with a plain value where a
// configuration would use time_rotating: the value is both a name suffix and
// rotate_when_changed, and create_before_destroy registers the new application
// before the old one is deleted.
func (f flavor) rotating(rotation string) string {
	return fmt.Sprintf(`
locals {
  rotation = %q
}

resource %q "test" {
  name                     = "rotating-${local.rotation}"
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "password"
  rotate_when_changed      = { rotation = local.rotation }

  lifecycle {
    create_before_destroy = true
  }
}
`, rotation, f.typ)
}

// TestApplication_rotation: a changed rotate_when_changed value with
// create_before_destroy creates the new application (with a new client id and
// secret) before deleting the old one.
func TestApplication_rotation(t *testing.T) {
	eachFlavor(t, func(t *testing.T, f flavor) {
		env := acctest.New(t)
		tn := env.Tenant
		secrets := statecheck.CompareValue(compare.ValuesDiffer())
		ids := statecheck.CompareValue(compare.ValuesDiffer())
		var oldID string
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: env.Config(f.rotating("2026-01")),
					ConfigStateChecks: []statecheck.StateCheck{
						secrets.AddStateValue(f.addr, tfjsonpath.New("client_secret")),
						ids.AddStateValue(f.addr, tfjsonpath.New("client_id")),
					},
					Check: func(s *terraform.State) error {
						oldID = s.RootModule().Resources[f.addr].Primary.ID
						return nil
					},
				},
				{
					Config: env.Config(f.rotating("2026-02")),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(f.addr, plancheck.ResourceActionCreateBeforeDestroy)},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectSensitiveValue(f.addr, tfjsonpath.New("client_secret")),
						secrets.AddStateValue(f.addr, tfjsonpath.New("client_secret")),
						ids.AddStateValue(f.addr, tfjsonpath.New("client_id")),
					},
					Check: func(s *terraform.State) error {
						apps := f.apps(tn)
						rs := s.RootModule().Resources[f.addr]
						newID, _ := strconv.Atoi(rs.Primary.ID)
						app := apps.Get(newID)
						if app == nil || app.Name != "rotating-2026-02" || app.ClientSecret != rs.Primary.Attributes["client_secret"] {
							return fmt.Errorf("state does not hold the new application and its issued secret")
						}
						old, _ := strconv.Atoi(oldID)
						if apps.Get(old) != nil || apps.Count() != 1 {
							return fmt.Errorf("the old application %s was not deleted (the mock holds %d)", oldID, apps.Count())
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
	})
}

// The gateway's own behaviour: AWX has neither pkce_required nor a create limited
// to superusers.

// TestApplication_gatewayPKCERequired: pkce_required unset takes the gateway's value
// (true on a current gateway; null on an older one, which does not know the field),
// and a configured value is kept and plans no change on both.
func TestApplication_gatewayPKCERequired(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		older bool
		unset knownvalue.Check // state with pkce_required unset
		set   bool             // the configured value then
	}{
		{name: "current", unset: knownvalue.Bool(true), set: false},
		{name: "older", older: true, unset: knownvalue.Null(), set: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := acctest.New(t)
			tn := env.Tenant
			tn.AAP.SetOlder(tc.older)
			unset := env.Config(aap.app("pkce", nil))
			set := env.Config(aap.app("pkce", map[string]string{"pkce_required": fmt.Sprint(tc.set)}))
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:            unset,
						ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(aap.addr, tfjsonpath.New("pkce_required"), tc.unset)},
					},
					{Config: unset, PlanOnly: true},
					{
						Config: set,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(aap.addr, plancheck.ResourceActionUpdate)},
						},
						ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(aap.addr, tfjsonpath.New("pkce_required"), knownvalue.Bool(tc.set))},
						Check: func(*terraform.State) error {
							// An older gateway neither stores nor returns the field.
							if a := tn.AAP.Get(1); a == nil || a.PKCERequired != (tc.set && !tc.older) {
								return fmt.Errorf("the gateway holds %+v", a)
							}
							return nil
						},
					},
					{Config: set, PlanOnly: true},
				},
			})
		})
	}
}

func TestApplication_gatewayOnlySuperusersCreate(t *testing.T) {
	env := acctest.New(t)
	c := env.Tenant.Creds
	block := acctest.Block("aap", map[string]string{
		"base_url": acctest.String(env.Tenant.URL()), "username": acctest.String(c.AAPOrgAdminUsername), "password": acctest.String(c.AAPOrgAdminPassword),
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.ProviderConfig(map[string]string{"aap": block}) + aap.app("x", nil),
			ExpectError: acctest.ErrorMatching(`HTTP 403`, `Only superusers may create gateway applications`),
		}},
	})
	if n := env.Tenant.AAP.Count(); n != 0 {
		t.Fatalf("the gateway holds %d applications", n)
	}
}
