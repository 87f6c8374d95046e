package ansible_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// flavor is what the acceptance suite knows of one of the two resources built on
// this package: registrar_awx_oauth_application and registrar_aap_oauth_application
// behave alike, so every shared test runs once per flavour.
type flavor struct {
	// name is the provider block and the subtest's name: "awx", "aap".
	name string
	// title is the platform in the provider's messages: "AWX", "AAP".
	title string
	// typ is the resource and data source type; addr the suite's resource.
	typ, addr string
	// apps is the tenant's side of the flavour in the mock.
	apps func(*mockapi.Tenant) *mockapi.AnsibleApps
	// fields are the arguments of a fully configured application beyond name,
	// organization, client type and grant type, as HCL expressions.
	fields map[string]string
	// known is what state holds for fields; stored what the mock holds.
	known  map[string]knownvalue.Check
	stored mockapi.AnsibleApp
	// duplicate is the platform's own message for a name its organization already has.
	duplicate string
	// baseURLEnv and tokenEnv are the environment variables an unconfigured block names.
	baseURLEnv, tokenEnv string
	// basic is a user allowed to create applications, for HTTP Basic authentication.
	basic func(mockapi.Credentials) (username, password string)
}

func set(values ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(values))
	for i, v := range values {
		checks[i] = knownvalue.StringExact(v)
	}
	return knownvalue.SetExact(checks)
}

var (
	awx = flavor{
		name: "awx", title: "AWX", typ: "registrar_awx_oauth_application", addr: "registrar_awx_oauth_application.test",
		apps:       func(tn *mockapi.Tenant) *mockapi.AnsibleApps { return tn.AWX },
		fields:     map[string]string{"redirect_uris": `["https://app.example.com/callback"]`},
		known:      map[string]knownvalue.Check{"redirect_uris": set("https://app.example.com/callback")},
		stored:     mockapi.AnsibleApp{RedirectURIs: "https://app.example.com/callback"},
		duplicate:  "Application with this Name and Organization already exists",
		baseURLEnv: "CONTROLLER_HOST", tokenEnv: "CONTROLLER_OAUTH_TOKEN",
		basic: func(c mockapi.Credentials) (string, string) { return c.AWXUsername, c.AWXPassword },
	}
	// aap sets every field the gateway adds to AWX's application.
	aap = flavor{
		name: "aap", title: "AAP", typ: "registrar_aap_oauth_application", addr: "registrar_aap_oauth_application.test",
		apps: func(tn *mockapi.Tenant) *mockapi.AnsibleApps { return tn.AAP },
		fields: map[string]string{
			"redirect_uris":             `["https://portal.example.com/cb", "https://portal.example.com/cb2"]`,
			"post_logout_redirect_uris": `["https://portal.example.com/bye"]`,
			"allowed_origins":           `["https://portal.example.com"]`,
			"app_url":                   `"https://portal.example.com"`,
			"algorithm":                 `"RS256"`,
		},
		known: map[string]knownvalue.Check{
			"redirect_uris":             set("https://portal.example.com/cb", "https://portal.example.com/cb2"),
			"post_logout_redirect_uris": set("https://portal.example.com/bye"),
			"allowed_origins":           set("https://portal.example.com"),
			"app_url":                   knownvalue.StringExact("https://portal.example.com"),
			"algorithm":                 knownvalue.StringExact("RS256"),
		},
		stored: mockapi.AnsibleApp{
			RedirectURIs: "https://portal.example.com/cb https://portal.example.com/cb2", PostLogoutRedirectURIs: "https://portal.example.com/bye",
			AllowedOrigins: "https://portal.example.com", AppURL: "https://portal.example.com", Algorithm: "RS256",
		},
		duplicate:  "The fields name, organization must make a unique set",
		baseURLEnv: "AAP_HOSTNAME", tokenEnv: "AAP_TOKEN",
		basic: func(c mockapi.Credentials) (string, string) { return c.AAPUsername, c.AAPPassword },
	}
	flavors = []flavor{awx, aap}
)

// eachFlavor runs test once per flavour, as parallel subtests named after it. test
// runs resource.ParallelTest, which makes its subtest parallel.
func eachFlavor(t *testing.T, test func(t *testing.T, f flavor)) {
	t.Parallel()
	for _, f := range flavors {
		t.Run(f.name, func(t *testing.T) { test(t, f) })
	}
}

// app is the flavour's fully configured confidential authorization-code application
// "test" named name, with changes applied as in acctest.With.
func (f flavor) app(name string, changes map[string]string) string {
	args := acctest.With(map[string]string{
		"name":                     acctest.String(name),
		"organization":             "1",
		"client_type":              `"confidential"`,
		"authorization_grant_type": `"authorization-code"`,
	}, f.fields)
	return acctest.Resource(f.typ, "test", acctest.With(args, changes))
}

// knownSecret is a secret a test has the mock issue (SetNextSecret) and then
// records through the write-only argument.
const knownSecret = "known-secret-abcdefghijklmnopqrstuvwxyz"

// restoring is app with knownSecret recorded through the write-only argument.
func (f flavor) restoring(name string) string {
	return f.app(name, map[string]string{"client_secret_wo": acctest.String(knownSecret), "client_secret_wo_version": "1"})
}

// importing is an import block for the suite's resource.
func (f flavor) importing(id string) string {
	return fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", f.addr, id)
}

// many is count password applications "many" of clientType, named prefix-0, prefix-1, …
func (f flavor) many(count int, prefix, clientType string) string {
	return fmt.Sprintf(`
resource %q "many" {
  count                    = %d
  name                     = "%s-${count.index}"
  organization             = 1
  client_type              = %q
  authorization_grant_type = "password"
}
`, f.typ, count, prefix, clientType)
}

// count checks how many applications the flavour's mock holds.
func (f flavor) count(tn *mockapi.Tenant, want int) resource.TestCheckFunc {
	return acctest.ExpectCount("applications", f.apps(tn).Count, want)
}

// configured tells whether the mock's application holds the flavour's fields as
// app configures them (space-separated lists in any order).
func (f flavor) configured(a *mockapi.AnsibleApp) error {
	words := func(s string) []string { w := strings.Fields(s); slices.Sort(w); return w }
	w := f.stored
	switch {
	case a == nil:
		return fmt.Errorf("the %s application is missing", f.title)
	case !slices.Equal(words(a.RedirectURIs), words(w.RedirectURIs)),
		!slices.Equal(words(a.PostLogoutRedirectURIs), words(w.PostLogoutRedirectURIs)),
		!slices.Equal(words(a.AllowedOrigins), words(w.AllowedOrigins)),
		a.AppURL != w.AppURL, a.Algorithm != w.Algorithm:
		return fmt.Errorf("the %s application does not hold the configured fields: %+v", f.title, *a)
	}
	return nil
}
