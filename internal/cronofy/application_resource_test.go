package cronofy_test

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
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

const (
	addrUS = "registrar_cronofy_application.us"
	addrUK = "registrar_cronofy_application.uk"
	addr   = "registrar_cronofy_application.test"
)

// emptyState checks that the state after a step holds no resources.
type emptyState struct{}

func (emptyState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
		return
	}
	for _, r := range req.State.Values.RootModule.Resources {
		resp.Error = fmt.Errorf("%s is still in state", r.Address)
		return
	}
}

func appHCL(label, name, extra string) string {
	return fmt.Sprintf(`
resource "registrar_cronofy_application" %q {
  name = %q
  url  = "https://scheduler.example.com"
%s
}
`, label, name, extra)
}

// onlyCreates checks that the provider sent exactly n requests, all creates: no
// read, refresh or delete ever reaches Cronofy.
func onlyCreates(tn *mockapi.Tenant, n int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		reqs := tn.Requests()
		for _, r := range reqs {
			if r.Method != http.MethodPost || r.Path != "/v1/applications" {
				return fmt.Errorf("unexpected request %s %s (HTTP %d): Cronofy has only the create call", r.Method, r.Path, r.Status)
			}
		}
		if len(reqs) != n {
			return fmt.Errorf("%d requests reached the mock, want %d", len(reqs), n)
		}
		return nil
	}
}

func TestApplication_lifecycle(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	usSecret := statecheck.CompareValue(compare.ValuesSame())
	ukSecret := statecheck.CompareValue(compare.ValuesSame())
	usSecretChanges := statecheck.CompareValue(compare.ValuesDiffer())
	usIDChanges := statecheck.CompareValue(compare.ValuesDiffer())
	var firstUSClientID string
	config := env.Config(appHCL("us", "Scheduler", "") + appHCL("uk", "Scheduler UK", `  data_center = "uk"`))
	renamed := env.Config(appHCL("us", "Scheduler v2", "") + appHCL("uk", "Scheduler UK", `  data_center = "uk"`))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			// Destroy cannot delete on Cronofy: all three applications (the two current
			// ones and the one the replacement left behind) are still there.
			if n := tn.Cronofy.Count(); n != 3 {
				return fmt.Errorf("after destroy the mock holds %d applications, want 3", n)
			}
			return onlyCreates(tn, 3)(s)
		},
		Steps: []resource.TestStep{
			{ // create in two data centers
				Config: config,
				ConfigPlanChecks: acctest.PreApply(
					// The provider's data center is known at plan time.
					plancheck.ExpectKnownValue(addrUS, tfjsonpath.New("data_center"), knownvalue.StringExact("us")),
					plancheck.ExpectUnknownValue(addrUS, tfjsonpath.New("client_secret")),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectSensitiveValue(addrUS, tfjsonpath.New("client_secret")),
					statecheck.ExpectSensitiveValue(addrUK, tfjsonpath.New("client_secret")),
					statecheck.ExpectKnownValue(addrUS, tfjsonpath.New("data_center"), knownvalue.StringExact("us")),
					statecheck.ExpectKnownValue(addrUK, tfjsonpath.New("data_center"), knownvalue.StringExact("uk")),
					statecheck.ExpectKnownValue(addrUS, tfjsonpath.New("client_secret"), knownvalue.StringRegexp(regexp.MustCompile(`^[A-Za-z0-9]{64}$`))),
					statecheck.CompareValuePairs(addrUS, tfjsonpath.New("id"), addrUS, tfjsonpath.New("client_id"), compare.ValuesSame()),
					usSecret.AddStateValue(addrUS, tfjsonpath.New("client_secret")),
					ukSecret.AddStateValue(addrUK, tfjsonpath.New("client_secret")),
					usSecretChanges.AddStateValue(addrUS, tfjsonpath.New("client_secret")),
					usIDChanges.AddStateValue(addrUS, tfjsonpath.New("client_id")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					acctest.CheckSecretIssued(tn, addrUS), acctest.CheckSecretIssued(tn, addrUK), onlyCreates(tn, 2),
					func(s *terraform.State) error {
						firstUSClientID = s.RootModule().Resources[addrUS].Primary.ID
						if a := tn.Cronofy.Get(firstUSClientID); a == nil || a.Name != "Scheduler" || a.URL != "https://scheduler.example.com" {
							return fmt.Errorf("the mock holds %+v", a)
						}
						return nil
					},
				),
			},
			{ // refresh: no request, the secret stays
				RefreshState: true,
				Check:        resource.ComposeAggregateTestCheckFunc(acctest.CheckSecretIssued(tn, addrUS), acctest.CheckSecretIssued(tn, addrUK), onlyCreates(tn, 2)),
			},
			{ // nothing to do after apply and refresh
				Config:            config,
				ConfigStateChecks: []statecheck.StateCheck{usSecret.AddStateValue(addrUS, tfjsonpath.New("client_secret"))},
				ConfigPlanChecks: acctest.PreApply(
					plancheck.ExpectResourceAction(addrUS, plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction(addrUK, plancheck.ResourceActionNoop),
				),
				Check: onlyCreates(tn, 2),
			},
			{ // import both forms: <data_center>/<client_id> and <client_id> (the provider's data center)
				ResourceName: addrUK,
				ImportState:  true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					return "uk/" + s.RootModule().Resources[addrUK].Primary.ID, nil
				},
				ImportStateVerify: true,
				// No API can read these: name and url are null after an import, and the secret too.
				ImportStateVerifyIgnore: []string{"client_secret", "name", "url"},
			},
			{
				ResourceName:            addrUS,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"client_secret", "name", "url"},
			},
			{ // a new name replaces: a second application with a new secret; the old one stays
				Config: renamed,
				ConfigPlanChecks: acctest.PreApply(
					plancheck.ExpectResourceAction(addrUS, plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectResourceAction(addrUK, plancheck.ResourceActionNoop),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectSensitiveValue(addrUS, tfjsonpath.New("client_secret")),
					usSecretChanges.AddStateValue(addrUS, tfjsonpath.New("client_secret")),
					usIDChanges.AddStateValue(addrUS, tfjsonpath.New("client_id")),
					ukSecret.AddStateValue(addrUK, tfjsonpath.New("client_secret")),
					statecheck.ExpectKnownValue(addrUS, tfjsonpath.New("name"), knownvalue.StringExact("Scheduler v2")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					acctest.CheckSecretIssued(tn, addrUS), acctest.CheckSecretIssued(tn, addrUK), onlyCreates(tn, 3),
					func(*terraform.State) error {
						if tn.Cronofy.Get(firstUSClientID) == nil {
							return fmt.Errorf("the replaced application %s is gone from the mock; nothing can delete it", firstUSClientID)
						}
						return nil
					},
				),
			},
			{ // destroy: the state is empty, and nothing was deleted on Cronofy (CheckDestroy)
				Config:            renamed,
				Destroy:           true,
				ConfigStateChecks: []statecheck.StateCheck{emptyState{}},
			},
		},
	})
}

