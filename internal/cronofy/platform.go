// Package cronofy registers Cronofy objects. To be written: see the issue for Cronofy.
package cronofy

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// Platform describes Cronofy to the provider.
func Platform() providerdata.Platform {
	return providerdata.Platform{
		Block:  "cronofy",
		Title:  "Cronofy",
		Schema: schema.SingleNestedBlock{MarkdownDescription: "Cronofy (not yet available)."},
		Configure: func(context.Context, types.Object, transport.Settings) (any, diag.Diagnostics) {
			return nil, nil
		},
	}
}
