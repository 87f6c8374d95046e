package timeback

import (
	"context"

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
	envBaseURL      = "TIMEBACK_BASE_URL"
	envToken        = "TIMEBACK_TOKEN"
	envClientID     = "TIMEBACK_CLIENT_ID"
	envClientSecret = "TIMEBACK_CLIENT_SECRET"
	envTokenURL     = "TIMEBACK_TOKEN_URL"
)

// credentialsHint names the settings to check when Timeback refuses the credentials.
const credentialsHint = "the timeback block's token (TIMEBACK_TOKEN), or client_id and client_secret (TIMEBACK_CLIENT_ID, TIMEBACK_CLIENT_SECRET) and token_url; " +
	"also check that base_url is the environment the credentials belong to (production, staging or sandbox have separate credentials)"

type blockModel struct {
	BaseURL      types.String `tfsdk:"base_url"`
	Token        types.String `tfsdk:"token"`
	ClientID     types.String `tfsdk:"client_id"`
	ClientSecret types.String `tfsdk:"client_secret"`
	TokenURL     types.String `tfsdk:"token_url"`
}

// Platform describes Timeback to the provider.
func Platform() providerdata.Platform {
	return providerdata.Platform{
		Block:       "timeback",
		Title:       "Timeback",
		Settings:    "either token (TIMEBACK_TOKEN) or client_id and client_secret (TIMEBACK_CLIENT_ID, TIMEBACK_CLIENT_SECRET); base_url (TIMEBACK_BASE_URL) defaults to https://platform.timeback.com",
		Schema:      blockSchema(),
		Configure:   configure,
		Resources:   []func() resource.Resource{NewApplicationResource},
		DataSources: []func() datasource.DataSource{NewApplicationDataSource},
	}
}

func blockSchema() schema.Block {
	return schema.SingleNestedBlock{
		MarkdownDescription: "The Timeback developer platform (draft application registration at `/applications/1.0/drafts`). " +
			"Authenticate with a bearer `token`, or with `client_id` and `client_secret`, which the provider exchanges for a token " +
			"(OAuth2 client credentials, HTTP Basic) and caches until it expires.",
		Attributes: map[string]schema.Attribute{
			"base_url": schema.StringAttribute{
				MarkdownDescription: "The platform's URL: `https://platform.timeback.com` (production, the default), `https://platform.dev.timeback.com` (staging) " +
					"or `https://sandbox.platform.timeback.com` (sandbox, with its own credentials). Environment: `TIMEBACK_BASE_URL`.",
				Optional: true,
			},
			"token": schema.StringAttribute{
				MarkdownDescription: "A bearer token for the developer platform. How a REST caller obtains one is not publicly documented; " +
					"use `client_id` and `client_secret` when you have platform client credentials. Environment: `TIMEBACK_TOKEN`.",
				Optional:  true,
				Sensitive: true,
				Validators: []validator.String{
					stringvalidator.ConflictsWith(path.MatchRelative().AtParent().AtName("client_id"), path.MatchRelative().AtParent().AtName("client_secret")),
				},
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "A platform client id, exchanged with `client_secret` at `token_url` for an access token (instead of `token`). Environment: `TIMEBACK_CLIENT_ID`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.AlsoRequires(path.MatchRelative().AtParent().AtName("client_secret"))},
			},
			"client_secret": schema.StringAttribute{
				MarkdownDescription: "The secret of `client_id`. Environment: `TIMEBACK_CLIENT_SECRET`.",
				Optional:            true,
				Sensitive:           true,
				Validators:          []validator.String{stringvalidator.AlsoRequires(path.MatchRelative().AtParent().AtName("client_id"))},
			},
			"token_url": schema.StringAttribute{
				MarkdownDescription: "The token endpoint for `client_id` and `client_secret` (default `<base_url>/auth/1.0/token`). Environment: `TIMEBACK_TOKEN_URL`.",
				Optional:            true,
				Validators:          []validator.String{tfx.URL(tfx.URLOptions{HTTPSOnly: true})},
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
	if !set && !tfx.AnyEnv(envBaseURL, envToken, envClientID, envClientSecret, envTokenURL) {
		return nil, diags
	}
	cfg := Config{
		BaseURL:  tfx.Setting(m.BaseURL, envBaseURL),
		TokenURL: tfx.Setting(m.TokenURL, envTokenURL),
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	// Attributes win over environment variables: a token or client pair set in the
	// block is used before either one from the environment.
	blockToken, blockClient := isSet(m.Token), isSet(m.ClientID) || isSet(m.ClientSecret)
	switch {
	case blockToken:
		cfg.Token = m.Token.ValueString()
	case blockClient:
		cfg.ClientID = tfx.Setting(m.ClientID, envClientID)
		cfg.ClientSecret = tfx.Setting(m.ClientSecret, envClientSecret)
	default:
		cfg.Token = tfx.Setting(types.StringNull(), envToken)
		if cfg.Token == "" {
			cfg.ClientID = tfx.Setting(types.StringNull(), envClientID)
			cfg.ClientSecret = tfx.Setting(types.StringNull(), envClientSecret)
		}
	}
	if cfg.Token == "" && (cfg.ClientID == "" || cfg.ClientSecret == "") {
		diags.AddAttributeError(path.Root("timeback"), "Timeback credentials are not set",
			"Set token (or TIMEBACK_TOKEN), or client_id and client_secret (or TIMEBACK_CLIENT_ID and TIMEBACK_CLIENT_SECRET), in the timeback block.")
		return nil, diags
	}
	diags.Append(tfx.CheckBaseURL("timeback", cfg.BaseURL)...)
	if cfg.TokenURL != "" && !isSet(m.TokenURL) {
		// The block's token_url is validated by its schema; the environment's here,
		// because the client secret is sent to it.
		diags.Append(tfx.CheckURL(path.Root("timeback").AtName("token_url"), envTokenURL, cfg.TokenURL, tfx.URLOptions{HTTPSOnly: true})...)
	}
	if diags.HasError() {
		return nil, diags
	}
	c, err := NewClient(s, cfg)
	if err != nil {
		diags.AddAttributeError(path.Root("timeback"), "Invalid Timeback settings", err.Error())
		return nil, diags
	}
	return c, diags
}

func isSet(v types.String) bool { return !v.IsNull() && !v.IsUnknown() && v.ValueString() != "" }
