// Package provider is the registrar provider: the top-level transport settings, one
// optional block per platform (each platform package supplies its own), and the
// resources and data sources of every platform.
package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/registrar-dev/terraform-provider-registrar/internal/aap"
	"github.com/registrar-dev/terraform-provider-registrar/internal/awx"
	"github.com/registrar-dev/terraform-provider-registrar/internal/cronofy"
	"github.com/registrar-dev/terraform-provider-registrar/internal/ltiaas"
	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/timeback"
	"github.com/registrar-dev/terraform-provider-registrar/internal/tpp"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

var (
	_ provider.Provider                  = &registrarProvider{}
	_ provider.ProviderWithListResources = &registrarProvider{}
)

// Platforms lists every platform package, in documentation order.
func Platforms() []providerdata.Platform {
	return []providerdata.Platform{
		awx.Platform(),
		ltiaas.Platform(),
		tpp.Platform(),
		timeback.Platform(),
		cronofy.Platform(),
		aap.Platform(),
	}
}

// New returns the provider factory for the given version.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &registrarProvider{version: version} }
}

type registrarProvider struct {
	version string
}

func (p *registrarProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "registrar"
	resp.Version = p.version
}

func (p *registrarProvider) Schema(ctx context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	blocks := map[string]schema.Block{}
	for _, pl := range Platforms() {
		blocks[pl.Block] = pl.Schema()
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Registers applications and OAuth clients on Timeback, LTIaaS, Venafi TPP, AWX and Cronofy through their documented APIs. " +
			"Every platform block is optional; configure the ones your resources use. Attributes win over environment variables; " +
			"a set of credentials (such as `username` and `password`) is taken whole from the block or whole from the environment, and the block wins.",
		Attributes: map[string]schema.Attribute{
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: "How many times a failed request is retried (default `6`). GET, PUT and DELETE are retried on connection errors, 429, 502, 503 and 504; a create (POST) only on 429 and 503 (the server did not handle it), on errors before the request was sent, and, where the platform enforces a unique key, on 502/504.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(0, 20)},
			},
			"retry_min_wait_seconds": schema.Int64Attribute{
				MarkdownDescription: "The first backoff step, in seconds (default `1`): the wait before the first retry, which doubles (with jitter) for each later one up to `retry_max_wait_seconds`. With the defaults, the retries of one request ride out a one-minute rate-limit window.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(0, 600)},
			},
			"retry_max_wait_seconds": schema.Int64Attribute{
				MarkdownDescription: "The longest wait between retries, in seconds, and the cap on a server's `Retry-After` (default `30`).",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(1, 600)},
			},
			"requests_per_second": schema.Float64Attribute{
				MarkdownDescription: "A client-side limit on requests per second to each platform (default `0`: no limit).",
				Optional:            true,
				Validators:          []validator.Float64{float64validator.AtLeast(0)},
			},
			"request_timeout_seconds": schema.Int64Attribute{
				MarkdownDescription: "The timeout of one HTTP request attempt, in seconds (default `60`).",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(1, 3600)},
			},
		},
		Blocks: blocks,
	}
}

func (p *registrarProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	s, diags := transportSettings(ctx, req.Config, p.version)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	platforms := Platforms()
	data := providerdata.NewData(p.version, platforms)
	for _, pl := range platforms {
		var block types.Object
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(pl.Block), &block)...)
		if resp.Diagnostics.HasError() {
			return
		}
		client, diags := pl.Configure(ctx, block, s, providerdata.OSEnv)
		resp.Diagnostics.Append(diags...)
		if client != nil {
			data.SetClient(pl.Block, client)
		}
	}
	tflog.Debug(ctx, "provider configured", map[string]any{"platforms": fmt.Sprint(data.Blocks()), "max_retries": s.MaxRetries, "requests_per_second": s.RequestsPerSecond})
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
}

func (p *registrarProvider) Resources(context.Context) []func() resource.Resource {
	return collect(func(pl providerdata.Platform) []func() resource.Resource { return pl.Resources })
}

// ListResources are the list resources (`terraform query`, Terraform 1.14+) of the
// platforms that have a list call; Timeback and Cronofy have none.
func (p *registrarProvider) ListResources(context.Context) []func() list.ListResource {
	return collect(func(pl providerdata.Platform) []func() list.ListResource { return pl.ListResources })
}

func (p *registrarProvider) DataSources(context.Context) []func() datasource.DataSource {
	return collect(func(pl providerdata.Platform) []func() datasource.DataSource { return pl.DataSources })
}

// collect joins one kind of constructor of every platform, in the platforms' order.
func collect[T any](of func(providerdata.Platform) []T) []T {
	var out []T
	for _, pl := range Platforms() {
		out = append(out, of(pl)...)
	}
	return out
}

// transportSettings reads the top-level settings over transport's defaults.
func transportSettings(ctx context.Context, cfg tfsdk.Config, version string) (transport.Settings, diag.Diagnostics) {
	var diags diag.Diagnostics
	s := transport.DefaultSettings()
	s.UserAgent = "terraform-provider-registrar/" + version
	seconds := func(d *time.Duration) func(int64) { return func(v int64) { *d = time.Duration(v) * time.Second } }
	for name, set := range map[string]func(int64){
		"max_retries":             func(v int64) { s.MaxRetries = int(v) },
		"retry_min_wait_seconds":  seconds(&s.RetryMinWait),
		"retry_max_wait_seconds":  seconds(&s.RetryMaxWait),
		"request_timeout_seconds": seconds(&s.RequestTimeout),
	} {
		var v types.Int64
		diags.Append(cfg.GetAttribute(ctx, path.Root(name), &v)...)
		if !v.IsNull() && !v.IsUnknown() {
			set(v.ValueInt64())
		}
	}
	var rps types.Float64
	diags.Append(cfg.GetAttribute(ctx, path.Root("requests_per_second"), &rps)...)
	if !rps.IsNull() && !rps.IsUnknown() {
		s.RequestsPerSecond = rps.ValueFloat64()
	}
	return s, diags
}
