package timeback_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
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

const addr = "registrar_timeback_application.test"

// app is the resource's configuration; zero fields take defaults.
type app struct {
	Name, Description, LaunchURL, ApplicationType, PublisherID, Extra string
}

func (a app) hcl() string {
	if a.Description == "" {
		a.Description = "A test application"
	}
	if a.LaunchURL == "" {
		a.LaunchURL = "https://app.example.com/lti/launch"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "resource %q \"test\" {\n  name        = %q\n  description = %q\n  launch_url  = %q\n", "registrar_timeback_application", a.Name, a.Description, a.LaunchURL)
	if a.ApplicationType != "" {
		fmt.Fprintf(&b, "  application_type = %q\n", a.ApplicationType)
	}
	if a.PublisherID != "" {
		fmt.Fprintf(&b, "  publisher_id = %q\n", a.PublisherID)
	}
	b.WriteString(a.Extra)
	b.WriteString("}\n")
	return b.String()
}

var uuidRe = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// stateApp returns the mock's application for the id in state.
func stateApp(s *terraform.State, tn *mockapi.Tenant) (*mockapi.TimebackApp, map[string]string, error) {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return nil, nil, fmt.Errorf("%s is not in state", addr)
	}
	a := tn.Timeback.Get(rs.Primary.ID)
	if a == nil {
		return nil, nil, fmt.Errorf("the mock has no application %s", rs.Primary.ID)
	}
	return a, rs.Primary.Attributes, nil
}

// secretIssued checks that the secret in state is the one Timeback issued for the id
// in state, and that the client_id and publisher_id are Timeback's.
func secretIssued(tn *mockapi.Tenant) resource.TestCheckFunc {
	return resource.ComposeAggregateTestCheckFunc(acctest.CheckSecretIssued(tn, addr), func(s *terraform.State) error {
		a, attrs, err := stateApp(s, tn)
		if err != nil {
			return err
		}
		// publisher_id is null after an import (Timeback's read model has none).
		if attrs["client_id"] != a.ClientID || (attrs["publisher_id"] != "" && attrs["publisher_id"] != a.PublisherID) {
			return fmt.Errorf("client_id/publisher_id in state (%s, %s) differ from Timeback's (%s, %s)", attrs["client_id"], attrs["publisher_id"], a.ClientID, a.PublisherID)
		}
		return nil
	})
}

// TestApplication_lifecycle: create with one publisher membership; the secret is
// sensitive, is the issued one, and survives refreshes; an empty plan after apply;
// destroy leaves the draft on Timeback and empties the state.
func TestApplication_lifecycle(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant // the sandbox pair comes by default
	publisher := tn.Timeback.Publishers()[0]
	sameSecret := statecheck.CompareValue(compare.ValuesSame())
	sameSandbox := statecheck.CompareValue(compare.ValuesSame())
	cfg := env.Config(app{Name: "lifecycle-app"}.hcl())
	acctest.Run(t, []resource.TestStep{
		{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("client_secret")),
				statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("sandbox_client_secret")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(uuidRe)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("publisher_id"), knownvalue.StringExact(publisher)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("application_type"), knownvalue.StringExact("learning_app")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("scopes"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("lti.readonly")})),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("token_url"), knownvalue.StringExact(tn.Timeback.AppTokenURL())),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("app_urn"), knownvalue.StringRegexp(regexp.MustCompile(`^urn:uuid:[0-9a-f-]{36}$`))),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_secret_wo"), knownvalue.Null()),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("sandbox_token_url"), knownvalue.StringExact(mockapi.TimebackSandboxTokenURL)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("sandbox_scopes"), sandboxScopes()),
				sameSecret.AddStateValue(addr, tfjsonpath.New("client_secret")),
				sameSandbox.AddStateValue(addr, tfjsonpath.New("sandbox_client_secret")),
			},
			Check: resource.ComposeAggregateTestCheckFunc(secretIssued(tn), func(s *terraform.State) error {
				a, attrs, err := stateApp(s, tn)
				if err != nil {
					return err
				}
				if attrs["app_urn"] != "urn:uuid:"+a.ApplicationID {
					return fmt.Errorf("app_urn %q does not match id %s", attrs["app_urn"], a.ApplicationID)
				}
				if attrs["sandbox_client_id"] != a.SandboxClientID || attrs["sandbox_client_secret"] != a.SandboxClientSecret || a.SandboxClientSecret == "" {
					return fmt.Errorf("the sandbox pair in state is not the one Timeback issued")
				}
				return nil
			}),
		},
		{ // refresh: Timeback never returns the secrets again, and they must stay
			RefreshState: true,
			Check: resource.ComposeAggregateTestCheckFunc(secretIssued(tn), func(s *terraform.State) error {
				a, attrs, err := stateApp(s, tn)
				if err != nil {
					return err
				}
				if attrs["sandbox_client_secret"] != a.SandboxClientSecret {
					return fmt.Errorf("the sandbox secret changed on refresh")
				}
				return nil
			}),
		},
		{ // an apply after the refresh keeps both secrets
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				sameSecret.AddStateValue(addr, tfjsonpath.New("client_secret")),
				sameSandbox.AddStateValue(addr, tfjsonpath.New("sandbox_client_secret")),
			},
		},
		{ // the same configuration again: nothing to do
			Config:   cfg,
			PlanOnly: true,
		},
		{ // removed from the configuration: destroyed, which only empties the state
			Config:           env.ProviderConfig(nil),
			ConfigPlanChecks: acctest.PreApply(plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroy)),
			Check: func(s *terraform.State) error {
				if _, ok := s.RootModule().Resources[addr]; ok {
					return fmt.Errorf("%s is still in state after destroy", addr)
				}
				if a := tn.Timeback.FindByName("lifecycle-app"); a == nil {
					return fmt.Errorf("the draft is gone from Timeback, but Timeback has no delete API: the provider must not have removed it")
				}
				return nil
			},
		},
	})
	if n := tn.Timeback.Count(); n != 1 {
		t.Fatalf("Timeback holds %d applications after destroy, want the 1 draft left behind", n)
	}
	if n := acctest.CountRequests(tn, http.MethodPost, `^/applications/1\.0/drafts`); n != 1 {
		t.Fatalf("%d creates were sent, want 1", n)
	}
}

