package provider_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// restapiPlatform is how users registered a platform's objects with
// Mastercard/restapi before this provider: the restapi_object's arguments (HCL
// expressions), whose data matches the registrar resource of badinput_test.go's
// valid arguments, and the Authorization header restapi sent.
type restapiPlatform struct {
	typ    string
	object map[string]string
	auth   func(tn *mockapi.Tenant) string
	// count is the number of objects the mock holds.
	count func(tn *mockapi.Tenant) int
}

// ansibleRestapi is an AWX or AAP gateway application registered at apiPath.
func ansibleRestapi(typ, apiPath string, apps func(*mockapi.Tenant) *mockapi.AnsibleApps, token func(mockapi.Credentials) string) restapiPlatform {
	return restapiPlatform{
		typ: typ,
		object: map[string]string{
			"path": acctest.String(apiPath + "applications/"), "read_path": acctest.String(apiPath + "applications/{id}/"),
			"destroy_path": acctest.String(apiPath + "applications/{id}/"),
			"data": `jsonencode({ name = "ok", organization = 1, client_type = "confidential", authorization_grant_type = "authorization-code", ` +
				`redirect_uris = "https://app.example.com/cb" })`,
		},
		auth:  func(tn *mockapi.Tenant) string { return "Bearer " + token(tn.Creds) },
		count: func(tn *mockapi.Tenant) int { return apps(tn).Count() },
	}
}

var (
	awxRestapi = ansibleRestapi("registrar_awx_oauth_application", "/api/v2/",
		func(tn *mockapi.Tenant) *mockapi.AnsibleApps { return tn.AWX }, func(c mockapi.Credentials) string { return c.AWXToken })
	aapRestapi = ansibleRestapi("registrar_aap_oauth_application", "/api/gateway/v1/",
		func(tn *mockapi.Tenant) *mockapi.AnsibleApps { return tn.AAP }, func(c mockapi.Credentials) string { return c.AAPToken })
)

// config is the restapi provider and either the restapi_object or, moved, the
// registrar resource with the changes to its valid arguments.
func (p restapiPlatform) config(env *acctest.Env, moved bool, changes map[string]string) string {
	restapi := acctest.RestapiProviderHCL(env.Tenant.URL(), p.auth(env.Tenant))
	if !moved {
		return env.Config(restapi + acctest.Resource("restapi_object", "test", p.object))
	}
	return env.Config(restapi + acctest.MovedFromRestapi(p.typ+".test") + resourceHCL(p.typ, changes))
}

// noCreates fails when the mock received more than the first create, or holds
// another object: the move must not register the object again.
func (p restapiPlatform) noCreates(tn *mockapi.Tenant, createPath string) resource.TestCheckFunc {
	return resource.ComposeAggregateTestCheckFunc(acctest.ExpectRequests(tn, "POST", createPath, 1),
		acctest.ExpectCount("objects", func() int { return p.count(tn) }, 1))
}

// restapiRecorded checks restapi's state after a refresh: the secret in create_response
// is the one the platform issued, and api_data holds the platform's mask (or, with no
// create_response recorded, only the mask).
func restapiRecorded(apps *mockapi.AnsibleApps, mask string, withCreateResponse bool) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		attrs := s.RootModule().Resources["restapi_object.test"].Primary.Attributes
		if attrs["api_data.client_secret"] != mask {
			return fmt.Errorf("api_data.client_secret (%d bytes) is not the platform's mask", len(attrs["api_data.client_secret"]))
		}
		if !withCreateResponse {
			if attrs["create_response"] != "" {
				return fmt.Errorf("restapi recorded a create_response (%d bytes)", len(attrs["create_response"]))
			}
			return nil
		}
		var created map[string]any
		if err := json.Unmarshal([]byte(attrs["create_response"]), &created); err != nil {
			return fmt.Errorf("restapi recorded no create_response: %v", err)
		}
		if a := apps.Get(1); a == nil || created["client_secret"] != a.ClientSecret {
			return fmt.Errorf("restapi's create_response does not hold the secret the platform issued")
		}
		return nil
	}
}

