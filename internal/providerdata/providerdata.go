// Package providerdata connects the provider to the platform packages without an
// import cycle: each platform package describes itself as a Platform (its provider
// block, how it builds its client, its resources), the provider configures every
// Platform and hands a *Data to the resources, and a resource asks Data for its
// platform's client with Client.
package providerdata

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// Platform is what a platform package contributes to the provider: a spec of its
// provider block (the attributes and the credential sets) from which the block's
// schema, its documentation, the environment fallback, the precedence rules and the
// "not configured" error all come, and Build, which turns the resolved settings into
// the platform's client. Adding a platform block is writing one of these.
type Platform struct {
	// Block is the provider block's name ("awx").
	Block string
	// Title is the platform's display name ("AWX").
	Title string
	// Description is the block's Markdown description; the credential sets are appended.
	Description string
	// Attrs are the block's attributes, in documentation order.
	Attrs []Attr
	// Credentials are the alternative credential sets, each a list of attribute names
	// that go together (AWX: token, or username and password), in order of preference
	// when several are complete in the environment. Each name is an attribute of Attrs
	// and belongs to one set.
	Credentials [][]string
	// Build makes the client from the resolved settings. Its error is reported as
	// "Invalid <Title> settings".
	Build       func(v Values, s transport.Settings) (any, error)
	Resources   []func() resource.Resource
	DataSources []func() datasource.DataSource
	// ListResources are the list resources (`terraform query`), for a platform with
	// a list call.
	ListResources []func() list.ListResource
}

// Data is the provider's configured state, passed to every resource and data source.
type Data struct {
	clients   map[string]any
	platforms map[string]Platform
	Version   string
}

// NewData returns an empty Data for the given platforms.
func NewData(version string, platforms []Platform) *Data {
	d := &Data{clients: map[string]any{}, platforms: map[string]Platform{}, Version: version}
	for _, p := range platforms {
		d.platforms[p.Block] = p
	}
	return d
}

// SetClient records the client built for a platform block.
func (d *Data) SetClient(block string, c any) { d.clients[block] = c }

// Blocks lists the configured platform blocks, sorted.
func (d *Data) Blocks() []string {
	var out []string
	for k := range d.clients {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Client returns the client of the platform block for a resource's Configure. A nil
// providerData (Terraform validating before the provider is configured) gives the zero
// value and no diagnostics; a platform that is not configured gives an error naming
// the block and its environment variables.
func Client[T any](providerData any, block string) (T, diag.Diagnostics) {
	var zero T
	var diags diag.Diagnostics
	if providerData == nil {
		return zero, diags
	}
	d, ok := providerData.(*Data)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("expected *providerdata.Data, got %T; this is a bug in the provider", providerData))
		return zero, diags
	}
	c, ok := d.clients[block]
	if !ok || c == nil {
		p := d.platforms[block]
		diags.AddError(
			fmt.Sprintf("The %s platform is not configured", p.Title),
			fmt.Sprintf("This resource needs the provider's %q block, or its environment variables. Set %s.\n\nExample:\n\nprovider \"registrar\" {\n  %s {\n    ...\n  }\n}", block, p.NotConfigured(), block),
		)
		return zero, diags
	}
	t, ok := c.(T)
	if !ok {
		diags.AddError("Unexpected client type", fmt.Sprintf("the %s block holds %T; this is a bug in the provider", block, c))
		return zero, diags
	}
	return t, diags
}

// ResourceClient is the body of a resource's Configure: the client of block (see
// Client for what an unconfigured block gives), with the diagnostics appended.
func ResourceClient[T any](req resource.ConfigureRequest, resp *resource.ConfigureResponse, block string) T {
	c, diags := Client[T](req.ProviderData, block)
	resp.Diagnostics.Append(diags...)
	return c
}

// Names lists block names, for messages.
func Names(ps []Platform) string {
	var n []string
	for _, p := range ps {
		n = append(n, p.Block)
	}
	return strings.Join(n, ", ")
}