// TestApplication_noPublisher: with no publisher membership Timeback creates one.
func TestApplication_noPublisher(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	tn.Timeback.SetPublishers()
	acctest.Run(t, []resource.TestStep{{
		Config: env.Config(app{Name: "first-app-of-a-new-developer", ApplicationType: "assessment"}.hcl()),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("publisher_id"), knownvalue.StringRegexp(uuidRe)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("application_type"), knownvalue.StringExact("assessment")),
			// Every registration carries the sandbox pair (the mock's default).
			statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("sandbox_client_secret")),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("sandbox_token_url"), knownvalue.StringExact(mockapi.TimebackSandboxTokenURL)),
		},
		Check: resource.ComposeAggregateTestCheckFunc(secretIssued(tn), func(s *terraform.State) error {
			ps := tn.Timeback.Publishers()
			if len(ps) != 1 || s.RootModule().Resources[addr].Primary.Attributes["publisher_id"] != ps[0] {
				return fmt.Errorf("publisher_id is not the publisher Timeback created (%v)", ps)
			}
			return nil
		}),
	}})
}

// TestApplication_manyPublishers: without publisher_id the 400 + nextAction becomes a
// diagnostic listing the publishers; with it the create succeeds.
func TestApplication_manyPublishers(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	p1, p2, p3 := mockapi.RandomUUID(), mockapi.RandomUUID(), mockapi.RandomUUID()
	tn.Timeback.SetPublishers(p1, p2, p3)
	acctest.Run(t, []resource.TestStep{
		{
			Config:      env.Config(app{Name: "multi-publisher-app"}.hcl()),
			ExpectError: acctest.ErrorMatching(fmt.Sprintf("set publisher_id to one of: %s, %s, %s", p1, p2, p3)),
		},
		{
			Config:      env.Config(app{Name: "multi-publisher-app"}.hcl()),
			ExpectError: acctest.ErrorMatching("HTTP 400 Bad Request"),
		},
		{
			Config: env.Config(app{Name: "multi-publisher-app", PublisherID: p2}.hcl()),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("publisher_id"), knownvalue.StringExact(p2)),
			},
			Check: secretIssued(tn),
		},
	})
}