// TestMoveFromRestapi: an object registered with restapi_object moves to the
// registrar resource with a moved block: restapi_object leaves state, nothing is
// registered again, the client secret comes from restapi's create_response, and the
// plan after is empty. Where the platform can be read (all but Cronofy), a refresh
// before the move leaves restapi only the platform's read, so the secret can come
// from create_response alone.
func TestMoveFromRestapi(t *testing.T) {
	cases := []struct {
		restapiPlatform
		opts acctest.RestapiOptions
		// refresh adds a refresh of restapi's state before the move, checked by refreshed.
		refresh   bool
		refreshed func(tn *mockapi.Tenant) resource.TestCheckFunc
		// createPath matches the create requests (as in acctest.CountRequests).
		createPath string
		// action is the plan of the move; plan, state and check the platform's own checks.
		action plancheck.ResourceActionType
		plan   []plancheck.PlanCheck
		state  []statecheck.StateCheck
		check  func(tn *mockapi.Tenant) resource.TestCheckFunc
		// deletes: the platform can delete, so a refresh keeps the secret and the
		// destroy at the end removes the object.
		deletes bool
	}{
		{
			restapiPlatform: awxRestapi, refresh: true, deletes: true, action: plancheck.ResourceActionNoop,
			refreshed: func(tn *mockapi.Tenant) resource.TestCheckFunc { return restapiRecorded(tn.AWX, "************", true) },
			state:     []statecheck.StateCheck{statecheck.ExpectKnownValue(awxRestapi.typ+".test", tfjsonpath.New("id"), knownvalue.StringExact("1"))},
		},
		{
			restapiPlatform: aapRestapi, refresh: true, deletes: true, action: plancheck.ResourceActionNoop,
			refreshed: func(tn *mockapi.Tenant) resource.TestCheckFunc { return restapiRecorded(tn.AAP, "$encrypted$", true) },
			state:     []statecheck.StateCheck{statecheck.ExpectKnownValue(aapRestapi.typ+".test", tfjsonpath.New("id"), knownvalue.StringExact("1"))},
		},
		{
			// Cronofy cannot be read, so name and url come from restapi's data and the
			// secret from its create_response; restapi's state does not say which data
			// center the application is in, so the first apply records the provider's
			// (an in-place update without any request).
			restapiPlatform: restapiPlatform{
				typ: "registrar_cronofy_application",
				object: map[string]string{"path": `"/v1/applications"`, "id_attribute": `"oauth_client/client_id"`,
					"data": `jsonencode({ name = "Scheduler", url = "https://scheduler.example.com" })`},
				auth:  func(tn *mockapi.Tenant) string { return "Bearer " + tn.Creds.CronofyAdminAPIKey },
				count: func(tn *mockapi.Tenant) int { return tn.Cronofy.Count() },
			},
			opts:   acctest.RestapiOptions{KeepUnreadable: true},
			action: plancheck.ResourceActionUpdate,
			plan: []plancheck.PlanCheck{
				plancheck.ExpectKnownValue("registrar_cronofy_application.test", tfjsonpath.New("data_center"), knownvalue.StringExact("us")),
			},
			state: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("registrar_cronofy_application.test", tfjsonpath.New("name"), knownvalue.StringExact("Scheduler")),
				statecheck.ExpectKnownValue("registrar_cronofy_application.test", tfjsonpath.New("data_center"), knownvalue.StringExact("us")),
			},
		},
		{
			// A draft (applicationId as id_attribute): the publisher Timeback assigned
			// (its read model has none) and the scopes are kept.
			restapiPlatform: restapiPlatform{
				typ: "registrar_timeback_application",
				object: map[string]string{"path": `"/applications/1.0/drafts"`, "read_path": `"/applications/1.0/{id}"`, "id_attribute": `"applicationId"`,
					"data": `jsonencode({ name = "Quiz", description = "Quizzes", launchUrl = "https://quiz.example.com/launch" })`},
				auth:  func(tn *mockapi.Tenant) string { return "Bearer " + tn.Creds.TimebackToken },
				count: func(tn *mockapi.Tenant) int { return tn.Timeback.Count() },
			},
			refresh: true, createPath: `^/applications/1\.0/drafts`, action: plancheck.ResourceActionNoop,
			check: func(tn *mockapi.Tenant) resource.TestCheckFunc {
				return func(s *terraform.State) error {
					rs := s.RootModule().Resources["registrar_timeback_application.test"]
					a := tn.Timeback.Get(rs.Primary.ID)
					if a == nil {
						return fmt.Errorf("the mock has no application %s", rs.Primary.ID)
					}
					if attrs := rs.Primary.Attributes; attrs["publisher_id"] != a.PublisherID || attrs["client_id"] != a.ClientID || attrs["scopes.#"] != "1" {
						return fmt.Errorf("publisher %q, client_id %q (want %q, %q), %s scopes", attrs["publisher_id"], attrs["client_id"], a.PublisherID, a.ClientID, attrs["scopes.#"])
					}
					return nil
				}
			},
		},
	}
	for _, c := range cases {
		t.Run(strings.TrimPrefix(c.typ, "registrar_"), func(t *testing.T) {
			env := acctest.New(t)
			tn := env.Tenant
			addr := c.typ + ".test"
			steps := []resource.TestStep{{Config: c.config(env, false, nil)}}
			if c.refresh {
				step := resource.TestStep{RefreshState: true}
				if c.refreshed != nil {
					step.Check = c.refreshed(tn)
				}
				steps = append(steps, step)
			}
			checks := []resource.TestCheckFunc{acctest.CheckSecretIssued(tn, addr), c.noCreates(tn, c.createPath), func(s *terraform.State) error {
				if _, ok := s.RootModule().Resources["restapi_object.test"]; ok {
					return fmt.Errorf("restapi_object.test is still in state")
				}
				return nil
			}}
			if c.check != nil {
				checks = append(checks, c.check(tn))
			}
			steps = append(steps,
				resource.TestStep{
					Config: c.config(env, true, nil),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: append([]plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, c.action)}, c.plan...),
					},
					ConfigStateChecks: append([]statecheck.StateCheck{statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("client_secret"))}, c.state...),
					Check:             resource.ComposeAggregateTestCheckFunc(checks...),
				},
				resource.TestStep{Config: c.config(env, true, nil), PlanOnly: true},
			)
			if c.deletes {
				steps = append(steps, resource.TestStep{ // the platform masks the secret; a refresh keeps it
					RefreshState: true,
					Check:        resource.ComposeAggregateTestCheckFunc(acctest.CheckSecretIssued(tn, addr), c.noCreates(tn, c.createPath)),
				})
			}
			acctest.MoveTest(t, c.opts, steps)
			if n := c.count(tn); c.deletes && n != 0 {
				t.Fatalf("after destroy the mock still holds %d objects", n)
			}
		})
	}
}

