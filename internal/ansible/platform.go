package ansible

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// Block is what differs between the awx and aap provider blocks: the same settings
// (base_url, token or username and password, api_path, insecure_skip_verify) with
// their own environment variables and texts.
type Block struct {
	// Platform names the platform in the client's errors ("AWX", "AAP").
	Platform string
	// The environment variables of each setting.
	BaseURLEnv, TokenEnv, UsernameEnv, PasswordEnv []string
	// InsecureNegatedEnv hold the opposite of insecure_skip_verify (AAP_VALIDATE_CERTS).
	InsecureNegatedEnv []string
	// BaseURLDescription, TokenDescription and APIPathDescription document the settings.
	BaseURLDescription, TokenDescription, APIPathDescription string
	// APIPath is api_path's default.
	APIPath string
}

var apiPathRe = regexp.MustCompile(`^/?([A-Za-z0-9._-]+/?)+$`)

// Attrs are the block's attributes.
func (b Block) Attrs() []providerdata.Attr {
	return []providerdata.Attr{
		{Name: "base_url", Env: b.BaseURLEnv, Required: true, BaseURL: true, BareHost: true, Description: b.BaseURLDescription},
		{Name: "token", Env: b.TokenEnv, Sensitive: true, Description: b.TokenDescription},
		{Name: "username", Env: b.UsernameEnv, Description: "A user for HTTP Basic authentication (instead of `token`)."},
		{Name: "password", Env: b.PasswordEnv, Sensitive: true, Description: "The password of `username`."},
		{Name: "api_path", Default: b.APIPath, Description: b.APIPathDescription,
			Validators: []validator.String{stringvalidator.RegexMatches(apiPathRe, "must be a path such as "+b.APIPath)}},
		{Name: "insecure_skip_verify", Bool: true, NegatedEnv: b.InsecureNegatedEnv,
			Description: "Skip TLS certificate verification (test instances only)."},
	}
}

// Credentials are the block's credential sets: a token, or username and password.
var Credentials = [][]string{{"token"}, {"username", "password"}}

// Build makes the block's client from the resolved settings.
func (b Block) Build(v providerdata.Values, s transport.Settings) (any, error) {
	return NewClient(s, Config{
		Platform: b.Platform, BaseURL: v.Get("base_url"), APIPath: v.Get("api_path"), DefaultAPIPath: b.APIPath,
		Token: v.Get("token"), Username: v.Get("username"), Password: v.Get("password"),
		InsecureSkipVerify: v.Bool("insecure_skip_verify"),
	})
}