// TestApplication_replace: every argument forces a replacement; a replacement with a
// new name gets a new id and secret and leaves the old draft behind; one that keeps
// the name fails because names are global.
func TestApplication_replace(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	other := mockapi.RandomUUID()
	tn.Timeback.SetPublishers(tn.Timeback.Publishers()[0], other)
	first := tn.Timeback.Publishers()[0]
	base := app{Name: "replace-me", ApplicationType: "learning_app", PublisherID: first}
	secrets := statecheck.CompareValue(compare.ValuesDiffer())
	ids := statecheck.CompareValue(compare.ValuesDiffer())
	planReplace := func(a app) resource.TestStep {
		return resource.TestStep{
			Config:             env.Config(a.hcl()),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)},
			},
		}
	}
	with := func(f func(*app)) app { a := base; f(&a); return a }
	acctest.Run(t, []resource.TestStep{
		{
			Config: env.Config(base.hcl()),
			ConfigStateChecks: []statecheck.StateCheck{
				secrets.AddStateValue(addr, tfjsonpath.New("client_secret")),
				ids.AddStateValue(addr, tfjsonpath.New("id")),
			},
		},
		planReplace(with(func(a *app) { a.Name = "replace-me-2" })),
		planReplace(with(func(a *app) { a.Name = "replace-me-2"; a.Description = "changed" })),
		planReplace(with(func(a *app) { a.Name = "replace-me-2"; a.LaunchURL = "https://other.example.com/launch" })),
		planReplace(with(func(a *app) { a.Name = "replace-me-2"; a.ApplicationType = "internal" })),
		planReplace(with(func(a *app) { a.Name = "replace-me-2"; a.PublisherID = other })),
		{ // a real replacement needs a new name
			Config:           env.Config(with(func(a *app) { a.Name = "replace-me-2"; a.Description = "changed" }).hcl()),
			ConfigPlanChecks: acctest.PreApply(plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("client_secret")),
				secrets.AddStateValue(addr, tfjsonpath.New("client_secret")),
				ids.AddStateValue(addr, tfjsonpath.New("id")),
			},
			Check: resource.ComposeAggregateTestCheckFunc(secretIssued(tn), func(*terraform.State) error {
				if tn.Timeback.FindByName("replace-me") == nil || tn.Timeback.Count() != 2 {
					return fmt.Errorf("the old draft should be left on Timeback (count %d)", tn.Timeback.Count())
				}
				return nil
			}),
		},
		{ // a tainted application reaches the provider as a plain create, which the
			// plan cannot refuse: the old draft still holds the name
			Config:      env.Config(with(func(a *app) { a.Name = "replace-me"; a.Description = "changed" }).hcl()),
			Taint:       []string{addr},
			ExpectError: acctest.ErrorMatching("names are global on the Timeback developer platform"),
		},
	})
	if n := tn.Timeback.Count(); n != 2 {
		t.Fatalf("Timeback holds %d applications, want 2", n)
	}
}

