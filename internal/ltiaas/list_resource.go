package ltiaas

import (
	"context"
	"fmt"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
)

// NewPlatformListResource returns the registrar_ltiaas_platform list resource:
// `terraform query` finds existing platform registrations and, with
// -generate-config-out, writes their resource and import blocks.
func NewPlatformListResource() list.ListResource {
	return &providerdata.ListResource[*Client, platformListModel]{
		WithClient: providerdata.WithClient[*Client]{TypeSuffix: "_ltiaas_platform", Block: "ltiaas"},
		Schema: schema.Schema{
			MarkdownDescription: "Finds the LMS platforms registered on LTIaaS (`GET /admin/platforms`), for `terraform query` (Terraform 1.14+). " +
				"Each result carries the identity (`id`) and, with `include_resource`, the registration.",
			Attributes: map[string]schema.Attribute{
				"url": schema.StringAttribute{
					MarkdownDescription: "Only the registrations of this platform URL (the LMS issuer).",
					Optional:            true,
				},
				"client_id": schema.StringAttribute{
					MarkdownDescription: "Only the registrations with this client id.",
					Optional:            true,
				},
			},
		},
		Op:   tfx.Op{Verb: "list", Object: "LTIaaS platforms", Credentials: credentialsHint},
		Walk: listPlatforms,
	}
}

type platformListModel struct {
	URL      types.String `tfsdk:"url"`
	ClientID types.String `tfsdk:"client_id"`
}

// listPlatforms lists the registrations that match the filters.
func listPlatforms(c *Client, cfg platformListModel) tfx.Lister {
	q := url.Values{}
	if v := cfg.URL.ValueString(); v != "" {
		q.Set("url", v)
	}
	if v := cfg.ClientID.ValueString(); v != "" {
		q.Set("clientId", v)
	}
	return func(ctx context.Context, yield func(tfx.ListItem) bool) error {
		// LTIaaS answers every match in one response (no paging); ListStream bounds
		// how many become results.
		all, err := c.List(ctx, q)
		if err != nil {
			return err
		}
		for i := range all {
			p := &all[i]
			// The filters are applied again here, in case the service ignores one.
			if (q.Has("url") && p.URL != q.Get("url")) || (q.Has("clientId") && p.ClientID != q.Get("clientId")) {
				continue
			}
			var fields platformFields
			fields.fill(p)
			if !yield(tfx.ListItem{DisplayName: fmt.Sprintf("%s (%s, client_id %s)", p.Name, p.URL, p.ClientID), Fields: &fields}) {
				return nil
			}
		}
		return nil
	}
}
