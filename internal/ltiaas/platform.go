package ltiaas

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
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
	envBaseURL = "LTIAAS_BASE_URL"
	envAPIKey  = "LTIAAS_API_KEY"
)

// credentialsHint names the settings to check when LTIaaS refuses the API key.
const credentialsHint = "the ltiaas block's api_key or the LTIAAS_API_KEY environment variable (the API key from the LTIaaS portal, sent as `Authorization: Bearer`)"

type blockModel struct {
	BaseURL    types.String `tfsdk:"base_url"`
	APIKey     types.String `tfsdk:"api_key"`
	PathPrefix types.String `tfsdk:"path_prefix"`
}

// Platform describes LTIaaS to the provider.
func Platform() providerdata.Platform {
	return providerdata.Platform{
		Block:       "ltiaas",
		Title:       "LTIaaS",
		Settings:    "base_url (LTIAAS_BASE_URL) and api_key (LTIAAS_API_KEY)",
		Schema:      blockSchema(),
		Configure:   configure,
		Resources:   []func() resource.Resource{NewPlatformResource},
		DataSources: []func() datasource.DataSource{NewPlatformDataSource},
	}
}

func blockSchema() schema.Block {
	return schema.SingleNestedBlock{
		MarkdownDescription: "LTIaaS, the hosted ltijs service (LTI 1.3 platform registrations at `/admin/platforms`).",
		Attributes: map[string]schema.Attribute{
			"base_url": schema.StringAttribute{
				MarkdownDescription: "Your LTIaaS URL, such as `https://your.ltiaas.com` (a bare host name gets `https://`). Environment: `LTIAAS_BASE_URL`.",
				Optional:            true,
			},
			"api_key": schema.StringAttribute{
				MarkdownDescription: "The account's static API key, sent as `Authorization: Bearer`. Environment: `LTIAAS_API_KEY`.",
				Optional:            true,
				Sensitive:           true,
			},
			"path_prefix": schema.StringAttribute{
				MarkdownDescription: "The API's path prefix: `/admin` (the default; the current LTIaaS docs) or `/api` (older docs and the Node SDK). Which one a live account accepts is not documented; if the provider reports 404 for every call, try the other.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf("/admin", "/api")},
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
	if !set && !tfx.AnyEnv(envBaseURL, envAPIKey) {
		return nil, diags
	}
	cfg := Config{
		BaseURL:    tfx.Setting(m.BaseURL, envBaseURL),
		APIKey:     tfx.Setting(m.APIKey, envAPIKey),
		PathPrefix: m.PathPrefix.ValueString(),
	}
	if cfg.BaseURL == "" {
		diags.AddAttributeError(path.Root("ltiaas").AtName("base_url"), "LTIaaS base_url is not set",
			"Set base_url in the ltiaas block (such as https://your.ltiaas.com), or LTIAAS_BASE_URL.")
		return nil, diags
	}
	if !strings.Contains(cfg.BaseURL, "://") {
		cfg.BaseURL = "https://" + cfg.BaseURL // the Node SDK takes a bare domain
	}
	if cfg.APIKey == "" {
		diags.AddAttributeError(path.Root("ltiaas").AtName("api_key"), "LTIaaS api_key is not set",
			"Set api_key in the ltiaas block, or LTIAAS_API_KEY, to the API key from the LTIaaS portal.")
		return nil, diags
	}
	diags.Append(tfx.CheckBaseURL("ltiaas", cfg.BaseURL)...)
	if diags.HasError() {
		return nil, diags
	}
	c, err := NewClient(s, cfg)
	if err != nil {
		diags.AddAttributeError(path.Root("ltiaas").AtName("base_url"), "Invalid LTIaaS settings", err.Error())
		return nil, diags
	}
	return c, diags
}
