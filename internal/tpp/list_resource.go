package tpp

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
)

// NewApplicationListResource returns the registrar_tpp_oauth_application list
// resource: `terraform query` finds existing applications and, with
// -generate-config-out, writes their resource and import blocks.
func NewApplicationListResource() list.ListResource {
	return &providerdata.ListResource[*Client, struct{}]{
		WithClient: providerdata.WithClient[*Client]{TypeSuffix: "_tpp_oauth_application", Block: "tpp"},
		Schema: schema.Schema{
			MarkdownDescription: "Finds every OAuth application on TPP (`POST /vedsdk/oauth/EnumerateApplications`, ordered by `ApplicationId`), for `terraform query` (Terraform 1.14+). " +
				"It takes no filters. Each result carries the identity (`application_id`) and, with `include_resource`, the application. " +
				"Where TPP leaves `access_validity`, `grant_validity` or `renewable` out of its answer they are null, as after an import.",
			Attributes: map[string]schema.Attribute{},
		},
		Op:   tfx.Op{Verb: "list", Object: "TPP OAuth applications", Credentials: credentialsHint},
		Walk: listApplications,
	}
}

// listApplications lists every application (TPP's list call has no filters).
func listApplications(c *Client, _ struct{}) tfx.Lister {
	return func(ctx context.Context, yield func(tfx.ListItem) bool) error {
		// EnumerateApplications is read whole (bounded by transport.Pager);
		// ListStream bounds how many become results.
		all, err := c.List(ctx)
		if err != nil {
			return err
		}
		for i := range all {
			a := &all[i]
			var fields applicationFields
			fields.fill(a)
			if !yield(tfx.ListItem{DisplayName: fmt.Sprintf("%s (%s)", a.Name, a.ID), Fields: &fields}) {
				return nil
			}
		}
		return nil
	}
}
