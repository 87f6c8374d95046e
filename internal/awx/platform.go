package awx

import (
	"context"
	"regexp"
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
	envHost     = "CONTROLLER_HOST"
	envHostOld  = "TOWER_HOST"
	envToken    = "CONTROLLER_OAUTH_TOKEN"
	envTokenOld = "TOWER_OAUTH_TOKEN"
	envUser     = "CONTROLLER_USERNAME"
	envUserOld  = "TOWER_USERNAME"
	envPass     = "CONTROLLER_PASSWORD"
	envPassOld  = "TOWER_PASSWORD"
)

// credentialsHint names the settings to check when AWX refuses the credentials.
const credentialsHint = "the awx block's token (CONTROLLER_OAUTH_TOKEN) or username and password (CONTROLLER_USERNAME, CONTROLLER_PASSWORD)"

type blockModel struct {
	BaseURL            types.String `tfsdk:"base_url"`
	Token              types.String `tfsdk:"token"`
	Username           types.String `tfsdk:"username"`
	Password           types.String `tfsdk:"password"`
	APIPath            types.String `tfsdk:"api_path"`
	InsecureSkipVerify types.Bool   `tfsdk:"insecure_skip_verify"`
}

// Platform describes AWX to the provider.
func Platform() providerdata.Platform {
	return providerdata.Platform{
		Block:       "awx",
		Title:       "AWX",
		Settings:    "base_url (CONTROLLER_HOST or TOWER_HOST) and either token (CONTROLLER_OAUTH_TOKEN or TOWER_OAUTH_TOKEN) or username and password (CONTROLLER_USERNAME, CONTROLLER_PASSWORD)",
		Schema:      blockSchema(),
		Configure:   configure,
		Resources:   []func() resource.Resource{NewApplicationResource},
		DataSources: []func() datasource.DataSource{NewApplicationDataSource},
	}
}

func blockSchema() schema.Block {
	return schema.SingleNestedBlock{
		MarkdownDescription: "AWX, Ansible Tower or the AAP 2.4 controller (OAuth2 applications at `/api/v2/applications/`).",
		Attributes: map[string]schema.Attribute{
			"base_url": schema.StringAttribute{
				MarkdownDescription: "The controller's URL, such as `https://awx.example.com`. Environment: `CONTROLLER_HOST`, `TOWER_HOST`.",
				Optional:            true,
			},
			"token": schema.StringAttribute{
				MarkdownDescription: "An OAuth2 token with the `write` scope. Environment: `CONTROLLER_OAUTH_TOKEN`, `TOWER_OAUTH_TOKEN`.",
				Optional:            true,
				Sensitive:           true,
				Validators:          []validator.String{stringvalidator.ConflictsWith(path.MatchRelative().AtParent().AtName("username"))},
			},
			"username": schema.StringAttribute{
				MarkdownDescription: "A user for HTTP Basic authentication (instead of `token`). Environment: `CONTROLLER_USERNAME`, `TOWER_USERNAME`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.AlsoRequires(path.MatchRelative().AtParent().AtName("password"))},
			},
			"password": schema.StringAttribute{
				MarkdownDescription: "The password of `username`. Environment: `CONTROLLER_PASSWORD`, `TOWER_PASSWORD`.",
				Optional:            true,
				Sensitive:           true,
				Validators:          []validator.String{stringvalidator.AlsoRequires(path.MatchRelative().AtParent().AtName("username"))},
			},
			"api_path": schema.StringAttribute{
				MarkdownDescription: "The API path (default `/api/v2/`; `/api/controller/v2/` on AAP 2.5 and later).",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(apiPathRe, "must be a path such as /api/v2/")},
			},
			"insecure_skip_verify": schema.BoolAttribute{
				MarkdownDescription: "Skip TLS certificate verification (test instances only).",
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
	if !set && !tfx.AnyEnv(envHost, envHostOld, envToken, envTokenOld, envUser, envUserOld, envPass, envPassOld) {
		return nil, diags
	}
	cfg := Config{
		BaseURL:            tfx.Setting(m.BaseURL, envHost, envHostOld),
		Token:              tfx.Setting(m.Token, envToken, envTokenOld),
		Username:           tfx.Setting(m.Username, envUser, envUserOld),
		Password:           tfx.Setting(m.Password, envPass, envPassOld),
		APIPath:            m.APIPath.ValueString(),
		InsecureSkipVerify: m.InsecureSkipVerify.ValueBool(),
	}
	if cfg.BaseURL == "" {
		diags.AddAttributeError(path.Root("awx").AtName("base_url"), "AWX base_url is not set", "Set base_url in the awx block, or CONTROLLER_HOST.")
		return nil, diags
	}
	if !strings.Contains(cfg.BaseURL, "://") {
		cfg.BaseURL = "https://" + cfg.BaseURL // AWX tooling accepts a bare host name
	}
	if cfg.Token == "" && (cfg.Username == "" || cfg.Password == "") {
		diags.AddAttributeError(path.Root("awx"), "AWX credentials are not set",
			"Set token (or CONTROLLER_OAUTH_TOKEN), or username and password (or CONTROLLER_USERNAME and CONTROLLER_PASSWORD), in the awx block.")
		return nil, diags
	}
	diags.Append(tfx.CheckBaseURL("awx", cfg.BaseURL)...)
	if diags.HasError() {
		return nil, diags
	}
	c, err := NewClient(s, cfg)
	if err != nil {
		diags.AddAttributeError(path.Root("awx").AtName("base_url"), "Invalid AWX settings", err.Error())
		return nil, diags
	}
	return c, diags
}

var apiPathRe = regexp.MustCompile(`^/?([A-Za-z0-9._-]+/?)+$`)