// TestApplication_importThenRestoreSecret imports applications provisioned outside
// Terraform (as in the dashboard) in both id forms, then restores the secret with
// client_secret_wo, all without a single API request.
func TestApplication_importThenRestoreSecret(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	uk := tn.Cronofy.Add("Booking UK", "https://booking.example.com", "api-uk.cronofy.com")
	us := tn.Cronofy.Add("Booking", "https://booking.example.com", "api.cronofy.com")
	withSecret := func(label, name, dc, secret string) string {
		extra := acctest.WriteOnlySecret(secret)
		if dc != "" {
			extra += fmt.Sprintf("  data_center = %q\n", dc)
		}
		return appHCL(label, name, extra)
	}
	plain := env.Config(appHCL("uk", "Booking UK", `  data_center = "uk"`))
	// The second form through an import block, applied together with the restore.
	both := env.Config(withSecret("uk", "Booking UK", "uk", uk.ClientSecret) + fmt.Sprintf(`
import {
  to = %s
  id = %q
}
`, addrUS, us.ClientID) + withSecret("us", "Booking", "", us.ClientSecret))
	noRequests := func(*terraform.State) error {
		if reqs := tn.Requests(); len(reqs) != 0 {
			return fmt.Errorf("an import or restore sent %d request(s), first %s %s", len(reqs), reqs[0].Method, reqs[0].Path)
		}
		return nil
	}
	acctest.Run(t, []resource.TestStep{
		{
			Config:             plain,
			ResourceName:       addrUK,
			ImportState:        true,
			ImportStateId:      "uk/" + uk.ClientID,
			ImportStatePersist: true,
			ImportStateCheck: func(states []*terraform.InstanceState) error {
				if len(states) != 1 {
					return fmt.Errorf("%d imported states", len(states))
				}
				a := states[0].Attributes
				if states[0].ID != uk.ClientID || a["client_id"] != uk.ClientID || a["data_center"] != "uk" {
					return fmt.Errorf("imported %v", a)
				}
				if a["client_secret"] != "" {
					return fmt.Errorf("an import cannot know the secret, yet state has one")
				}
				return noRequests(nil)
			},
		},
		{ // the first apply after the import records name and url without replacing
			Config:           plain,
			ConfigPlanChecks: acctest.PreApply(plancheck.ExpectResourceAction(addrUK, plancheck.ResourceActionUpdate)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addrUK, tfjsonpath.New("name"), knownvalue.StringExact("Booking UK")),
				statecheck.ExpectKnownValue(addrUK, tfjsonpath.New("client_secret"), knownvalue.Null()),
			},
			Check: noRequests,
		},
		{ // restore the secret the user holds (from the dashboard); import <client_id> alongside
			Config: both,
			ConfigPlanChecks: acctest.PreApply(
				plancheck.ExpectResourceAction(addrUK, plancheck.ResourceActionUpdate),
				plancheck.ExpectResourceAction(addrUS, plancheck.ResourceActionUpdate),
				plancheck.ExpectUnknownValue(addrUK, tfjsonpath.New("client_secret")),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectSensitiveValue(addrUK, tfjsonpath.New("client_secret")),
				statecheck.ExpectSensitiveValue(addrUS, tfjsonpath.New("client_secret")),
				statecheck.ExpectKnownValue(addrUK, tfjsonpath.New("client_secret"), knownvalue.StringExact(uk.ClientSecret)),
				statecheck.ExpectKnownValue(addrUS, tfjsonpath.New("client_secret"), knownvalue.StringExact(us.ClientSecret)),
				statecheck.ExpectKnownValue(addrUS, tfjsonpath.New("data_center"), knownvalue.StringExact("us")),
				statecheck.ExpectKnownValue(addrUS, tfjsonpath.New("id"), knownvalue.StringExact(us.ClientID)),
				statecheck.ExpectKnownValue(addrUS, tfjsonpath.New("name"), knownvalue.StringExact("Booking")),
				// write-only: never stored
				statecheck.ExpectKnownValue(addrUS, tfjsonpath.New("client_secret_wo"), knownvalue.Null()),
			},
			Check: noRequests,
		},
		{
			Config:   both,
			PlanOnly: true,
		},
	})
	if n := tn.Cronofy.Count(); n != 2 {
		t.Fatalf("the mock holds %d applications, want the 2 imported ones", n)
	}
}

