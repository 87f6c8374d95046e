package providerdata

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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

// DataSource is a data source that looks one object up: the configuration, decoded
// into M, says which; Lookup fills the rest of M from the platform, and M becomes the
// state unless Lookup reported an error. The schema, the validators and Lookup are
// the data source's own, written in its file.
type DataSource[T, M any] struct {
	WithClient[T]
	// DataSchema is the data source's schema.
	DataSchema schema.Schema
	// Validators check the configuration as a whole (which attributes go together).
	Validators []datasource.ConfigValidator
	// Lookup fills m, decoded from the configuration, from the platform, or appends
	// an error (not found, a failed call).
	Lookup func(ctx context.Context, client T, m *M, diags *diag.Diagnostics)
}

var _ datasource.DataSourceWithConfigValidators = &DataSource[any, struct{}]{}

// Schema is DataSchema.
func (d *DataSource[T, M]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.DataSchema
}

// ConfigValidators are Validators.
func (d *DataSource[T, M]) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return d.Validators
}

// Read decodes the configuration, looks the object up and sets the state.
func (d *DataSource[T, M]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m M
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	d.Lookup(ctx, d.Client, &m, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
