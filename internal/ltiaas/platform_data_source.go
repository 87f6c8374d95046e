package ltiaas

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
)

// NewPlatformDataSource returns the registrar_ltiaas_platform data source.
func NewPlatformDataSource() datasource.DataSource {
	return &providerdata.DataSource[*Client, platformDataModel]{
		WithClient: providerdata.WithClient[*Client]{TypeSuffix: "_ltiaas_platform", Block: "ltiaas"},
		DataSchema: dataSourceSchema,
		Validators: dataSourceValidators,
		Lookup:     lookUpPlatform,
	}
}

// platformDataModel is the registration's fields, shared with the resource.
type platformDataModel = platformFields

// dataSourceSchema is the data source's schema.
var dataSourceSchema = schema.Schema{
	MarkdownDescription: "Looks up an LTIaaS platform registration by `id`, or by `url` and `client_id`. It is an error when none matches.",
	Attributes: map[string]schema.Attribute{
		"id":                      schema.StringAttribute{MarkdownDescription: "The platform id. Set it, or `url` and `client_id`.", Optional: true, Computed: true},
		"url":                     schema.StringAttribute{MarkdownDescription: "The platform's issuer (with `client_id`).", Optional: true, Computed: true},
		"client_id":               schema.StringAttribute{MarkdownDescription: "The client id the LMS issued to the tool (with `url`).", Optional: true, Computed: true},
		"name":                    schema.StringAttribute{MarkdownDescription: "The display name.", Computed: true},
		"authentication_endpoint": schema.StringAttribute{MarkdownDescription: "The LMS's OIDC authentication endpoint.", Computed: true},
		"access_token_endpoint":   schema.StringAttribute{MarkdownDescription: "The LMS's access token endpoint.", Computed: true},
		"auth_config": schema.SingleNestedAttribute{
			MarkdownDescription: "How LTIaaS verifies the platform's messages.",
			Computed:            true,
			Attributes: map[string]schema.Attribute{
				"method": schema.StringAttribute{MarkdownDescription: "`JWK_SET`, `JWK_KEY` or `RSA_KEY`.", Computed: true},
				"key":    schema.StringAttribute{MarkdownDescription: "The key set URL, JSON Web Key or PEM public key.", Computed: true},
			},
		},
		"authorization_server": schema.StringAttribute{MarkdownDescription: "The token request audience, when LTIaaS reports one (null otherwise).", Computed: true},
		"active":               schema.BoolAttribute{MarkdownDescription: "Whether the registration may launch.", Computed: true},
		"public_key":           schema.StringAttribute{MarkdownDescription: "The PEM public key LTIaaS generated for this registration.", Computed: true},
	},
}

// dataSourceValidators say which attributes identify the registration.
var dataSourceValidators = []datasource.ConfigValidator{
	datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("url")),
	datasourcevalidator.RequiredTogether(path.MatchRoot("url"), path.MatchRoot("client_id")),
	datasourcevalidator.Conflicting(path.MatchRoot("id"), path.MatchRoot("client_id")),
}

// lookUpPlatform fills the data source from the registration named by `id`, or by `url` and `client_id`.
func lookUpPlatform(ctx context.Context, c *Client, cfg *platformDataModel, diags *diag.Diagnostics) {
	var p *Registration
	var err error
	var object string
	if !cfg.ID.IsNull() {
		object = fmt.Sprintf("LTIaaS platform %s", cfg.ID.ValueString())
		p, err = c.Lookup(ctx, cfg.ID.ValueString())
	} else {
		object = fmt.Sprintf("LTIaaS platform with url %s and client_id %s", cfg.URL.ValueString(), cfg.ClientID.ValueString())
		p, err = c.Find(ctx, cfg.URL.ValueString(), cfg.ClientID.ValueString())
	}
	if err != nil {
		tfx.APIError(diags, tfx.Op{Verb: "read", Object: object, Credentials: credentialsHint}, err, "")
		return
	}
	if p == nil {
		diags.AddError("LTIaaS platform not found",
			fmt.Sprintf("No %s exists (LTIaaS answered with an empty list). Check the id, or the url and client_id, and the ltiaas block's base_url and path_prefix.", object))
		return
	}
	cfg.fill(p)
	if p.AuthorizationServer != "" {
		// The data source shows whatever LTIaaS reports, its default included.
		cfg.AuthorizationServer = types.StringValue(p.AuthorizationServer)
	}
}
