// Package ltiaas registers LTIaaS objects. To be written: see the issue for LTIaaS.
package ltiaas

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// Platform describes LTIaaS to the provider.
func Platform() providerdata.Platform {
	return providerdata.Platform{
		Block:  "ltiaas",
		Title:  "LTIaaS",
		Schema: schema.SingleNestedBlock{MarkdownDescription: "LTIaaS (not yet available)."},
		Configure: func(context.Context, types.Object, transport.Settings) (any, diag.Diagnostics) {
			return nil, nil
		},
	}
}
