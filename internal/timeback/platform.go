package timeback

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// credentialsHint names the settings to check when Timeback refuses the credentials.
const credentialsHint = "the timeback block's token (TIMEBACK_TOKEN), or client_id and client_secret (TIMEBACK_CLIENT_ID, TIMEBACK_CLIENT_SECRET) and token_url; " +
	"also check that base_url is the environment the credentials belong to (production, staging or sandbox have separate credentials)"

// Platform describes Timeback to the provider.
func Platform() providerdata.Platform {
	return providerdata.Platform{
		Block: "timeback",
		Title: "Timeback",
		Description: "The Timeback developer platform (draft application registration at `/applications/1.0/drafts`). " +
			"Authenticate with a bearer `token`, or with `client_id` and `client_secret`, which the provider exchanges for a token " +
			"(OAuth2 client credentials, HTTP Basic) and caches until it expires.",
		Attrs: []providerdata.Attr{
			{Name: "base_url", Env: []string{"TIMEBACK_BASE_URL"}, Default: DefaultBaseURL, BaseURL: true,
				Description: "The platform's URL: `https://platform.timeback.com` (production), `https://platform.dev.timeback.com` (staging) " +
					"or `https://sandbox.platform.timeback.com` (sandbox, with its own credentials)."},
			{Name: "token", Env: []string{"TIMEBACK_TOKEN"}, Sensitive: true,
				Description: "A bearer token for the developer platform. How a REST caller obtains one is not publicly documented; " +
					"use `client_id` and `client_secret` when you have platform client credentials."},
			{Name: "client_id", Env: []string{"TIMEBACK_CLIENT_ID"},
				Description: "A platform client id, exchanged with `client_secret` at `token_url` for an access token (instead of `token`)."},
			{Name: "client_secret", Env: []string{"TIMEBACK_CLIENT_SECRET"}, Sensitive: true,
				Description: "The secret of `client_id`."},
			// The client secret is sent to token_url: a value from TIMEBACK_TOKEN_URL gets the same check.
			{Name: "token_url", Env: []string{"TIMEBACK_TOKEN_URL"},
				Description: "The token endpoint for `client_id` and `client_secret` (default `<base_url>/auth/1.0/token`).",
				Validators:  []validator.String{tfx.URL(tfx.URLOptions{HTTPSOnly: true})}},
		},
		Credentials: [][]string{{"token"}, {"client_id", "client_secret"}},
		Build: func(v providerdata.Values, s transport.Settings) (any, error) {
			return NewClient(s, Config{
				BaseURL: v.Get("base_url"), Token: v.Get("token"), ClientID: v.Get("client_id"), ClientSecret: v.Get("client_secret"),
				TokenURL: v.Get("token_url"),
			})
		},
		Resources:   []func() resource.Resource{NewApplicationResource},
		DataSources: []func() datasource.DataSource{NewApplicationDataSource},
	}
}

func isSet(v types.String) bool { return !v.IsNull() && !v.IsUnknown() && v.ValueString() != "" }
