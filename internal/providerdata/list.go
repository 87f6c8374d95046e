package providerdata

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
)

// ListResource is a list resource (`terraform query`, Terraform 1.14+) over a
// platform's list call: the configuration, decoded into the filters F, goes to Walk,
// which walks the call; tfx.ListStream turns what it finds into results. The schema,
// the filters and Walk are the list resource's own, written in its file. WithClient
// names it after the resource it lists and holds the client; Metadata and Configure
// are WithClient's, for the resource package's request types.
type ListResource[T, F any] struct {
	WithClient[T]
	// Schema is the list resource's configuration: its filters.
	Schema schema.Schema
	// Op names the listing in diagnostics: {Verb: "list", Object: "TPP OAuth applications"}.
	Op tfx.Op
	// Walk returns the listing of the client with the filters.
	Walk func(client T, filters F) tfx.Lister
}

var _ list.ListResourceWithConfigure = &ListResource[any, struct{}]{}

// Metadata names the list resource after the resource it lists.
func (l *ListResource[T, F]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + l.TypeSuffix
}

// Configure takes the client of Block.
func (l *ListResource[T, F]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.Client = ResourceClient[T](req, resp, l.Block)
}

// ListResourceConfigSchema is Schema.
func (l *ListResource[T, F]) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = l.Schema
}

// List decodes the filters and streams the listing.
func (l *ListResource[T, F]) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var filters F
	if diags := req.Config.Get(ctx, &filters); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = tfx.ListStream(ctx, req, l.Op, l.Walk(l.Client, filters))
}
