// Package aap registers OAuth applications on the Ansible Automation Platform 2.5+
// platform gateway (/api/gateway/v1/applications/). The application model, the API
// client, the resource and the data source are internal/ansible's, shared with AWX;
// this package gives them the aap provider block, its names and its messages.
package aap

import (
	"github.com/registrar-dev/terraform-provider-registrar/internal/ansible"
	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
)

// credentialsHint names the settings to check when the gateway refuses the credentials.
const credentialsHint = "the aap block's token (AAP_TOKEN, GATEWAY_API_TOKEN) or username and password (AAP_USERNAME, AAP_PASSWORD)"

// block is the aap provider block's settings.
var block = ansible.Block{
	Platform: "AAP", APIPath: "/api/gateway/v1/",
	BaseURLEnv: []string{"AAP_HOSTNAME", "GATEWAY_HOSTNAME"}, TokenEnv: []string{"AAP_TOKEN", "GATEWAY_API_TOKEN"},
	UsernameEnv: []string{"AAP_USERNAME", "GATEWAY_USERNAME"}, PasswordEnv: []string{"AAP_PASSWORD", "GATEWAY_PASSWORD"},
	InsecureNegatedEnv: []string{"AAP_VALIDATE_CERTS"},
	BaseURLDescription: "The platform's URL, such as `https://aap.example.com` (a bare host name gets `https://`).",
	TokenDescription:   "A gateway OAuth token of a superuser (only superusers may create gateway applications).",
	APIPathDescription: "The gateway's API path.",
}

// Platform describes the AAP platform gateway to the provider.
func Platform() providerdata.Platform {
	return ansible.Platform[ansible.GatewayResourceModel, ansible.GatewayDataModel](block, flavor,
		"The Ansible Automation Platform 2.5+ platform gateway (OAuth applications at `/api/gateway/v1/applications/`). For AWX up to 24.6.1, Tower or AAP 2.4 use the `awx` block.")
}

// flavor is what makes the shared Ansible resource the gateway's.
var flavor = ansible.Flavor{
	Block: "aap", TypeSuffix: "_aap_oauth_application",
	Title: "AAP", Object: "AAP gateway OAuth application", Credentials: credentialsHint, Gateway: true,
	IDDescription: "The application's numeric gateway id.",
	ResourceDescription: "An OAuth application on the Ansible Automation Platform 2.5+ platform gateway (`/api/gateway/v1/applications/`). " +
		"The client secret of a confidential application is shown by the gateway only once, at creation (every later answer says `$encrypted$`); the provider keeps it in state as a sensitive value. " +
		"Only superusers may create gateway applications.",
	DataSourceDescription: "Looks up an AAP gateway OAuth application by `id`, or by `name` and `organization`. The client secret is never available here: the gateway shows it only once, at creation.",
	EndpointGone: func(apiPath string) string {
		return "The gateway has no applications endpoint under " + apiPath + ": check base_url (the platform's gateway host name) and api_path. " +
			"Gateway OAuth applications exist on AAP 2.5 and later; for AWX up to 24.6.1, Tower or AAP 2.4 use registrar_awx_oauth_application."
	},
	ForbiddenCreate: "Only superusers may create gateway applications (an organization admin is refused): use the token or username and password of a platform superuser in the aap block.",
}