// TestApplication_importAndRestoreSecret: import by id (no secret), then restore the
// secret with client_secret_wo without any request that changes Timeback.
func TestApplication_importAndRestoreSecret(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	existing := tn.Timeback.Add(mockapi.TimebackApp{Name: "registered-by-hand", Description: "A test application", LaunchURL: "https://app.example.com/lti/launch"})
	cfg := app{Name: "registered-by-hand"}
	restore := cfg
	restore.Extra = acctest.WriteOnlySecret(existing.ClientSecret)
	wrong := cfg
	wrong.Extra = acctest.WriteOnlySecret("not-the-secret-timeback-issued")
	var before int
	acctest.Run(t, []resource.TestStep{
		{
			Config:        env.Config(cfg.hcl()),
			ResourceName:  addr,
			ImportState:   true,
			ImportStateId: "id-with:" + existing.ClientSecret,
			ExpectError:   acctest.ErrorMatching("Invalid import id"),
		},
		{
			Config:             env.Config(cfg.hcl()),
			ResourceName:       addr,
			ImportState:        true,
			ImportStateId:      existing.ApplicationID,
			ImportStatePersist: true,
			ImportStateCheck: func(s []*terraform.InstanceState) error {
				if len(s) != 1 {
					return fmt.Errorf("imported %d instances", len(s))
				}
				at := s[0].Attributes
				if at["client_secret"] != "" || at["publisher_id"] != "" {
					return fmt.Errorf("an imported application must have no secret and no publisher in state")
				}
				if at["client_id"] != existing.ClientID || at["name"] != existing.Name || at["application_type"] != "learning_app" || at["app_urn"] != "urn:uuid:"+existing.ApplicationID {
					return fmt.Errorf("imported attributes do not match Timeback: %v", at)
				}
				// The sandbox client comes from the credentials read; its secret is never readable.
				if at["sandbox_client_id"] == "" || at["sandbox_client_id"] != existing.SandboxClientID || at["sandbox_token_url"] != mockapi.TimebackSandboxTokenURL ||
					at["sandbox_scopes.#"] != fmt.Sprint(len(mockapi.TimebackSandboxScopes)) || at["sandbox_scopes.0"] != mockapi.TimebackSandboxScopes[0] {
					return fmt.Errorf("the imported sandbox client does not match Timeback's: %v", at)
				}
				if at["sandbox_client_secret"] != "" {
					return fmt.Errorf("an imported application must have no sandbox secret in state")
				}
				return nil
			},
		},
		{ // a secret that is not the application's is refused at its token URL, and nothing is recorded
			Config:      env.Config(wrong.hcl()),
			ExpectError: acctest.ErrorMatching("Wrong client secret in client_secret_wo"),
		},
		{
			PreConfig:        func() { before = len(tn.Requests()) },
			Config:           env.Config(restore.hcl()),
			ConfigPlanChecks: acctest.PreApply(plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("client_secret")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_secret_wo"), knownvalue.Null()),
			},
			Check: resource.ComposeAggregateTestCheckFunc(secretIssued(tn), func(*terraform.State) error {
				for _, r := range tn.Requests()[before:] {
					// Reads, and the check of the secret at the application's own token URL.
					if r.Method != http.MethodGet && r.Path != "/oauth2/token" {
						return fmt.Errorf("restoring the secret sent %s %s; it must change nothing on Timeback", r.Method, r.Path)
					}
				}
				if tn.Timeback.Count() != 1 {
					return fmt.Errorf("Timeback holds %d applications", tn.Timeback.Count())
				}
				return nil
			}),
		},
		{ // publisher_id, unknown after the import, is adopted without a replacement
			Config:           env.Config(app{Name: restore.Name, PublisherID: existing.PublisherID, Extra: restore.Extra}.hcl()),
			ConfigPlanChecks: acctest.PreApply(plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("publisher_id"), knownvalue.StringExact(existing.PublisherID)),
			},
			Check: secretIssued(tn),
		},
	})
}

// TestApplication_drift: an application removed behind Terraform's back is
// registered again; one edited behind its back would be replaced under
// the same name, which the plan refuses.
func TestApplication_drift(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	cfg := env.Config(app{Name: "drifting"}.hcl())
	var firstID string
	acctest.Run(t, []resource.TestStep{
		{
			Config: cfg,
			Check: func(s *terraform.State) error {
				firstID = s.RootModule().Resources[addr].Primary.ID
				return nil
			},
		},
		{ // TimeBack support removed the draft
			PreConfig: func() {
				if !tn.Timeback.Delete(firstID) {
					t.Fatal("the draft was not in the mock")
				}
			},
			Config:           cfg,
			ConfigPlanChecks: acctest.PreApply(plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)),
			Check: resource.ComposeAggregateTestCheckFunc(secretIssued(tn), func(s *terraform.State) error {
				if s.RootModule().Resources[addr].Primary.ID == firstID {
					return fmt.Errorf("the application was not registered again")
				}
				return nil
			}),
		},
		{ // edited on the platform: the plan would replace it under the same name,
			// which Timeback would refuse, so the plan is an error on the attribute
			PreConfig: func() {
				for _, a := range tn.Timeback.All() {
					tn.Timeback.Edit(a.ApplicationID, func(a *mockapi.TimebackApp) { a.LaunchURL = "https://moved.example.com/launch" })
				}
			},
			Config:      cfg,
			PlanOnly:    true,
			ExpectError: acctest.ErrorMatching("Replacing a Timeback application needs a new name", "Changing launch_url replaces"),
		},
	})
}

// TestApplication_clientCredentials: with client_id and client_secret the provider
// gets a token from the token endpoint once and reuses it until it expires.
func TestApplication_clientCredentials(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	block := fmt.Sprintf("  timeback {\n    base_url      = %q\n    client_id     = %q\n    client_secret = %q\n  }\n",
		tn.URL(), tn.Creds.TimebackClientID, tn.Creds.TimebackClientSecret)
	cfg := env.ProviderConfig(map[string]string{"timeback": block}) + app{Name: "client-credentials"}.hcl()
	acctest.Run(t, []resource.TestStep{
		{Config: cfg, Check: secretIssued(tn)},
		{RefreshState: true, Check: secretIssued(tn)},
	})
	if n := acctest.CountRequests(tn, http.MethodPost, `^/auth/1\.0/token`); n != 1 || tn.Timeback.TokensIssued() != 1 {
		t.Fatalf("the token endpoint was called %d times (%d tokens issued), want once", n, tn.Timeback.TokensIssued())
	}
	if n := acctest.CountRequests(tn, http.MethodGet, `^/applications/1\.0/`); n < 4 {
		t.Fatalf("only %d reads were made with the token", n)
	}
}

