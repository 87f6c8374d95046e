package awx

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// credentialsHint names the settings to check when AWX refuses the credentials.
const credentialsHint = "the awx block's token (CONTROLLER_OAUTH_TOKEN) or username and password (CONTROLLER_USERNAME, CONTROLLER_PASSWORD)"

var apiPathRe = regexp.MustCompile(`^/?([A-Za-z0-9._-]+/?)+$`)

// Platform describes AWX to the provider.
func Platform() providerdata.Platform {
	return providerdata.Platform{
		Block:       "awx",
		Title:       "AWX",
		Description: "AWX up to 24.6.1, Ansible Tower or the AAP 2.4 controller (OAuth2 applications at `/api/v2/applications/`). For AAP 2.5 and later use the `aap` block.",
		Attrs: []providerdata.Attr{
			{Name: "base_url", Env: []string{"CONTROLLER_HOST", "TOWER_HOST"}, Required: true, BaseURL: true, BareHost: true,
				Description: "The controller's URL, such as `https://awx.example.com` (a bare host name gets `https://`)."},
			{Name: "token", Env: []string{"CONTROLLER_OAUTH_TOKEN", "TOWER_OAUTH_TOKEN"}, Sensitive: true,
				Description: "An OAuth2 token with the `write` scope."},
			{Name: "username", Env: []string{"CONTROLLER_USERNAME", "TOWER_USERNAME"},
				Description: "A user for HTTP Basic authentication (instead of `token`)."},
			{Name: "password", Env: []string{"CONTROLLER_PASSWORD", "TOWER_PASSWORD"}, Sensitive: true,
				Description: "The password of `username`."},
			{Name: "api_path", Default: "/api/v2/",
				Description: "The API path. `/api/controller/v2/` reaches the legacy controller applications of AAP 2.5 and 2.6, which the platform does not use (a plan warns): on AAP 2.5 and later use `registrar_aap_oauth_application`.",
				Validators:  []validator.String{stringvalidator.RegexMatches(apiPathRe, "must be a path such as /api/v2/")}},
			{Name: "insecure_skip_verify", Bool: true,
				Description: "Skip TLS certificate verification (test instances only)."},
		},
		Credentials: [][]string{{"token"}, {"username", "password"}},
		Build: func(v providerdata.Values, s transport.Settings) (any, error) {
			return NewClient(s, Config{
				BaseURL: v.Get("base_url"), Token: v.Get("token"), Username: v.Get("username"), Password: v.Get("password"),
				APIPath: v.Get("api_path"), InsecureSkipVerify: v.Bool("insecure_skip_verify"),
			})
		},
		Resources:   []func() resource.Resource{NewApplicationResource},
		DataSources: []func() datasource.DataSource{NewApplicationDataSource},
	}
}
