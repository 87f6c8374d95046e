package tpp_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// The default acceptance configuration uses username, password and client_id.
func TestAuth_tokenFromUsernamePassword(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	acctest.Run(t, []resource.TestStep{{
		Config: env.Config(appHCL(nil)),
		Check: func(*terraform.State) error {
			if tn.TPP.Get("registrar-ci") == nil {
				return fmt.Errorf("not created")
			}
			if tn.TPP.TokenGrants() == 0 {
				return fmt.Errorf("no token was obtained from /vedauth/authorize/oauth")
			}
			return nil
		},
	}})
}

// A token that expires in the middle of a run is refreshed once and the call repeated.
func TestAuth_expiredTokenRefreshed(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	tn.TPP.SetAccessTokenUses(1) // every access token expires after one call
	two := func(name string) string {
		return appHCL(map[string]string{"name": fmt.Sprintf("%q", name)}) + `
resource "registrar_tpp_oauth_application" "second" {
  application_id = "registrar-ci-2"
  name           = "Second"
  vendor         = "Example Corp"
  scope          = "certificate"
  maximum_scope  = "certificate"
  depends_on     = [registrar_tpp_oauth_application.test]
}
`
	}
	acctest.Run(t, []resource.TestStep{
		{
			Config: env.Config(two("Registrar CI")),
			Check: func(*terraform.State) error {
				if tn.TPP.Count() != 2 {
					return fmt.Errorf("TPP holds %+v", tn.TPP.All())
				}
				if tn.TPP.TokenRefreshes() == 0 {
					return fmt.Errorf("the expired token was not refreshed")
				}
				return nil
			},
		},
		{ // refresh (two reads) and an update in one run, each call after the first on a refreshed token
			Config: env.Config(two("Renamed")),
			Check: onServer(tn, "registrar-ci", func(a *mockapi.TPPApp) error {
				if a.Name != "Renamed" || tn.TPP.Count() != 2 {
					return fmt.Errorf("TPP holds %+v", tn.TPP.All())
				}
				return nil
			}),
		},
	})
}

// An access_token given directly is used as is: no token request is made.
func TestAuth_accessToken(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	token := tn.TPP.IssueToken(tn.Creds.TPPUsername, "admin")
	cfg := env.ProviderConfig(tppBlock(tn, fmt.Sprintf("    access_token = %q\n", token))) + appHCL(nil)
	acctest.Run(t, []resource.TestStep{
		{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("registrar-ci")),
			},
			Check: func(*terraform.State) error {
				if n := tn.TPP.TokenGrants(); n != 0 {
					return fmt.Errorf("%d token requests were made although access_token was set", n)
				}
				return nil
			},
		},
		{ // the token expires: there is no refresh token, so the diagnostic asks for a new one
			PreConfig:   func() { tn.TPP.ExpireAccessTokens() },
			Config:      cfg,
			ExpectError: acctest.ErrorMatching("Could not read", "HTTP 401", "invalid_token", "access_token (VENAFI_TOKEN) is missing, expired"),
		},
		{ // back to username and password (a new token per run), so that the test can destroy what it created
			Config: env.Config(appHCL(nil)),
		},
	})
}

// userLines are the lines of a tpp block that log in with a username and password.
func userLines(username, password, clientID string) string {
	return fmt.Sprintf("    username = %q\n    password = %q\n    client_id = %q\n", username, password, clientID)
}

// TestAuth_refused: credentials TPP refuses, or lacking what creating an application
// needs, fail with a diagnostic that says which credential to check and where it comes
// from; a partial set in the block is refused at plan, naming each missing attribute.
// Nothing is created.
func TestAuth_refused(t *testing.T) {
	for _, tc := range []struct {
		name     string
		lines    func(tn *mockapi.Tenant) string
		planOnly bool
		want     *regexp.Regexp
	}{
		{
			name: "bad password",
			lines: func(tn *mockapi.Tenant) string {
				return userLines(tn.Creds.TPPUsername, "wrong-password", tn.Creds.TPPClientID)
			},
			want: acctest.ErrorMatching("Could not verify the TPP credentials", "HTTP 400", "invalid_grant", "refused the username and password", "VENAFI_PASS"),
		},
		{
			name: "unknown client_id",
			lines: func(tn *mockapi.Tenant) string {
				return userLines(tn.Creds.TPPUsername, tn.Creds.TPPPassword, "no-such-integration")
			},
			want: acctest.ErrorMatching("invalid_client", `does not accept client_id "no-such-integration"`, "VENAFI_CLIENT_ID"),
		},
		{
			name: "user without the admin scope", // a user whose token TPP narrows to the certificate scope
			lines: func(tn *mockapi.Tenant) string {
				return userLines(mockapi.TPPOperatorUser, mockapi.TPPOperatorPassword, tn.Creds.TPPClientID)
			},
			want: acctest.ErrorMatching("HTTP 403", "insufficient_scope", "lacks the admin scope", "maximum scope includes admin"),
		},
		{
			name: "access_token without the admin scope",
			lines: func(tn *mockapi.Tenant) string {
				return fmt.Sprintf("    access_token = %q\n", tn.TPP.IssueToken(tn.Creds.TPPUsername, "certificate:manage"))
			},
			want: acctest.ErrorMatching("HTTP 403", "insufficient_scope", "access_token (VENAFI_TOKEN) lacks the admin scope"),
		},
		{
			name: "user without admin rights",
			lines: func(tn *mockapi.Tenant) string {
				return userLines(mockapi.TPPAuditorUser, mockapi.TPPAuditorPassword, tn.Creds.TPPClientID)
			},
			want: acctest.ErrorMatching("HTTP 401", "insufficient_rights", "create needs Admin"),
		},
		{
			name:     "partial set",
			lines:    func(*mockapi.Tenant) string { return "    username = \"someone\"\n" },
			planOnly: true,
			want:     acctest.ErrorMatching("Incomplete TPP credentials", "sets username but not password", "sets username but not client_id"),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := acctest.New(t)
			tn := env.Tenant
			acctest.Run(t, []resource.TestStep{{
				Config:      env.ProviderConfig(tppBlock(tn, tc.lines(tn))) + appHCL(nil),
				PlanOnly:    tc.planOnly,
				ExpectError: tc.want,
			}})
			if n := tn.TPP.Count(); n != 0 {
				t.Fatalf("TPP holds %d applications", n)
			}
		})
	}
}