// TestApplication_clientCredentialsRejected: a wrong client secret is reported with
// the token endpoint's status and message, and nothing is registered.
func TestApplication_clientCredentialsRejected(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	block := fmt.Sprintf("  timeback {\n    base_url      = %q\n    client_id     = %q\n    client_secret = %q\n  }\n",
		tn.URL(), tn.Creds.TimebackClientID, "not-the-secret")
	acctest.Run(t, []resource.TestStep{{
		Config:      env.ProviderConfig(map[string]string{"timeback": block}) + app{Name: "never"}.hcl(),
		ExpectError: acctest.ErrorMatching("HTTP 401 Unauthorized. Platform message: Client authentication failed."),
	}})
	if tn.Timeback.Count() != 0 || acctest.CountRequests(tn, http.MethodPost, `^/applications/`) != 0 {
		t.Fatal("a create was sent without a token")
	}
}

// TestApplication_duplicateName: a name taken anywhere on the platform gives a
// diagnostic that says names are global, whatever status Timeback uses for it.
func TestApplication_duplicateName(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	tn.Timeback.Add(mockapi.TimebackApp{Name: "taken", Description: "someone else's", LaunchURL: "https://other.example.com/"})
	tn.Timeback.SetConflictStatus(http.StatusUnprocessableEntity)
	acctest.Run(t, []resource.TestStep{{
		Config:      env.Config(app{Name: "taken"}.hcl()),
		ExpectError: acctest.ErrorMatching(`names are global on the Timeback developer platform: they are unique across all publishers, and an application named "taken" already exists`),
	}})
}

// TestApplication_lostCreateResponse: a create whose response is lost is not sent
// again; the orphan is reported with how to find it.
func TestApplication_lostCreateResponse(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	secret := acctest.LoseNextCreate(tn, tn.Timeback.SetNextSecret)
	restore := env.Config(app{Name: "lost-response", Extra: acctest.WriteOnlySecret(secret)}.hcl())
	acctest.Run(t, append([]resource.TestStep{
		{
			Config:      env.Config(app{Name: "lost-response"}.hcl()),
			ExpectError: acctest.ErrorMatching("may exist outside Terraform state", "Timeback has no API to list applications", `an application named "lost-response"`, "terraform import registrar_timeback_application"),
		},
	}, acctest.RecoverLostCreate(addr, restore, tn.Timeback.All, func(a mockapi.TimebackApp) string { return a.ApplicationID }, secretIssued(tn))...))
	if n := tn.Timeback.Count(); n != 1 || acctest.CountRequests(tn, http.MethodPost, `^/applications/1\.0/drafts`) != 1 {
		t.Fatalf("Timeback holds %d applications after a lost response; the create must be sent once", n)
	}
}

// TestApplication_dataSource reads an application by id, without a secret.
func TestApplication_dataSource(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	existing := tn.Timeback.Add(mockapi.TimebackApp{Name: "looked-up", Description: "d", LaunchURL: "https://app.example.com/x", ApplicationType: "internal"})
	ds := "data.registrar_timeback_application.test"
	acctest.Run(t, []resource.TestStep{
		{
			Config: env.Config(fmt.Sprintf("data \"registrar_timeback_application\" \"test\" {\n  id = %q\n}\n", existing.ApplicationID)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("name"), knownvalue.StringExact("looked-up")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("application_type"), knownvalue.StringExact("internal")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("client_id"), knownvalue.StringExact(existing.ClientID)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("app_urn"), knownvalue.StringExact("urn:uuid:"+existing.ApplicationID)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("token_url"), knownvalue.StringExact(tn.Timeback.AppTokenURL())),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("scopes"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("lti.readonly")})),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("sandbox_client_id"), knownvalue.StringExact(existing.SandboxClientID)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("sandbox_scopes"), sandboxScopes()),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("sandbox_token_url"), knownvalue.StringExact(mockapi.TimebackSandboxTokenURL)),
			},
		},
		{
			Config:      env.Config(fmt.Sprintf("data \"registrar_timeback_application\" \"test\" {\n  id = %q\n}\n", mockapi.RandomUUID())),
			ExpectError: acctest.ErrorMatching("Timeback application not found"),
		},
	})
}

