package providerdata

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
)

// WithClient is embedded in a data source to give it Metadata and Configure, the
// two methods that are the same for every data source (like terraform-provider-aws's
// framework.DataSourceWithConfigure); Schema and Read stay in the data source's file.
// Fill TypeSuffix and Block in the constructor; Read uses Client.
type WithClient[T any] struct {
	// TypeSuffix follows the provider's type name: "_tpp_oauth_application".
	TypeSuffix string
	// Block is the provider block whose client Configure takes: "tpp".
	Block string
	// Client is the platform's client once Configure has run.
	Client T
}

// Metadata names the data source: the provider's type name and TypeSuffix.
func (d *WithClient[T]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.TypeSuffix
}

// Configure takes the client of Block (see Client for what an unconfigured block gives).
func (d *WithClient[T]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	c, diags := Client[T](req.ProviderData, d.Block)
	resp.Diagnostics.Append(diags...)
	d.Client = c
}
