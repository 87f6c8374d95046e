package ansible

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
)

// NewListResource returns a platform's application list resource: `terraform query`
// (Terraform 1.14+) finds existing applications and, with -generate-config-out, writes
// their resource and import blocks. M is the platform's data model (the resource's
// fields without the secret: Fields, or GatewayDataModel).
func NewListResource[M any, P dataPtr[M]](f Flavor) list.ListResource {
	return &providerdata.ListResource[*Client, listModel]{
		WithClient: providerdata.WithClient[*Client]{TypeSuffix: f.TypeSuffix, Block: f.Block},
		Schema: schema.Schema{
			MarkdownDescription: fmt.Sprintf("Finds the OAuth applications on %s that the token or user can see, for `terraform query` (Terraform 1.14+). "+
				"Each result carries the identity (`id`) and, with `include_resource`, the application without its client secret: the platform shows a secret only at creation.", f.Title),
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
		},
		Op:   f.op("list", f.Object+"s"),
		Walk: listApplications[M, P],
	}
}

type listModel struct {
	Organization types.Int64  `tfsdk:"organization"`
	Name         types.String `tfsdk:"name"`
}

// listApplications lists the applications that match the filters, each as the
// platform's data model M.
func listApplications[M any, P dataPtr[M]](c *Client, cfg listModel) tfx.Lister {
	f := ListFilter{Organization: cfg.Organization.ValueInt64(), Name: cfg.Name.ValueString()}
	return func(ctx context.Context, yield func(tfx.ListItem) bool) error {
		// One more than the bound, so that ListStream can tell a truncated listing.
		return c.List(ctx, f, tfx.MaxListItems+1, func(a *Application) bool {
			var m M
			fields, gw := P(&m).dataParts()
			fillApp(fields, gw, a)
			return yield(tfx.ListItem{
				DisplayName: fmt.Sprintf("%s (organization %d, id %d)", a.Name, a.Organization, a.ID),
				Fields:      &m,
			})
		})
	}
}
