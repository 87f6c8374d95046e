package cronofy

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

const (
	envKey        = "CRONOFY_ADMIN_API_KEY"
	envDataCenter = "CRONOFY_DATA_CENTER"
	envBaseURL    = "CRONOFY_BASE_URL"
)

type blockModel struct {
	AdminAPIKey types.String `tfsdk:"admin_api_key"`
	DataCenter  types.String `tfsdk:"data_center"`
	BaseURL     types.String `tfsdk:"base_url"`
}

// Platform describes Cronofy to the provider.
func Platform() providerdata.Platform {
	return providerdata.Platform{
		Block:     "cronofy",
		Title:     "Cronofy",
		Settings:  "admin_api_key (CRONOFY_ADMIN_API_KEY), and data_center (CRONOFY_DATA_CENTER: au, ca, de, sg, uk or us; default us) when the key is not from the US data center",
		Schema:    blockSchema(),
		Configure: configure,
		Resources: []func() resource.Resource{NewApplicationResource},
	}
}

func blockSchema() schema.Block {
	return schema.SingleNestedBlock{
		MarkdownDescription: "Cronofy's Admin API (`POST /v1/applications`, prerelease), which provisions applications in the organizational unit of an Admin API key.",
		Attributes: map[string]schema.Attribute{
			"admin_api_key": schema.StringAttribute{
				MarkdownDescription: "An Admin API key, created in the Cronofy dashboard (Admin API section) for one organizational unit: applications provisioned with it belong to that unit. " +
					"A key is taken to work only in the data center where it was created. Environment: `CRONOFY_ADMIN_API_KEY`.",
				Optional:  true,
				Sensitive: true,
			},
			"data_center": schema.StringAttribute{
				MarkdownDescription: "The data center of the key and the default one of `registrar_cronofy_application`: `au`, `ca`, `de`, `sg`, `uk` or `us` (default `us`, `https://api.cronofy.com`; the others are `https://api-<code>.cronofy.com`). Environment: `CRONOFY_DATA_CENTER`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(DataCenters()...)},
			},
			"base_url": schema.StringAttribute{
				MarkdownDescription: "Replaces the host of every data center, for tests and private endpoints (such as `http://127.0.0.1:8080`). Normally unset. Environment: `CRONOFY_BASE_URL`.",
				Optional:            true,
			},
		},
	}
}

func configure(ctx context.Context, obj types.Object, s transport.Settings) (any, diag.Diagnostics) {
	var m blockModel
	set, diags := tfx.Block(ctx, obj, &m)
	if diags.HasError() {
		return nil, diags
	}
	if !set && !tfx.AnyEnv(envKey, envDataCenter, envBaseURL) {
		return nil, diags
	}
	cfg := Config{
		AdminAPIKey: tfx.Setting(m.AdminAPIKey, envKey),
		DataCenter:  tfx.Setting(m.DataCenter, envDataCenter),
		BaseURL:     tfx.Setting(m.BaseURL, envBaseURL),
	}
	if cfg.AdminAPIKey == "" {
		diags.AddAttributeError(path.Root("cronofy").AtName("admin_api_key"), "Cronofy admin_api_key is not set",
			"Set admin_api_key in the cronofy block, or CRONOFY_ADMIN_API_KEY. Admin API keys are created in the Cronofy dashboard, in the Admin API section of an organizational unit.")
		return nil, diags
	}
	if cfg.DataCenter == "" {
		cfg.DataCenter = DefaultDataCenter
	}
	if _, ok := hosts[cfg.DataCenter]; !ok {
		diags.AddAttributeError(path.Root("cronofy").AtName("data_center"), "Invalid Cronofy data center",
			fmt.Sprintf("The data center %q (from CRONOFY_DATA_CENTER) is not one of %s.", cfg.DataCenter, strings.Join(DataCenters(), ", ")))
		return nil, diags
	}
	if cfg.BaseURL != "" {
		diags.Append(tfx.CheckBaseURL("cronofy", cfg.BaseURL)...)
		if diags.HasError() {
			return nil, diags
		}
	}
	c, err := NewClient(s, cfg)
	if err != nil {
		diags.AddAttributeError(path.Root("cronofy"), "Invalid Cronofy settings", err.Error())
		return nil, diags
	}
	return c, diags
}
