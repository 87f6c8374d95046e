package provider_test

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// threeOf is three resources of typ from badinput_test.go's valid arguments, planned
// concurrently, each unique argument made apart by count.index.
func threeOf(typ string, unique ...string) string {
	changes := map[string]string{"count": "3"}
	for _, k := range unique {
		changes[k] = `"plan-${count.index}"`
	}
	return acctest.Resource(typ, "many", acctest.With(valid[typ], changes))
}

// requests is how many of the tenant's requests (as in acctest.CountRequests) a
// credentials check may send: exactly n, or n or more.
type requests struct {
	what         string // names them in the failure message
	method, path string
	n            int
	orMore       bool
}

// TestCredentials_checkedAtPlan: credentials a platform refuses fail `terraform plan`
// of three resources with the platform's answer and the settings to fix, after one
// check for the whole plan and no create; credentials that no call can check plan
// without any request; credentials that pass the check are used for the creates.
func TestCredentials_checkedAtPlan(t *testing.T) {
	cases := []struct {
		name string
		// block is the platform's provider block, with the credentials under test.
		block string
		args  func(tn *mockapi.Tenant) map[string]string
		top   []string
		// typ and unique as in threeOf.
		typ    string
		unique []string
		// wantError are the parts of the plan's error ({tenant} is the tenant's name);
		// nil: the plan succeeds, and with apply the creates too.
		wantError []string
		apply     bool
		requests  []requests
	}{
		{
			name: "awx wrong token", block: "awx", typ: "registrar_awx_oauth_application",
			args: func(tn *mockapi.Tenant) map[string]string {
				return map[string]string{"base_url": acctest.String(tn.URL()), "token": `"not-the-token"`}
			},
			wantError: []string{"Could not verify the AWX credentials", "GET /t/{tenant}/api/v2/me/", "HTTP 401",
				"Authentication credentials were not provided.", "CONTROLLER_OAUTH_TOKEN"},
			requests: []requests{{"GET me/", "GET", `/api/v2/me/$`, 1, false}, {"POST", "POST", "", 0, false}},
		},
		{
			// HTTP Basic under the AAP controller's API path.
			name: "awx wrong password", block: "awx", typ: "registrar_awx_oauth_application",
			args: func(tn *mockapi.Tenant) map[string]string {
				return map[string]string{"base_url": acctest.String(tn.URL()), "api_path": `"/api/controller/v2/"`,
					"username": acctest.String(tn.Creds.AWXUsername), "password": `"wrong"`}
			},
			wantError: []string{"Could not verify the AWX credentials", "/api/controller/v2/me/", "HTTP 401", "Invalid username/password.", "CONTROLLER_PASSWORD"},
			requests:  []requests{{"GET me/", "GET", `/api/controller/v2/me/$`, 1, false}, {"POST", "POST", "", 0, false}},
		},
		{
			// A base_url where nothing listens fails the plan, naming base_url, instead of planning creates.
			name: "awx unreachable", block: "awx", typ: "registrar_awx_oauth_application", top: []string{"max_retries = 0"},
			args: func(*mockapi.Tenant) map[string]string {
				return map[string]string{"base_url": `"http://127.0.0.1:1"`, "token": `"t"`}
			},
			wantError: []string{"Could not verify the AWX credentials", "base_url (http://127.0.0.1:1)"},
		},
		{
			name: "aap wrong token", block: "aap", typ: "registrar_aap_oauth_application",
			args: func(tn *mockapi.Tenant) map[string]string {
				return map[string]string{"base_url": acctest.String(tn.URL()), "token": `"not-the-token"`}
			},
			wantError: []string{"Could not verify the AAP credentials", "GET /t/{tenant}/api/gateway/v1/me/", "HTTP 401",
				"Authentication credentials were not provided.", "AAP_TOKEN"},
			requests: []requests{{"GET me/", "GET", `/api/gateway/v1/me/$`, 1, false}, {"POST", "POST", "", 0, false}},
		},
		{
			// The check is one GET of the platform list.
			name: "ltiaas wrong API key", block: "ltiaas", typ: "registrar_ltiaas_platform", unique: []string{"client_id"},
			args: func(tn *mockapi.Tenant) map[string]string {
				return map[string]string{"base_url": acctest.String(tn.URL()), "api_key": `"not-the-key"`}
			},
			wantError: []string{"Could not verify the LTIaaS credentials", "GET /t/{tenant}/admin/platforms", "HTTP 401",
				"INVALID_LTIK_AUTH_AUTHORIZATION_HEADER", "LTIAAS_API_KEY"},
			requests: []requests{{"GET /admin/platforms", "GET", `^/admin/platforms$`, 1, false}, {"in all", "", "", 1, false}},
		},
		{
			name: "tpp wrong password", block: "tpp", typ: "registrar_tpp_oauth_application", unique: []string{"application_id"},
			args: func(tn *mockapi.Tenant) map[string]string {
				return map[string]string{"base_url": acctest.String(tn.URL()), "username": acctest.String(tn.Creds.TPPUsername),
					"password": `"wrong"`, "client_id": acctest.String(tn.Creds.TPPClientID)}
			},
			wantError: []string{"Could not verify the TPP credentials", "/vedauth/authorize/oauth", "HTTP 400",
				"invalid_grant: Username/password combination not valid", "VENAFI_USER, VENAFI_PASS"},
			requests: []requests{{"token", "POST", `(?i)^/vedauth/authorize/oauth$`, 1, false}, {"Web SDK", "", `(?i)^/vedsdk/`, 0, false}},
		},
		{
			// An access_token is checked with GET /vedauth/authorize/verify.
			name: "tpp wrong access token", block: "tpp", typ: "registrar_tpp_oauth_application", unique: []string{"application_id"},
			args: func(tn *mockapi.Tenant) map[string]string {
				return map[string]string{"base_url": acctest.String(tn.URL()), "access_token": `"not-a-token"`}
			},
			wantError: []string{"Could not verify the TPP credentials", "GET /t/{tenant}/vedauth/authorize/verify", "HTTP 401",
				"invalid_token", "VENAFI_TOKEN"},
			requests: []requests{{"verify", "GET", `^/vedauth/authorize/verify$`, 1, false}, {"Web SDK", "", `(?i)^/vedsdk/`, 0, false}},
		},
		{
			name: "tpp valid access token", block: "tpp", typ: "registrar_tpp_oauth_application", unique: []string{"application_id"}, apply: true,
			args: func(tn *mockapi.Tenant) map[string]string {
				return map[string]string{"base_url": acctest.String(tn.URL()), "access_token": acctest.String(tn.TPP.IssueToken(tn.Creds.TPPUsername, "admin"))}
			},
			requests: []requests{{"verify", "GET", `^/vedauth/authorize/verify$`, 1, true}, {"create", "POST", `(?i)^/vedsdk/oauth/CreateApplication$`, 3, false}},
		},
		{
			name: "timeback wrong client secret", block: "timeback", typ: "registrar_timeback_application", unique: []string{"name"},
			args: func(tn *mockapi.Tenant) map[string]string {
				return map[string]string{"base_url": acctest.String(tn.URL()), "client_id": acctest.String(tn.Creds.TimebackClientID), "client_secret": `"not-the-secret"`}
			},
			wantError: []string{"Could not verify the Timeback credentials", "/auth/1.0/token", "HTTP 401",
				"Client authentication failed.", "TIMEBACK_CLIENT_SECRET"},
			requests: []requests{{"token", "POST", `^/auth/1\.0/token$`, 1, false}, {"application", "", `^/applications/`, 0, false}},
		},
		{
			// Timeback has no call that only checks a bearer token, so a wrong static
			// token plans the creates without any request (and fails at apply).
			name: "timeback static token not checked", block: "timeback", typ: "registrar_timeback_application", unique: []string{"name"},
			args: func(tn *mockapi.Tenant) map[string]string {
				return map[string]string{"base_url": acctest.String(tn.URL()), "token": `"not-the-token"`}
			},
			requests: []requests{{"in all", "", "", 0, false}},
		},
	}
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			env := acctest.New(t)
			tn := env.Tenant
			env.Top = c.top
			step := resource.TestStep{
				Config:   env.ProviderConfig(map[string]string{c.block: acctest.Block(c.block, c.args(tn))}) + threeOf(c.typ, c.unique...),
				PlanOnly: !c.apply,
			}
			if c.wantError != nil {
				parts := make([]string, len(c.wantError))
				for i, p := range c.wantError {
					parts[i] = strings.ReplaceAll(p, "{tenant}", tn.Name)
				}
				step.ExpectError = acctest.ErrorMatching(parts...)
			} else if !c.apply {
				step.ExpectNonEmptyPlan = true
			}
			resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProviderFactories, Steps: []resource.TestStep{step}})
			for _, r := range c.requests {
				switch n := acctest.CountRequests(tn, r.method, r.path); {
				case r.orMore && n < r.n:
					t.Errorf("%d requests (%s), want %d or more", n, r.what, r.n)
				case !r.orMore && n != r.n:
					t.Errorf("%d requests (%s), want %d", n, r.what, r.n)
				}
			}
		})
	}
}
