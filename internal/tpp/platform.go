package tpp

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
	envURL      = "VENAFI_URL"
	envToken    = "VENAFI_TOKEN"
	envUser     = "VENAFI_USER"
	envPass     = "VENAFI_PASS"
	envClientID = "VENAFI_CLIENT_ID"
)

type blockModel struct {
	BaseURL     types.String `tfsdk:"base_url"`
	AccessToken types.String `tfsdk:"access_token"`
	Username    types.String `tfsdk:"username"`
	Password    types.String `tfsdk:"password"`
	ClientID    types.String `tfsdk:"client_id"`
}

// Platform describes TPP to the provider.
func Platform() providerdata.Platform {
	return providerdata.Platform{
		Block:       "tpp",
		Title:       "TPP",
		Settings:    "base_url (VENAFI_URL) and either access_token (VENAFI_TOKEN) or username, password and client_id (VENAFI_USER, VENAFI_PASS, VENAFI_CLIENT_ID)",
		Schema:      blockSchema(),
		Configure:   configure,
		Resources:   []func() resource.Resource{NewApplicationResource},
		DataSources: []func() datasource.DataSource{NewApplicationDataSource},
	}
}

func blockSchema() schema.Block {
	return schema.SingleNestedBlock{
		MarkdownDescription: "Venafi Trust Protection Platform (CyberArk Certificate Manager Self-Hosted): OAuth applications (API integrations) at `/vedsdk/oauth/`. " +
			"Every call needs a token with the `admin` scope: give `access_token`, or `username`, `password` and `client_id`, which the provider exchanges once per run at " +
			"`/vedauth/authorize/oauth` for a token with scope `admin` (refreshed once through `/vedauth/authorize/token` when it expires during the run).",
		Attributes: map[string]schema.Attribute{
			"base_url": schema.StringAttribute{
				MarkdownDescription: "The TPP server's URL, such as `https://tpp.example.com` (the provider appends `/vedsdk/…` and `/vedauth/…`). Environment: `VENAFI_URL`.",
				Optional:            true,
			},
			"access_token": schema.StringAttribute{
				MarkdownDescription: "An access token with the `admin` scope (instead of `username`, `password` and `client_id`). It is not refreshed: when it expires, supply a new one. Environment: `VENAFI_TOKEN`.",
				Optional:            true,
				Sensitive:           true,
				Validators: []validator.String{stringvalidator.ConflictsWith(
					path.MatchRelative().AtParent().AtName("username"), path.MatchRelative().AtParent().AtName("password"))},
			},
			"username": schema.StringAttribute{
				MarkdownDescription: "A TPP user with the Admin role (Create needs it; Update also allows Application Owner or Maintainer, Delete Application Owner). Environment: `VENAFI_USER`.",
				Optional:            true,
			},
			"password": schema.StringAttribute{
				MarkdownDescription: "The password of `username`. Environment: `VENAFI_PASS`.",
				Optional:            true,
				Sensitive:           true,
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "The client id of an existing API integration whose maximum scope allows `admin`, used to obtain the token. Environment: `VENAFI_CLIENT_ID`.",
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
	if !set && !tfx.AnyEnv(envURL, envToken, envUser, envPass, envClientID) {
		return nil, diags
	}
	cfg := Config{BaseURL: tfx.Setting(m.BaseURL, envURL)}
	// Attributes win over environment variables: a username in the block selects the
	// password flow even when VENAFI_TOKEN is set, and an access_token in the block
	// wins over VENAFI_USER.
	switch {
	case tfx.Setting(m.AccessToken) != "":
		cfg.AccessToken = m.AccessToken.ValueString()
	case tfx.Setting(m.Username) != "":
	default:
		cfg.AccessToken = tfx.Setting(types.StringNull(), envToken)
	}
	if cfg.AccessToken == "" {
		cfg.Username = tfx.Setting(m.Username, envUser)
		cfg.Password = tfx.Setting(m.Password, envPass)
		cfg.ClientID = tfx.Setting(m.ClientID, envClientID)
	}
	if cfg.BaseURL == "" {
		diags.AddAttributeError(path.Root("tpp").AtName("base_url"), "TPP base_url is not set", "Set base_url in the tpp block, or VENAFI_URL, to the TPP server's URL such as https://tpp.example.com.")
		return nil, diags
	}
	if cfg.AccessToken == "" {
		var missing []string
		for _, f := range []struct{ name, env, v string }{
			{"username", envUser, cfg.Username}, {"password", envPass, cfg.Password}, {"client_id", envClientID, cfg.ClientID},
		} {
			if f.v == "" {
				missing = append(missing, f.name+" ("+f.env+")")
			}
		}
		if len(missing) > 0 {
			detail := "Set access_token (or VENAFI_TOKEN) to a token with the admin scope, or username, password and client_id (VENAFI_USER, VENAFI_PASS, VENAFI_CLIENT_ID) in the tpp block. Missing: "
			for i, s := range missing {
				if i > 0 {
					detail += ", "
				}
				detail += s
			}
			diags.AddAttributeError(path.Root("tpp"), "TPP credentials are not set", detail+".")
			return nil, diags
		}
	}
	diags.Append(tfx.CheckBaseURL("tpp", cfg.BaseURL)...)
	if diags.HasError() {
		return nil, diags
	}
	c, err := NewClient(s, cfg)
	if err != nil {
		diags.AddAttributeError(path.Root("tpp").AtName("base_url"), "Invalid TPP settings", err.Error())
		return nil, diags
	}
	return c, diags
}