func TestApplication_invalidImportID(t *testing.T) {
	env := acctest.New(t)
	config := env.Config(appHCL("test", "x", ""))
	step := func(id string, want ...string) resource.TestStep {
		return resource.TestStep{Config: config, ResourceName: addr, ImportState: true, ImportStateId: id, ExpectError: acctest.ErrorMatching(append([]string{"Invalid import id"}, want...)...)}
	}
	acctest.Run(t, []resource.TestStep{
		step("eu/abc", `"eu" is not a Cronofy data center`),
		step("us/abc/secret", "more than one slash", "cannot be part of the id"),
		step("us/a b", "empty or contains white space"),
		step("us/", "empty or contains white space"),
	})
	if n := len(env.Tenant.Requests()); n != 0 {
		t.Fatalf("%d requests", n)
	}
}

// TestApplication_rejectedByCronofy: a value that passes plan-time validation but
// Cronofy refuses (422) is reported on its own attribute, with Cronofy's description.
func TestApplication_rejectedByCronofy(t *testing.T) {
	for _, tc := range []struct {
		param, name, url string
		want             []string
	}{
		{"name", "Reserved Name", "https://ok.example.com", []string{"Cronofy rejected name", `name = "Reserved Name"`, "HTTP 422", "name: is reserved by Cronofy (errors.reserved)", "Fix: change name"}},
		{"url", "Fine", "https://blocked.example.com", []string{"Cronofy rejected url", `url = "https://blocked.example.com"`, "HTTP 422", "url: is on a block list (errors.blocked)", "Fix: change url"}},
	} {
		t.Run(tc.param, func(t *testing.T) {
			env := acctest.New(t)
			tn := env.Tenant
			tn.Cronofy.Reject("name", "Reserved Name", "errors.reserved", "is reserved by Cronofy")
			tn.Cronofy.Reject("url", "https://blocked.example.com", "errors.blocked", "is on a block list")
			acctest.Run(t, []resource.TestStep{{
				Config: env.Config(fmt.Sprintf(`
resource "registrar_cronofy_application" "test" {
  name = %q
  url  = %q
}
`, tc.name, tc.url)),
				ExpectError: acctest.ErrorMatching(tc.want...),
			}})
			if n := tn.Cronofy.Count(); n != 0 {
				t.Fatalf("the mock holds %d applications", n)
			}
			if err := onlyCreates(tn, 1)(nil); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestApplication_refused: 401, 402 and 403 each say what to check.
func TestApplication_refused(t *testing.T) {
	for _, tc := range []struct {
		status int
		want   []string
	}{
		{http.StatusUnauthorized, []string{"HTTP 401 Unauthorized", "did not recognise the Admin API key", "CRONOFY_ADMIN_API_KEY", `data center "us"`}},
		{http.StatusPaymentRequired, []string{"HTTP 402 Payment Required", "plan lacks this feature", "Check the plan"}},
		{http.StatusForbidden, []string{"HTTP 403 Forbidden", "lacks the privilege", "organizational unit"}},
	} {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			env := acctest.New(t)
			tn := env.Tenant
			config := env.Config(appHCL("test", "Scheduler", ""))
			if tc.status == http.StatusUnauthorized {
				config = env.ProviderConfig(map[string]string{"cronofy": fmt.Sprintf("  cronofy {\n    base_url      = %q\n    admin_api_key = \"canary-wrong-key\"\n  }\n", tn.URL())}) +
					appHCL("test", "Scheduler", "")
			} else {
				tn.Cronofy.Deny(tc.status)
			}
			acctest.Run(t, []resource.TestStep{{Config: config, ExpectError: acctest.ErrorMatching(tc.want...)}})
			if n := tn.Cronofy.Count(); n != 0 {
				t.Fatalf("the mock holds %d applications", n)
			}
		})
	}
}

// TestApplication_lostCreateResponse: the create was stored but its answer lost. The
// provider must not resend (no unique key) and points at the dashboard.
func TestApplication_lostCreateResponse(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	secret := acctest.LoseNextCreate(tn, tn.Cronofy.SetNextSecret)
	restore := env.Config(appHCL("test", "Scheduler", acctest.WriteOnlySecret(secret)))
	acctest.Run(t, append([]resource.TestStep{
		{
			Config:      env.Config(appHCL("test", "Scheduler", "")),
			ExpectError: acctest.ErrorMatching("may exist outside Terraform state", "Check the Cronofy dashboard", `named "Scheduler"`, "terraform import registrar_cronofy_application", "a resend could create a second application"),
		},
	}, acctest.RecoverLostCreate(addr, restore, tn.Cronofy.All, func(a mockapi.CronofyApp) string { return a.ClientID }, acctest.CheckSecretIssued(tn, addr))...))
	if n := tn.Cronofy.Count(); n != 1 {
		t.Fatalf("the mock holds %d applications, want 1 (no resend)", n)
	}
	if err := onlyCreates(tn, 1)(nil); err != nil {
		t.Fatal(err)
	}
}

// TestApplication_providerDataCenter: the provider block's data_center is the default
// of new applications and of `<client_id>` imports.
func TestApplication_providerDataCenter(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	app := tn.Cronofy.Add("Elsewhere", "https://elsewhere.example.com", "api-sg.cronofy.com")
	provider := env.ProviderConfig(map[string]string{"cronofy": fmt.Sprintf(
		"  cronofy {\n    base_url      = %q\n    admin_api_key = %q\n    data_center   = \"sg\"\n  }\n", tn.URL(), tn.Creds.CronofyAdminAPIKey)})
	acctest.Run(t, []resource.TestStep{
		{
			Config:           provider + appHCL("test", "Scheduler SG", ""),
			ConfigPlanChecks: acctest.PreApply(plancheck.ExpectKnownValue(addr, tfjsonpath.New("data_center"), knownvalue.StringExact("sg"))),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("data_center"), knownvalue.StringExact("sg")),
			},
			Check: acctest.CheckSecretIssued(tn, addr),
		},
		{
			Config:        provider + appHCL("test", "Scheduler SG", ""),
			ResourceName:  addr,
			ImportState:   true,
			ImportStateId: app.ClientID,
			ImportStateCheck: func(states []*terraform.InstanceState) error {
				if a := states[0].Attributes; a["data_center"] != "sg" || a["client_id"] != app.ClientID {
					return fmt.Errorf("imported %v", a)
				}
				return nil
			},
		},
	})
}

