package awx

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
)

var (
	_ datasource.DataSource                     = &applicationDataSource{}
	_ datasource.DataSourceWithConfigure        = &applicationDataSource{}
	_ datasource.DataSourceWithConfigValidators = &applicationDataSource{}
)

// NewApplicationDataSource returns the registrar_awx_oauth_application data source.
func NewApplicationDataSource() datasource.DataSource { return &applicationDataSource{} }

type applicationDataSource struct {
	client *Client
}

// applicationDataModel is the application's fields, shared with the resource.
type applicationDataModel = applicationFields

func (d *applicationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_awx_oauth_application"
}

func (d *applicationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up an AWX OAuth2 application by `id`, or by `name` and `organization`. The client secret is never available here: AWX shows it only once, at creation.",
		Attributes: map[string]schema.Attribute{
			"id":                       schema.StringAttribute{MarkdownDescription: "The numeric AWX id. Set it, or `name` and `organization`.", Optional: true, Computed: true},
			"name":                     schema.StringAttribute{MarkdownDescription: "The application's name (with `organization`).", Optional: true, Computed: true},
			"organization":             schema.Int64Attribute{MarkdownDescription: "The organization's numeric id (with `name`).", Optional: true, Computed: true},
			"description":              schema.StringAttribute{MarkdownDescription: "The description.", Computed: true},
			"client_type":              schema.StringAttribute{MarkdownDescription: "`confidential` or `public`.", Computed: true},
			"authorization_grant_type": schema.StringAttribute{MarkdownDescription: "`authorization-code` or `password`.", Computed: true},
			"redirect_uris":            schema.SetAttribute{MarkdownDescription: "The allowed redirect URIs.", ElementType: types.StringType, Computed: true},
			"skip_authorization":       schema.BoolAttribute{MarkdownDescription: "Whether the user's authorization step is skipped.", Computed: true},
			"client_id":                schema.StringAttribute{MarkdownDescription: "The OAuth client id.", Computed: true},
		},
	}
}

func (d *applicationDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
		datasourcevalidator.RequiredTogether(path.MatchRoot("name"), path.MatchRoot("organization")),
		datasourcevalidator.Conflicting(path.MatchRoot("id"), path.MatchRoot("organization")),
	}
}

func (d *applicationDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	c, diags := providerdata.Client[*Client](req.ProviderData, "awx")
	resp.Diagnostics.Append(diags...)
	d.client = c
}

func (d *applicationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg applicationDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var app *Application
	var err error
	var object string
	if !cfg.ID.IsNull() {
		object = fmt.Sprintf("AWX OAuth application %s", cfg.ID.ValueString())
		id, perr := strconv.ParseInt(cfg.ID.ValueString(), 10, 64)
		if perr != nil {
			resp.Diagnostics.AddAttributeError(path.Root("id"), "Invalid id", "id must be the application's numeric AWX id.")
			return
		}
		app, err = d.client.Get(ctx, id)
	} else {
		object = fmt.Sprintf("AWX OAuth application %q in organization %d", cfg.Name.ValueString(), cfg.Organization.ValueInt64())
		app, err = d.client.FindByName(ctx, cfg.Name.ValueString(), cfg.Organization.ValueInt64())
		if err == nil && app == nil {
			resp.Diagnostics.AddError("AWX OAuth application not found", fmt.Sprintf("No %s exists.", object))
			return
		}
	}
	if err != nil {
		tfx.APIError(&resp.Diagnostics, tfx.Op{Verb: "read", Object: object, Credentials: credentialsHint}, err, "")
		return
	}
	cfg.fill(app)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