// sandboxScopes checks a list of the mock's sandbox scopes.
func sandboxScopes() knownvalue.Check {
	var c []knownvalue.Check
	for _, s := range mockapi.TimebackSandboxScopes {
		c = append(c, knownvalue.StringExact(s))
	}
	return knownvalue.ListExact(c)
}

// TestApplication_noSandboxPair: when Timeback sends no sandbox pair (the mock's
// switch off), every sandbox attribute is null, and stays so on refresh.
func TestApplication_noSandboxPair(t *testing.T) {
	env := acctest.New(t)
	env.Tenant.Timeback.SetSandboxCredentials(false)
	cfg := env.Config(app{Name: "no-sandbox-app"}.hcl())
	nulls := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("sandbox_client_id"), knownvalue.Null()),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("sandbox_client_secret"), knownvalue.Null()),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("sandbox_scopes"), knownvalue.Null()),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("sandbox_token_url"), knownvalue.Null()),
	}
	acctest.Run(t, []resource.TestStep{
		{Config: cfg, ConfigStateChecks: nulls},
		{Config: cfg, PlanOnly: true},
	})
}

// TestApplication_followUpFailureKeepsUntainted: Timeback cannot delete a draft, so
// a failed follow-up read after the create (503s or 429s through every retry) must
// not taint the resource: a replacement would only forget the draft, fail on the
// taken name and lose the secret. The apply succeeds with a warning, the state holds
// the id and the secret untainted, and the next apply converges on the same draft
// without a second create.
func TestApplication_followUpFailureKeepsUntainted(t *testing.T) {
	for _, tc := range []struct {
		name string
		// after is the request after which the platform starts failing.
		afterMethod, afterSuffix string
		faults                   mockapi.Faults
	}{
		// max_retries is 4 in the test provider block: 5 answers exhaust a call.
		{"credentials 503", http.MethodPost, "/applications/1.0/drafts", mockapi.Faults{Next503: 5}},
		{"application 429", http.MethodGet, "/credentials", mockapi.Faults{Next429: 5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := acctest.New(t)
			tn := env.Tenant
			var once sync.Once
			tn.OnRequest(func(r mockapi.RequestRecord) {
				if r.Method == tc.afterMethod && strings.HasSuffix(r.Path, tc.afterSuffix) && r.Status < 300 {
					once.Do(func() { tn.SetFaults(tc.faults) })
				}
			})
			name := "followup-" + strings.ReplaceAll(tc.name, " ", "-")
			cfg := env.Config(app{Name: name}.hcl())
			sameID := statecheck.CompareValue(compare.ValuesSame())
			sameSecret := statecheck.CompareValue(compare.ValuesSame())
			notTainted := func(s *terraform.State) error {
				rs, ok := s.RootModule().Resources[addr]
				if !ok {
					return fmt.Errorf("%s is not in state", addr)
				}
				if rs.Primary.Tainted {
					return fmt.Errorf("%s is tainted", addr)
				}
				return nil
			}
			acctest.Run(t, []resource.TestStep{
				{
					Config: cfg,
					ConfigStateChecks: []statecheck.StateCheck{
						sameID.AddStateValue(addr, tfjsonpath.New("id")),
						sameSecret.AddStateValue(addr, tfjsonpath.New("client_secret")),
					},
					Check: resource.ComposeAggregateTestCheckFunc(notTainted, acctest.CheckSecretIssued(tn)),
				},
				{
					Config:           cfg,
					ConfigPlanChecks: acctest.PreApply(plancheck.ExpectEmptyPlan()),
					ConfigStateChecks: []statecheck.StateCheck{
						sameID.AddStateValue(addr, tfjsonpath.New("id")),
						sameSecret.AddStateValue(addr, tfjsonpath.New("client_secret")),
					},
					Check: resource.ComposeAggregateTestCheckFunc(notTainted, acctest.CheckSecretIssued(tn),
						resource.TestCheckResourceAttr(addr, "token_url", tn.Timeback.AppTokenURL()),
						resource.TestCheckResourceAttr(addr, "scopes.0", "lti.readonly"),
						acctest.ExpectRequests(tn, http.MethodPost, "^/applications/1.0/drafts$", 1)),
				},
			})
		})
	}
}
