package mockapi

import "net/http"

// AWX is the AWX 24.x controller's OAuth2 applications API (/api/v2/applications/,
// and /api/controller/v2/applications/ as on AAP 2.5 and 2.6): the secret masked as
// "************" after the create, and a duplicate answered with full_clean's __all__.
type AWX = AnsibleApps

func newAWX(t *Tenant) *AWX {
	return newAnsibleApps(t, ansibleFlavor{
		name: "AWX", prefixes: []string{"/api/v2/", "/api/controller/v2/"},
		mask: "************", typ: "o_auth2_application",
		creds: func(c Credentials) ansibleCreds {
			return ansibleCreds{token: c.AWXToken, username: c.AWXUsername, password: c.AWXPassword}
		},
		gone: func(f Faults, prefix string) (int, string) {
			switch {
			case f.ControllerGatewayOnly && prefix == "/api/controller/v2/":
				// AAP 2.7: a component answers 401 to anything but gateway credentials.
				return http.StatusUnauthorized, "Authentication credentials were not provided."
			case f.AWXWithoutOAuth2:
				// AWX after 24.6.1: the applications URLs no longer exist.
				return http.StatusNotFound, "The requested resource could not be found."
			}
			return 0, ""
		},
	})
}
