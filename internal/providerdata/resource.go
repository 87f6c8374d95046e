package providerdata

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// ResourceClient is the body of a resource's Configure: the client of block (see
// Client for what an unconfigured block gives), with the diagnostics appended.
func ResourceClient[T any](req resource.ConfigureRequest, resp *resource.ConfigureResponse, block string) T {
	c, diags := Client[T](req.ProviderData, block)
	resp.Diagnostics.Append(diags...)
	return c
}

// ListWithClient is WithClient for a list resource, whose Metadata and Configure take
// the resource package's request types; ListResourceConfigSchema and List stay in
// the list resource's file.
type ListWithClient[T any] struct {
	WithClient[T]
}

// NewListWithClient is the ListWithClient of the list resource named by typeSuffix,
// which takes the client of block.
func NewListWithClient[T any](typeSuffix, block string) ListWithClient[T] {
	return ListWithClient[T]{WithClient[T]{TypeSuffix: typeSuffix, Block: block}}
}

// Metadata names the list resource after the resource it lists.
func (l *ListWithClient[T]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + l.TypeSuffix
}

// Configure takes the client of Block.
func (l *ListWithClient[T]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.Client = ResourceClient[T](req, resp, l.Block)
}
