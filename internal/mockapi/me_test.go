package mockapi_test

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// TestAWX_me: GET me/ answers the user for a valid token or password under both API
// paths, and AWX's 401 for a wrong or missing credential.
func TestAWX_me(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	basic := func(u, p string) string { return "Basic " + base64.StdEncoding.EncodeToString([]byte(u+":"+p)) }
	for _, prefix := range []string{"/api/v2/", "/api/controller/v2/"} {
		for _, tc := range []struct {
			auth   string
			status int
			want   string
		}{
			{"Bearer " + tn.Creds.AWXToken, http.StatusOK, `"username":"` + tn.Creds.AWXUsername + `"`},
			{basic(tn.Creds.AWXUsername, tn.Creds.AWXPassword), http.StatusOK, `"count":1`},
			{"Bearer wrong", http.StatusUnauthorized, `{"detail":"Authentication credentials were not provided."}`},
			{"", http.StatusUnauthorized, `{"detail":"Authentication credentials were not provided."}`},
			{basic(tn.Creds.AWXUsername, "wrong"), http.StatusUnauthorized, `"detail":"Invalid username/password."`},
		} {
			st, raw := awxRaw(t, tn, http.MethodGet, prefix+"me/", tc.auth, nil)
			if st != tc.status || !strings.Contains(string(raw), tc.want) {
				t.Errorf("GET %sme/ with %.12q: %d %s, want %d with %s", prefix, tc.auth, st, raw, tc.status, tc.want)
			}
		}
	}
}

// TestTPP_verify: GET /vedauth/authorize/verify answers 200 with the token's scope
// for a token TPP issued, and 401 invalid_token for an unknown, missing or expired one.
func TestTPP_verify(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	tok := tn.TPP.IssueToken(tn.Creds.TPPUsername, "admin")
	verify := func(token string) (int, map[string]any) {
		return mockapi.SendJSON(t, http.MethodGet, tn.URL()+"/vedauth/authorize/verify", map[string]string{"Authorization": mockapi.Bearer(token)}, nil)
	}
	if st, out := verify(tok); st != http.StatusOK || out["scope"] != "admin" {
		t.Errorf("a valid token: %d %v, want 200 with scope admin", st, out)
	}
	for _, bad := range []string{"", "unknown"} {
		if st, out := verify(bad); st != http.StatusUnauthorized || out["error"] != "invalid_token" {
			t.Errorf("token %q: %d %v, want 401 invalid_token", bad, st, out)
		}
	}
	tn.TPP.ExpireAccessTokens()
	if st, out := verify(tok); st != http.StatusUnauthorized || out["error"] != "invalid_token" {
		t.Errorf("an expired token: %d %v, want 401 invalid_token", st, out)
	}
}
