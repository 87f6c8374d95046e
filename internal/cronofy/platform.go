package cronofy

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// Platform describes Cronofy to the provider.
func Platform() providerdata.Platform {
	return providerdata.Platform{
		Block:       "cronofy",
		Title:       "Cronofy",
		Description: "Cronofy's Admin API (`POST /v1/applications`, prerelease), which provisions applications in the organizational unit of an Admin API key.",
		Attrs: []providerdata.Attr{
			{Name: "admin_api_key", Env: []string{"CRONOFY_ADMIN_API_KEY"}, Sensitive: true,
				Description: "An Admin API key, created in the Cronofy dashboard (Admin API section) for one organizational unit: applications provisioned with it belong to that unit. " +
					"A key is taken to work only in the data center where it was created.",
				Hint: "Admin API keys are created in the Cronofy dashboard, in the Admin API section of an organizational unit."},
			{Name: "data_center", Env: []string{"CRONOFY_DATA_CENTER"}, Default: DefaultDataCenter,
				Description: "The data center of the key and the default one of `registrar_cronofy_application`: `au`, `ca`, `de`, `sg`, `uk` or `us` (`us` is `https://api.cronofy.com`; the others are `https://api-<code>.cronofy.com`).",
				Validators:  []validator.String{stringvalidator.OneOf(DataCenters()...)}},
			{Name: "base_url", Env: []string{"CRONOFY_BASE_URL"}, BaseURL: true,
				Description: "Replaces the host of every data center, for tests and private endpoints (such as `http://127.0.0.1:8080`). Normally unset."},
		},
		Credentials: [][]string{{"admin_api_key"}},
		Build: func(v providerdata.Values, s transport.Settings) (any, error) {
			return NewClient(s, Config{AdminAPIKey: v.Get("admin_api_key"), DataCenter: v.Get("data_center"), BaseURL: v.Get("base_url")})
		},
		Resources: []func() resource.Resource{NewApplicationResource},
	}
}
