// Package timeback registers Timeback objects. To be written: see the issue for Timeback.
package timeback

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// Platform describes Timeback to the provider.
func Platform() providerdata.Platform {
	return providerdata.Platform{
		Block:  "timeback",
		Title:  "Timeback",
		Schema: schema.SingleNestedBlock{MarkdownDescription: "Timeback (not yet available)."},
		Configure: func(context.Context, types.Object, transport.Settings) (any, diag.Diagnostics) {
			return nil, nil
		},
	}
}