// TestApplication_deletionPolicyPrevent: with deletion_policy = "PREVENT" a plan that
// would replace (a changed name, url or rotate_when_changed) or destroy the
// application is an error on the attribute; switching to ABANDON is an in-place
// change with no request to Cronofy, after which destroy works.
func TestApplication_deletionPolicyPrevent(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	prevent := `  deletion_policy = "PREVENT"`
	acctest.Run(t, acctest.DeletionPolicyPrevent(addr, "Cronofy application", env.Config(appHCL("test", "Protected", prevent)),
		[]acctest.Replacement{
			{Attribute: "name", Config: env.Config(appHCL("test", "Protected 2", prevent))},
			{Attribute: "url", Config: env.Config(strings.Replace(appHCL("test", "Protected", prevent), "scheduler.example.com", "other.example.com", 1))},
			{Attribute: "rotate_when_changed", Config: env.Config(appHCL("test", "Protected", prevent+"\n  rotate_when_changed = { rotation = \"2\" }"))},
		},
		env.Config(appHCL("test", "Protected", `  deletion_policy = "ABANDON"`)), onlyCreates(tn, 1)))
	if n := tn.Cronofy.Count(); n != 1 {
		t.Fatalf("Cronofy holds %d applications, want 1", n)
	}
}

// TestApplication_rotationWithoutPolicy: with the default policy a changed
// rotate_when_changed replaces the application; the old one stays in Cronofy.
func TestApplication_rotationWithoutPolicy(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	acctest.Run(t, []resource.TestStep{
		{Config: env.Config(appHCL("test", "Rotating", `  rotate_when_changed = { rotation = "1" }`))},
		{
			Config:           env.Config(appHCL("test", "Rotating", `  rotate_when_changed = { rotation = "2" }`)),
			ConfigPlanChecks: acctest.PreApply(plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)),
			Check:            onlyCreates(tn, 2),
		},
	})
	if n := tn.Cronofy.Count(); n != 2 {
		t.Fatalf("Cronofy holds %d applications, want 2 (the old one is left behind)", n)
	}
}

