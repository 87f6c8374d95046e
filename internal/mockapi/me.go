package mockapi

import (
	"net/http"
	"strings"
	"time"
)

// The cheap authenticated calls the provider makes at plan to check credentials:
//
//   - AWX GET {api_path}me/ (/api/v2/me/ and /api/controller/v2/me/): the user the
//     credentials belong to, as a one-item list; AWX's 401 otherwise. (The gateway
//     registers its own me/.) AWX kept me/ after it removed the applications, so
//     AWXWithoutOAuth2 leaves it alone; ControllerGatewayOnly still answers 401;
//   - TPP GET /vedauth/authorize/verify: the bearer token's grant (application,
//     identity, scope, expiry), or 401 invalid_token for a missing, unknown or
//     expired token. It checks the token only: the scope is reported, not required.
//
// (LTIaaS and Timeback need nothing here: the provider uses the platform list and
// the token exchange.)

// meRoutes adds the AWX controller's me/ endpoint.
func (x *AnsibleApps) meRoutes(mux *http.ServeMux) {
	if x.flavor.gateway {
		return
	}
	f := x.flavor
	if gone := f.gone; gone != nil {
		f.gone = func(faults Faults, prefix string) (int, string) {
			if status, msg := gone(faults, prefix); status != http.StatusNotFound {
				return status, msg
			}
			return 0, ""
		}
	}
	me := &AnsibleApps{t: x.t, flavor: f}
	for _, prefix := range f.prefixes {
		mux.HandleFunc(prefix+"me/{$}", me.auth(prefix, me.me))
	}
}

// serveVerify answers GET /vedauth/authorize/verify; false for any other request.
func (x *TPP) serveVerify(w http.ResponseWriter, r *http.Request) bool {
	if strings.TrimRight(strings.ToLower(r.URL.Path), "/") != "/vedauth/authorize/verify" {
		return false
	}
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "invalid_request", "error_description": "The requested resource does not support http method '" + r.Method + "'."})
		return true
	}
	tok := bearer(r)
	x.mu.Lock()
	tk, ok := x.tokens[tok]
	var valid bool
	var c tppToken
	if ok {
		valid = !tk.expired && (x.maxUses == 0 || tk.uses < x.maxUses)
		c = *tk
	}
	x.mu.Unlock()
	switch {
	case tok == "":
		tppOAuthError(w, http.StatusUnauthorized, "invalid_token", "The access token is missing.")
	case !ok:
		tppOAuthError(w, http.StatusUnauthorized, "invalid_token", "The access token is invalid or has been revoked.")
	case !valid:
		tppOAuthError(w, http.StatusUnauthorized, "invalid_token", "The access token has expired.")
	default:
		now := time.Now().UTC()
		writeJSON(w, http.StatusOK, map[string]any{
			"application": c.clientID, "identity": "local:{" + c.user + "}", "scope": c.scope,
			"access_issued_on_ISO8601": now.Format(time.RFC3339), "expires_ISO8601": now.Add(time.Hour).Format(time.RFC3339), "valid_for": 3600,
		})
	}
	return true
}
