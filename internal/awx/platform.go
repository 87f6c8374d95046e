package awx

import (
	"github.com/registrar-dev/terraform-provider-registrar/internal/ansible"
	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
)

// credentialsHint names the settings to check when AWX refuses the credentials.
const credentialsHint = "the awx block's token (CONTROLLER_OAUTH_TOKEN) or username and password (CONTROLLER_USERNAME, CONTROLLER_PASSWORD)"

// block is the awx provider block's settings.
var block = ansible.Block{
	Platform: "AWX", APIPath: "/api/v2/",
	BaseURLEnv: []string{"CONTROLLER_HOST", "TOWER_HOST"}, TokenEnv: []string{"CONTROLLER_OAUTH_TOKEN", "TOWER_OAUTH_TOKEN"},
	UsernameEnv: []string{"CONTROLLER_USERNAME", "TOWER_USERNAME"}, PasswordEnv: []string{"CONTROLLER_PASSWORD", "TOWER_PASSWORD"},
	BaseURLDescription: "The controller's URL, such as `https://awx.example.com` (a bare host name gets `https://`).",
	TokenDescription:   "An OAuth2 token with the `write` scope.",
	APIPathDescription: "The API path. `/api/controller/v2/` reaches the legacy controller applications of AAP 2.5 and 2.6, which the platform does not use (a plan warns): on AAP 2.5 and later use `registrar_aap_oauth_application`.",
}

// Platform describes AWX to the provider.
func Platform() providerdata.Platform {
	return ansible.Platform[ansible.ResourceModel, ansible.Fields](block, flavor,
		"AWX up to 24.6.1, Ansible Tower or the AAP 2.4 controller (OAuth2 applications at `/api/v2/applications/`). For AAP 2.5 and later use the `aap` block.")
}
