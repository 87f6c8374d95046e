package awx

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
)

var (
	_ list.ListResource              = &applicationListResource{}
	_ list.ListResourceWithConfigure = &applicationListResource{}
)

// NewApplicationListResource returns the registrar_awx_oauth_application list
// resource: `terraform query` finds existing applications and, with
// -generate-config-out, writes their resource and import blocks.
func NewApplicationListResource() list.ListResource {
	return &applicationListResource{}
}

type applicationListResource struct {
	client *Client
}

type applicationListModel struct {
	Organization types.Int64  `tfsdk:"organization"`
	Name         types.String `tfsdk:"name"`
}

func (r *applicationListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_awx_oauth_application"
}

func (r *applicationListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the OAuth2 applications on AWX (`GET /api/v2/applications/`) that the token or user can see, for `terraform query` (Terraform 1.14+). " +
			"Each result carries the identity (`id`) and, with `include_resource`, the application without its client secret: AWX shows a secret only at creation.",
		Attributes: map[string]schema.Attribute{
			"organization": schema.Int64Attribute{
				MarkdownDescription: "Only the applications of this organization (its numeric id).",
				Optional:            true,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Only the application with this exact name.",
				Optional:            true,
			},
		},
	}
}

func (r *applicationListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	c, diags := providerdata.Client[*Client](req.ProviderData, "awx")
	resp.Diagnostics.Append(diags...)
	r.client = c
}

func (r *applicationListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg applicationListModel
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	f := ListFilter{Organization: cfg.Organization.ValueInt64(), Name: cfg.Name.ValueString()}
	op := tfx.Op{Verb: "list", Object: "AWX OAuth applications", Credentials: credentialsHint}
	stream.Results = tfx.ListStream(ctx, req, op, func(ctx context.Context, yield func(tfx.ListItem) bool) error {
		// One more than the bound, so that ListStream can tell a truncated listing.
		return r.client.List(ctx, f, tfx.MaxListItems+1, func(a *Application) bool {
			var fields applicationFields
			fields.fill(a)
			return yield(tfx.ListItem{
				DisplayName: fmt.Sprintf("%s (organization %d, id %d)", a.Name, a.Organization, a.ID),
				Fields:      &fields,
			})
		})
	})
}