// TestMoveFromRestapi_secretRestored: with a restapi that did not record
// create_response, its state holds only the platform's mask. The move carries over
// everything else and leaves client_secret null (never the mask); client_secret_wo
// then restores the secret with no API call, and the plan is empty.
func TestMoveFromRestapi_secretRestored(t *testing.T) {
	cases := []struct {
		restapiPlatform
		apps func(*mockapi.Tenant) *mockapi.AnsibleApps
		mask string
	}{
		{awxRestapi, func(tn *mockapi.Tenant) *mockapi.AnsibleApps { return tn.AWX }, "************"},
		{aapRestapi, func(tn *mockapi.Tenant) *mockapi.AnsibleApps { return tn.AAP }, "$encrypted$"},
	}
	for _, c := range cases {
		t.Run(strings.TrimPrefix(c.typ, "registrar_"), func(t *testing.T) {
			env := acctest.New(t)
			tn := env.Tenant
			addr := c.typ + ".test"
			const secret = "held-by-the-team-0123456789abcdefghij"
			c.apps(tn).SetNextSecret(secret)
			wo := map[string]string{"client_secret_wo": acctest.String(secret), "client_secret_wo_version": "1"}
			resource.ParallelTest(t, resource.TestCase{
				// write-only arguments need Terraform 1.11
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
				ProtoV6ProviderFactories: acctest.WithRestapi(acctest.RestapiOptions{NoCreateResponse: true}),
				Steps: []resource.TestStep{
					{Config: c.config(env, false, nil)},
					{RefreshState: true, Check: restapiRecorded(c.apps(tn), c.mask, false)},
					{
						Config: c.config(env, true, nil),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
						}},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_secret"), knownvalue.Null()),
						},
						Check: resource.ComposeAggregateTestCheckFunc(c.noCreates(tn, ""), func(s *terraform.State) error {
							if got := s.RootModule().Resources[addr].Primary.Attributes["client_id"]; got != c.apps(tn).Get(1).ClientID {
								return fmt.Errorf("client_id %q is not the mock's", got)
							}
							return nil
						}),
					},
					{
						Config: c.config(env, true, wo),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						}},
						Check: resource.ComposeAggregateTestCheckFunc(acctest.CheckSecretIssued(tn, addr), c.noCreates(tn, "")),
					},
					{Config: c.config(env, true, wo), PlanOnly: true},
				},
			})
		})
	}
}