const verifyPath = `^/v1/application_verification$`

// verifyHCL is the extra arguments of a verified application.
func verifyHCL(email, display string, uris ...string) string {
	s := fmt.Sprintf("  contact_email = %q\n", email)
	if display != "" {
		s += fmt.Sprintf("  contact_display_name = %q\n", display)
	}
	s += "  redirect_uris = ["
	for i, u := range uris {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%q", u)
	}
	return s + "]\n"
}

func knownSet(vals ...string) knownvalue.Check {
	cs := make([]knownvalue.Check, len(vals))
	for i, v := range vals {
		cs[i] = knownvalue.StringExact(v)
	}
	return knownvalue.SetExact(cs)
}

// appOf returns the mock's copy of the application in state at address.
func appOf(tn *mockapi.Tenant, s *terraform.State, address string) (*mockapi.CronofyApp, error) {
	rs, ok := s.RootModule().Resources[address]
	if !ok {
		return nil, fmt.Errorf("%s is not in state", address)
	}
	a := tn.Cronofy.Get(rs.Primary.ID)
	if a == nil {
		return nil, fmt.Errorf("the mock has no application %s", rs.Primary.ID)
	}
	return a, nil
}

// lastVerification checks the mock's record of the application's last verification
// call and its call count.
func lastVerification(tn *mockapi.Tenant, calls int, uris []string, email, display string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		a, err := appOf(tn, s, addr)
		if err != nil {
			return err
		}
		vs := tn.Cronofy.Verifications(a.ClientID)
		if len(vs) != calls {
			return fmt.Errorf("%d verification calls for %s, want %d", len(vs), a.ClientID, calls)
		}
		last := vs[len(vs)-1]
		if !reflect.DeepEqual(last.RedirectURIs, uris) || last.ContactEmail != email || last.ContactDisplayName != display {
			return fmt.Errorf("last verification call sent %v, %q, %q; want %v, %q, %q", last.RedirectURIs, last.ContactEmail, last.ContactDisplayName, uris, email, display)
		}
		if !a.Production {
			return fmt.Errorf("the application is not in production mode")
		}
		return nil
	}
}

