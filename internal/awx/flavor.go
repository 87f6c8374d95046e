package awx

import (
	"strings"

	"github.com/registrar-dev/terraform-provider-registrar/internal/ansible"
)

// gatewayResource is the resource to use on AAP 2.5 and later.
const gatewayResource = "registrar_aap_oauth_application"

// controllerPath tells an api_path of the AAP 2.5+ controller (/api/controller/v2/).
func controllerPath(apiPath string) bool { return strings.Contains(apiPath, "/controller/") }

// flavor is what makes the shared Ansible resource the AWX one.
var flavor = ansible.Flavor{
	Block: "awx", TypeSuffix: "_awx_oauth_application",
	Title: "AWX", Object: "AWX OAuth application", Credentials: credentialsHint,
	IDDescription: "The application's numeric AWX id.",
	ResourceDescription: "An OAuth2 application on AWX up to 24.6.1, Ansible Tower or the AAP 2.4 controller (`/api/v2/applications/`). " +
		"On AAP 2.5 and later, OAuth applications live on the platform gateway: use `" + gatewayResource + "`. " +
		"The client secret of a confidential application is shown by AWX only once, at creation; the provider keeps it in state as a sensitive value.",
	DataSourceDescription: "Looks up an AWX OAuth2 application by `id`, or by `name` and `organization`. The client secret is never available here: AWX shows it only once, at creation.",
	EndpointGone: func(string) string {
		return "The applications endpoint itself answers 404: OAuth2 applications were removed from AWX after 24.6.1 and from the AAP 2.7 controller. " +
			"On AAP 2.5 and later, manage OAuth applications on the platform gateway with " + gatewayResource + " (the provider's aap block); " +
			"AWX releases after 24.6.1 have no OAuth2 application API. On AWX 24.6.1 or earlier, Tower or AAP 2.4, check base_url and api_path."
	},
	Unauthorized: func(apiPath string) string {
		if !controllerPath(apiPath) {
			return ""
		}
		return "AAP 2.7 accepts only gateway credentials, and its controller has no OAuth applications: use " + gatewayResource +
			" with the provider's aap block (AAP_HOSTNAME, AAP_TOKEN). On AAP 2.5 or 2.6, check " + credentialsHint + "."
	},
	Legacy: func(apiPath string) string {
		if !controllerPath(apiPath) {
			return ""
		}
		return "The awx block's api_path is " + apiPath + ", the AAP 2.5+ controller. Applications created there are legacy applications: " +
			"the platform's token endpoint and UI do not use them, and AAP 2.7 removed them. Register OAuth applications on the platform gateway " +
			"with " + gatewayResource + " (the provider's aap block) instead; see the guide \"From AWX/AAP 2.4 to the AAP 2.5+ gateway\"."
	},
}
