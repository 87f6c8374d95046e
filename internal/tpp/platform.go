// Package tpp registers TPP objects. To be written: see the issue for TPP.
package tpp

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// Platform describes TPP to the provider.
func Platform() providerdata.Platform {
	return providerdata.Platform{
		Block:  "tpp",
		Title:  "TPP",
		Schema: schema.SingleNestedBlock{MarkdownDescription: "TPP (not yet available)."},
		Configure: func(context.Context, types.Object, transport.Settings) (any, diag.Diagnostics) {
			return nil, nil
		},
	}
}