// TestApplication_verification: redirect_uris are registered through the
// verification call after the create; growing the set or changing the contact calls
// it again in place with the full set; removing a URI replaces the application.
func TestApplication_verification(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	const a, b, c = "https://scheduler.example.com/a", "https://scheduler.example.com/b", "https://scheduler.example.com/c"
	v1 := env.Config(appHCL("test", "Scheduler", verifyHCL("ops@example.com", "", b, a)))
	v2 := env.Config(appHCL("test", "Scheduler", verifyHCL("ops@example.com", "", a, b, c)))
	v3 := env.Config(appHCL("test", "Scheduler", verifyHCL("ops@example.com", "Ops team", a, b, c)))
	v4 := env.Config(appHCL("test", "Scheduler", verifyHCL("ops@example.com", "Ops team", a, c)))
	var first string
	acctest.Run(t, []resource.TestStep{
		{
			Config:           v1,
			ConfigPlanChecks: acctest.PreApply(plancheck.ExpectUnknownValue(addr, tfjsonpath.New("verification"))),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("verification").AtMapKey("redirect_uris"), knownSet(a, b)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("verification").AtMapKey("contact_email"), knownvalue.StringExact("ops@example.com")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("verification").AtMapKey("contact_display_name"), knownvalue.Null()),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				lastVerification(tn, 1, []string{a, b}, "ops@example.com", ""),
				acctest.ExpectRequests(tn, http.MethodPost, `^/v1/applications$`, 1),
				acctest.ExpectRequests(tn, http.MethodPost, verifyPath, 1),
				func(s *terraform.State) error {
					first = s.RootModule().Resources[addr].Primary.ID
					return nil
				},
			),
		},
		{Config: v1, PlanOnly: true},
		{ // a URI added: verification again, in place, with the full set
			Config:           v2,
			ConfigPlanChecks: acctest.PreApply(plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("verification").AtMapKey("redirect_uris"), knownSet(a, b, c)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringFunc(func(v string) error {
					if v != first {
						return fmt.Errorf("the application was replaced: %s, was %s", v, first)
					}
					return nil
				})),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				lastVerification(tn, 2, []string{a, b, c}, "ops@example.com", ""),
				acctest.ExpectRequests(tn, http.MethodPost, `^/v1/applications$`, 1),
			),
		},
		{ // the contact changed: verification again, in place
			Config:           v3,
			ConfigPlanChecks: acctest.PreApply(plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)),
			Check: resource.ComposeAggregateTestCheckFunc(
				lastVerification(tn, 3, []string{a, b, c}, "ops@example.com", "Ops team"),
				acctest.ExpectRequests(tn, http.MethodPost, `^/v1/applications$`, 1),
			),
		},
		{Config: v3, PlanOnly: true},
		{ // a URI removed: Cronofy cannot remove it, so the application is replaced
			Config:           v4,
			ConfigPlanChecks: acctest.PreApply(plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("verification").AtMapKey("redirect_uris"), knownSet(a, c)),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				lastVerification(tn, 1, []string{a, c}, "ops@example.com", "Ops team"),
				acctest.ExpectRequests(tn, http.MethodPost, `^/v1/applications$`, 2),
				func(s *terraform.State) error {
					if s.RootModule().Resources[addr].Primary.ID == first {
						return fmt.Errorf("not replaced")
					}
					if old := tn.Cronofy.Get(first); old == nil || len(old.RedirectURIs) != 3 {
						return fmt.Errorf("the old application changed: %+v", old)
					}
					return nil
				},
			),
		},
		{Config: v4, PlanOnly: true},
	})
}

