package mockapi

// Gateway is the AAP 2.5+ platform gateway's OAuth applications API
// (/api/gateway/v1/applications/, django-ansible-base): AWX's application plus
// post_logout_redirect_uris, allowed_origins, algorithm, app_url, pkce_required and
// user; the secret shown once and "$encrypted$" afterwards; only superusers may
// create; a duplicate (name, organization) is DRF's unique-together error under
// non_field_errors; GET me/ says who the caller is.
type Gateway = AnsibleApps

func newGateway(t *Tenant) *Gateway {
	return newAnsibleApps(t, ansibleFlavor{
		name: "AAP gateway", prefixes: []string{"/api/gateway/v1/"},
		mask: "$encrypted$", typ: "application", gateway: true,
		creds: func(c Credentials) ansibleCreds {
			return ansibleCreds{
				token: c.AAPToken, username: c.AAPUsername, password: c.AAPPassword,
				userToken: c.AAPOrgAdminToken, userName: c.AAPOrgAdminUsername, userPassword: c.AAPOrgAdminPassword,
			}
		},
	})
}
