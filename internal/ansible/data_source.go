package ansible

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
)

// NewDataSource returns the application data source of a platform; M is its model
// (Fields, or GatewayDataModel with the gateway's fields). It never has the secret.
func NewDataSource[M any, P dataPtr[M]](f Flavor) datasource.DataSource {
	return &providerdata.DataSource[*Client, M]{
		WithClient: providerdata.WithClient[*Client]{TypeSuffix: f.TypeSuffix, Block: f.Block},
		DataSchema: f.dataSourceSchema(),
		Validators: []datasource.ConfigValidator{
			datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
			datasourcevalidator.RequiredTogether(path.MatchRoot("name"), path.MatchRoot("organization")),
			datasourcevalidator.Conflicting(path.MatchRoot("id"), path.MatchRoot("organization")),
		},
		Lookup: func(ctx context.Context, c *Client, m *M, diags *diag.Diagnostics) {
			cfg, gw := P(m).dataParts()
			f.lookUp(ctx, c, cfg, gw, diags)
		},
	}
}

// dataSourceSchema is the data source's schema, with the gateway's fields where the
// flavour has them.
func (f Flavor) dataSourceSchema() schema.Schema {
	attrs := map[string]schema.Attribute{
		"id":                       schema.StringAttribute{MarkdownDescription: "The numeric " + f.Title + " id. Set it, or `name` and `organization`.", Optional: true, Computed: true},
		"name":                     schema.StringAttribute{MarkdownDescription: "The application's name (with `organization`).", Optional: true, Computed: true},
		"organization":             schema.Int64Attribute{MarkdownDescription: "The organization's numeric id (with `name`).", Optional: true, Computed: true},
		"description":              schema.StringAttribute{MarkdownDescription: "The description.", Computed: true},
		"client_type":              schema.StringAttribute{MarkdownDescription: "`confidential` or `public`.", Computed: true},
		"authorization_grant_type": schema.StringAttribute{MarkdownDescription: "`authorization-code` or `password`.", Computed: true},
		"redirect_uris":            schema.SetAttribute{MarkdownDescription: "The allowed redirect URIs.", ElementType: types.StringType, Computed: true},
		"skip_authorization":       schema.BoolAttribute{MarkdownDescription: "Whether the user's authorization step is skipped.", Computed: true},
		"client_id":                schema.StringAttribute{MarkdownDescription: "The OAuth client id.", Computed: true},
	}
	if f.Gateway {
		attrs["post_logout_redirect_uris"] = schema.SetAttribute{MarkdownDescription: "The allowed post-logout redirect URIs.", ElementType: types.StringType, Computed: true}
		attrs["allowed_origins"] = schema.SetAttribute{MarkdownDescription: "The allowed origins.", ElementType: types.StringType, Computed: true}
		attrs["app_url"] = schema.StringAttribute{MarkdownDescription: "The application's URL.", Computed: true}
		attrs["algorithm"] = schema.StringAttribute{MarkdownDescription: "The OpenID Connect signing algorithm (`\"\"`, `RS256` or `HS256`).", Computed: true}
		attrs["pkce_required"] = schema.BoolAttribute{MarkdownDescription: "Whether PKCE is required; null when the gateway does not say.", Computed: true}
	}
	return schema.Schema{MarkdownDescription: f.DataSourceDescription, Attributes: attrs}
}

// lookUp fills the data source from the application named by `id`, or by `name` and
// `organization`.
func (f Flavor) lookUp(ctx context.Context, c *Client, cfg *Fields, gw *GatewayFields, diags *diag.Diagnostics) {
	var app *Application
	var err error
	var object string
	if !cfg.ID.IsNull() {
		object = fmt.Sprintf("%s %s", f.Object, cfg.ID.ValueString())
		id, perr := strconv.ParseInt(cfg.ID.ValueString(), 10, 64)
		if perr != nil {
			diags.AddAttributeError(path.Root("id"), "Invalid id", "id must be the application's numeric "+f.Title+" id.")
			return
		}
		app, err = c.Get(ctx, id)
	} else {
		object = fmt.Sprintf("%s %q in organization %d", f.Object, cfg.Name.ValueString(), cfg.Organization.ValueInt64())
		app, err = c.FindByName(ctx, cfg.Name.ValueString(), cfg.Organization.ValueInt64())
		if err == nil && app == nil {
			diags.AddError(f.Object+" not found", fmt.Sprintf("No %s exists.", object))
			return
		}
	}
	if err != nil {
		f.apiError(diags, c, f.op("read", object), err, "")
		return
	}
	fillApp(cfg, gw, app)
}
