package ltiaas

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// credentialsHint names the settings to check when LTIaaS refuses the API key.
const credentialsHint = "the ltiaas block's api_key or the LTIAAS_API_KEY environment variable (the API key from the LTIaaS portal, sent as `Authorization: Bearer`)"

// Platform describes LTIaaS to the provider.
func Platform() providerdata.Platform {
	return providerdata.Platform{
		Block:       "ltiaas",
		Title:       "LTIaaS",
		Description: "LTIaaS, the hosted ltijs service (LTI 1.3 platform registrations at `/admin/platforms`).",
		Attrs: []providerdata.Attr{
			{Name: "base_url", Env: []string{"LTIAAS_BASE_URL"}, Required: true, BaseURL: true, BareHost: true,
				Description: "Your LTIaaS URL, such as `https://your.ltiaas.com` (a bare host name gets `https://`).",
				Hint:        "Use your LTIaaS URL, such as https://your.ltiaas.com."},
			{Name: "api_key", Env: []string{"LTIAAS_API_KEY"}, Sensitive: true,
				Description: "The account's static API key, sent as `Authorization: Bearer`.",
				Hint:        "Use the API key from the LTIaaS portal."},
			{Name: "path_prefix", Default: "/admin",
				Description: "The API's path prefix: `/admin` (the current LTIaaS docs) or `/api` (older docs and the Node SDK). Which one a live account accepts is not documented; if the provider reports 404 for every call, try the other.",
				Validators:  []validator.String{stringvalidator.OneOf("/admin", "/api")}},
		},
		Credentials: [][]string{{"api_key"}},
		Build: func(v providerdata.Values, s transport.Settings) (any, error) {
			return NewClient(s, Config{BaseURL: v.Get("base_url"), APIKey: v.Get("api_key"), PathPrefix: v.Get("path_prefix")})
		},
		Resources:     []func() resource.Resource{NewPlatformResource},
		DataSources:   []func() datasource.DataSource{NewPlatformDataSource},
		ListResources: []func() list.ListResource{NewPlatformListResource},
	}
}