// TestApplication_verificationFailureKeepsTheApplication: a failed verification
// after the create is a warning: the application stays in state, untainted, and the
// next plan retries the call in place.
func TestApplication_verificationFailureKeepsTheApplication(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	const a = "https://scheduler.example.com/cb"
	config := env.Config(appHCL("test", "Scheduler", verifyHCL("ops@example.com", "", a)))
	var id string
	tn.Cronofy.FailVerification(http.StatusUnprocessableEntity)
	acctest.Run(t, []resource.TestStep{
		{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("verification"), knownvalue.Null()),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("redirect_uris"), knownSet(a)),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				acctest.CheckSecretIssued(tn, addr),
				func(s *terraform.State) error {
					rs := s.RootModule().Resources[addr]
					if rs.Primary.Tainted {
						return fmt.Errorf("the application is tainted")
					}
					id = rs.Primary.ID
					if app := tn.Cronofy.Get(id); app == nil || app.Production || len(app.RedirectURIs) != 0 {
						return fmt.Errorf("the mock holds %+v", app)
					}
					return nil
				},
			),
			ExpectNonEmptyPlan: true, // the call is still to be made
		},
		{ // the next apply retries the call in place
			PreConfig: func() { tn.Cronofy.FailVerification(0) },
			Config:    config,
			ConfigPlanChecks: acctest.PreApply(
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				plancheck.ExpectUnknownValue(addr, tfjsonpath.New("verification")),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("verification").AtMapKey("redirect_uris"), knownSet(a)),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				lastVerification(tn, 1, []string{a}, "ops@example.com", ""),
				acctest.ExpectRequests(tn, http.MethodPost, `^/v1/applications$`, 1),
			),
		},
		{Config: config, PlanOnly: true},
	})
}

// TestApplication_verificationRefreshedSecret: a secret refreshed in the dashboard
// gets a 401 from the verification call, with a diagnostic saying so and how to
// restore it; restoring it with client_secret_wo in the same apply makes the call.
func TestApplication_verificationRefreshedSecret(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	const a, b = "https://scheduler.example.com/a", "https://scheduler.example.com/b"
	const refreshed = "RefreshedInTheDashboard0123456789abcdefghijklmnopqrstuvwxyzABCD"
	one := env.Config(appHCL("test", "Scheduler", verifyHCL("ops@example.com", "", a)))
	two := env.Config(appHCL("test", "Scheduler", verifyHCL("ops@example.com", "", a, b)))
	restored := env.Config(appHCL("test", "Scheduler", verifyHCL("ops@example.com", "", a, b)+
		acctest.WriteOnlySecret(refreshed)))
	acctest.Run(t, []resource.TestStep{
		{Config: one, Check: lastVerification(tn, 1, []string{a}, "ops@example.com", "")},
		{
			PreConfig: func() {
				for _, app := range tn.Cronofy.All() {
					tn.Cronofy.RefreshSecret(app.ClientID, refreshed)
				}
			},
			Config:      two,
			ExpectError: acctest.ErrorMatching("Could not verify Cronofy application", "HTTP 401", "probably refreshed in the Cronofy developer dashboard", "client_secret_wo", "client_secret_wo_version"),
		},
		{
			Config:           restored,
			ConfigPlanChecks: acctest.PreApply(plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_secret"), knownvalue.StringExact(refreshed)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("verification").AtMapKey("redirect_uris"), knownSet(a, b)),
			},
			Check: lastVerification(tn, 2, []string{a, b}, "ops@example.com", ""),
		},
		{Config: restored, PlanOnly: true},
	})
}

// TestApplication_verificationNeedsTheSecret: after an import the state has no
// secret; a plan that needs the verification call is an error saying so, and
// restoring the secret in the same apply makes the call.
func TestApplication_verificationNeedsTheSecret(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	app := tn.Cronofy.Add("Booking", "https://booking.example.com", "api.cronofy.com")
	const a = "https://booking.example.com/cb"
	plain := env.Config(appHCL("test", "Booking", ""))
	withURIs := env.Config(appHCL("test", "Booking", verifyHCL("ops@example.com", "", a)))
	restored := env.Config(appHCL("test", "Booking", verifyHCL("ops@example.com", "", a)+
		acctest.WriteOnlySecret(app.ClientSecret)))
	acctest.Run(t, []resource.TestStep{
		{Config: plain, ResourceName: addr, ImportState: true, ImportStateId: app.ClientID, ImportStatePersist: true},
		acctest.PlanError(withURIs, "Cronofy client secret needed for verification", app.ClientID, "client_secret_wo"),
		{
			Config:           restored,
			ConfigPlanChecks: acctest.PreApply(plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)),
			Check: resource.ComposeAggregateTestCheckFunc(
				lastVerification(tn, 1, []string{a}, "ops@example.com", ""),
				acctest.ExpectRequests(tn, http.MethodPost, `^/v1/applications$`, 0),
			),
		},
		{Config: restored, PlanOnly: true},
	})
}
