package cronofy_test

import (
	"fmt"
	"net/http"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

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
