package acctest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// RestapiOptions tune the fake restapi provider.
type RestapiOptions struct {
	// NoCreateResponse behaves like restapi versions that do not record
	// create_response: the create's answer survives only until the next read.
	NoCreateResponse bool
	// KeepUnreadable keeps the state as it is when the read answers 404, instead
	// of removing the object. Cronofy has no read API, so restapi could manage its
	// applications only with refreshes skipped (-refresh=false); this stands in for that.
	KeepUnreadable bool
}

// RestapiFactory serves a small stand-in for Mastercard/restapi (the generic REST
// provider users registered applications with): a provider named restapi (uri,
// headers) with a restapi_object resource that, like the real one, POSTs `data` to
// `path`, takes the id from the answer at id_attribute (default "id"), GETs
// read_path (default path/{id}) on refresh, and records api_data (the answer's
// top-level fields, fmt-formatted), api_response (the last answer) and
// create_response (the create's answer). Only what the move tests need is there.
func RestapiFactory(o RestapiOptions) func() (tfprotov6.ProviderServer, error) {
	return providerserver.NewProtocol6WithError(&restapiProvider{opts: o})
}

type restapiProvider struct{ opts RestapiOptions }

type restapiClient struct {
	uri     string
	headers map[string]string
	opts    RestapiOptions
}

func (p *restapiProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "restapi"
}

func (p *restapiProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = pschema.Schema{Attributes: map[string]pschema.Attribute{
		"uri":     pschema.StringAttribute{Required: true},
		"headers": pschema.MapAttribute{ElementType: types.StringType, Optional: true},
	}}
}

func (p *restapiProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg struct {
		URI     types.String `tfsdk:"uri"`
		Headers types.Map    `tfsdk:"headers"`
	}
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	c := &restapiClient{uri: strings.TrimSuffix(cfg.URI.ValueString(), "/"), headers: map[string]string{}, opts: p.opts}
	resp.Diagnostics.Append(cfg.Headers.ElementsAs(ctx, &c.headers, false)...)
	resp.ResourceData = c
}

func (p *restapiProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return &restapiObject{} }}
}

func (p *restapiProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

type restapiObject struct{ c *restapiClient }

type restapiModel struct {
	ID             types.String `tfsdk:"id"`
	Path           types.String `tfsdk:"path"`
	ReadPath       types.String `tfsdk:"read_path"`
	DestroyPath    types.String `tfsdk:"destroy_path"`
	IDAttribute    types.String `tfsdk:"id_attribute"`
	ObjectID       types.String `tfsdk:"object_id"`
	Data           types.String `tfsdk:"data"`
	APIData        types.Map    `tfsdk:"api_data"`
	APIResponse    types.String `tfsdk:"api_response"`
	CreateResponse types.String `tfsdk:"create_response"`
}

func (r *restapiObject) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "restapi_object"
}

func (r *restapiObject) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id":              schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
		"path":            schema.StringAttribute{Required: true, PlanModifiers: replace},
		"read_path":       schema.StringAttribute{Optional: true},
		"destroy_path":    schema.StringAttribute{Optional: true},
		"id_attribute":    schema.StringAttribute{Optional: true, PlanModifiers: replace},
		"object_id":       schema.StringAttribute{Optional: true},
		"data":            schema.StringAttribute{Required: true, PlanModifiers: replace},
		"api_data":        schema.MapAttribute{ElementType: types.StringType, Computed: true},
		"api_response":    schema.StringAttribute{Computed: true},
		"create_response": schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
	}}
}

func (r *restapiObject) Configure(_ context.Context, req resource.ConfigureRequest, _ *resource.ConfigureResponse) {
	if c, ok := req.ProviderData.(*restapiClient); ok {
		r.c = c
	}
}

func (r *restapiObject) send(method, p string, body []byte) (int, []byte, error) {
	req, err := http.NewRequest(method, r.c.uri+p, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range r.c.headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode >= 300 && resp.StatusCode != http.StatusNotFound {
		err = fmt.Errorf("%s %s: HTTP %d: %s", method, p, resp.StatusCode, b)
	}
	return resp.StatusCode, b, err
}

// record keeps an answer as restapi does: api_data and api_response.
func (m *restapiModel) record(answer []byte) error {
	var fields map[string]any
	if err := json.Unmarshal(answer, &fields); err != nil {
		return err
	}
	vals := map[string]string{}
	for k, v := range fields {
		vals[k] = fmt.Sprintf("%v", v)
	}
	m.APIData, _ = types.MapValueFrom(context.Background(), types.StringType, vals)
	m.APIResponse = types.StringValue(string(answer))
	if m.ID.IsUnknown() || m.ID.IsNull() {
		key := m.IDAttribute.ValueString()
		if key == "" {
			key = "id"
		}
		var cur any = fields
		for _, part := range strings.Split(key, "/") {
			obj, _ := cur.(map[string]any)
			cur = obj[part]
		}
		if cur == nil {
			return fmt.Errorf("the answer has no %q", key)
		}
		m.ID = types.StringValue(fmt.Sprintf("%v", cur))
	}
	return nil
}

func (m *restapiModel) objectPath(tmpl types.String) string {
	id := m.ID.ValueString()
	if !m.ObjectID.IsNull() {
		id = m.ObjectID.ValueString()
	}
	if tmpl.IsNull() {
		return m.Path.ValueString() + "/" + id
	}
	return strings.ReplaceAll(tmpl.ValueString(), "{id}", id)
}

func (r *restapiObject) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m restapiModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	_, body, err := r.send(http.MethodPost, m.Path.ValueString(), []byte(m.Data.ValueString()))
	if err == nil {
		m.ID = types.StringUnknown()
		err = m.record(body)
	}
	if err != nil {
		resp.Diagnostics.AddError("restapi create", err.Error())
		return
	}
	m.CreateResponse = types.StringNull()
	if !r.c.opts.NoCreateResponse {
		m.CreateResponse = types.StringValue(string(body))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *restapiObject) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m restapiModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	status, body, err := r.send(http.MethodGet, m.objectPath(m.ReadPath), nil)
	if err == nil && status == http.StatusNotFound {
		if !r.c.opts.KeepUnreadable {
			resp.State.RemoveResource(ctx)
		}
		return
	}
	if err == nil {
		err = m.record(body)
	}
	if err != nil {
		resp.Diagnostics.AddError("restapi read", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Update only takes the paths (every other argument replaces the object).
func (r *restapiObject) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state restapiModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	state.ReadPath, state.DestroyPath, state.ObjectID = plan.ReadPath, plan.DestroyPath, plan.ObjectID
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *restapiObject) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m restapiModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if _, _, err := r.send(http.MethodDelete, m.objectPath(m.DestroyPath), nil); err != nil {
		resp.Diagnostics.AddError("restapi delete", err.Error())
	}
}

// WithRestapi is ProviderFactories plus the fake restapi provider.
func WithRestapi(o RestapiOptions) map[string]func() (tfprotov6.ProviderServer, error) {
	f := map[string]func() (tfprotov6.ProviderServer, error){"restapi": RestapiFactory(o)}
	for k, v := range ProviderFactories {
		f[k] = v
	}
	return f
}

// RestapiProviderHCL is the restapi provider block: the platform's URL and the
// Authorization header restapi sends.
func RestapiProviderHCL(uri, authorization string) string {
	return fmt.Sprintf("provider \"restapi\" {\n  uri     = %q\n  headers = { Authorization = %q }\n}\n", uri, authorization)
}
