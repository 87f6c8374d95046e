package tpp

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// Platform describes TPP to the provider.
func Platform() providerdata.Platform {
	return providerdata.Platform{
		Block: "tpp",
		Title: "TPP",
		Description: "Venafi Trust Protection Platform (CyberArk Certificate Manager Self-Hosted): OAuth applications (API integrations) at `/vedsdk/oauth/`. " +
			"Every call needs a token with the `admin` scope: give `access_token`, or `username`, `password` and `client_id`, which the provider exchanges once per run at " +
			"`/vedauth/authorize/oauth` for a token with scope `admin` (refreshed once through `/vedauth/authorize/token` when it expires during the run).",
		Attrs: []providerdata.Attr{
			{Name: "base_url", Env: []string{"VENAFI_URL"}, Required: true, BaseURL: true,
				Description: "The TPP server's URL, such as `https://tpp.example.com` (the provider appends `/vedsdk/…` and `/vedauth/…`).",
				Hint:        "Use the TPP server's URL, such as https://tpp.example.com."},
			{Name: "access_token", Env: []string{"VENAFI_TOKEN"}, Sensitive: true,
				Description: "An access token with the `admin` scope (instead of `username`, `password` and `client_id`). It is not refreshed: when it expires, supply a new one."},
			{Name: "username", Env: []string{"VENAFI_USER"},
				Description: "A TPP user with the Admin role (Create needs it; Update also allows Application Owner or Maintainer, Delete Application Owner)."},
			{Name: "password", Env: []string{"VENAFI_PASS"}, Sensitive: true,
				Description: "The password of `username`."},
			{Name: "client_id", Env: []string{"VENAFI_CLIENT_ID"},
				Description: "The client id of an existing API integration whose maximum scope allows `admin`, used to obtain the token."},
		},
		Credentials: [][]string{{"access_token"}, {"username", "password", "client_id"}},
		Build: func(v providerdata.Values, s transport.Settings) (any, error) {
			return NewClient(s, Config{
				BaseURL: v.Get("base_url"), AccessToken: v.Get("access_token"),
				Username: v.Get("username"), Password: v.Get("password"), ClientID: v.Get("client_id"),
			})
		},
		Resources:     []func() resource.Resource{NewApplicationResource},
		DataSources:   []func() datasource.DataSource{NewApplicationDataSource},
		ListResources: []func() list.ListResource{NewApplicationListResource},
	}
}
