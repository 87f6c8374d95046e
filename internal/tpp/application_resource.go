package tpp

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

var _ tfx.Resource = &applicationResource{}

const resourceType = "registrar_tpp_oauth_application"

// NewApplicationResource returns the registrar_tpp_oauth_application resource.
func NewApplicationResource() resource.Resource {
	return &applicationResource{ResourceBase: tfx.ResourceBase{
		WithTimeouts:   tfx.WithTimeouts{TimeoutUpdate: true, TimeoutDelete: true},
		WithImportByID: importByID,
		WithIdentity:   identity,
		TypeSuffix:     "_tpp_oauth_application",
	}}
}

type applicationResource struct {
	tfx.ResourceBase
	client *Client
}

type applicationModel struct {
	applicationFields
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// applicationFields are the fields of a TPP application that the resource and the
// data source share.
type applicationFields struct {
	ID               types.String `tfsdk:"id"`
	ApplicationID    types.String `tfsdk:"application_id"`
	Name             types.String `tfsdk:"name"`
	Vendor           types.String `tfsdk:"vendor"`
	Description      types.String `tfsdk:"description"`
	URL              types.String `tfsdk:"url"`
	Scope            types.String `tfsdk:"scope"`
	MaximumScope     types.String `tfsdk:"maximum_scope"`
	AccessValidity   types.Int64  `tfsdk:"access_validity"`
	GrantValidity    types.Int64  `tfsdk:"grant_validity"`
	Renewable        types.Bool   `tfsdk:"renewable"`
	UnusedExpiration types.Int64  `tfsdk:"unused_expiration"`
}

// applicationIDRe is the shape of an application id: no white space (it is an OAuth
// client_id, and the import id).
var applicationIDRe = regexp.MustCompile(`^\S+$`)

// resourceDescription documents the API's unknowns and the readings the provider chose.
const resourceDescription = "An OAuth application (an \"API integration\") on Venafi Trust Protection Platform, registered with `/vedsdk/oauth/CreateApplication`. " +
	"TPP applications have no client secret: tokens are obtained with a user's credentials plus the `application_id` as `client_id`.\n\n" +
	"Behaviour where TPP's documentation is silent (the provider's chosen readings):\n\n" +
	"- **Updates** use UpdateApplication, which resets every field left out to its default (`UnusedExpiration` included); the provider therefore always sends the complete object: " +
	"the configuration, plus `access_validity`, `grant_validity`, `renewable` and `unused_expiration` from state when they are not configured. " +
	"When state does not know one of them, the provider reads the application first (GetApplication) and sends back what TPP holds.\n" +
	"- **GetApplication** answers `{\"Application\":{…}}` in TPP's doc example and `{\"Applications\":[{…}]}` in the vendor's API contract: both are accepted, " +
	"and an answer that holds no application with the id asked for is an error (never another application's values).\n" +
	"- **Validity fields on read**: the vendor's contract returns `AccessValidity`, `GrantValidity`, `Renewable` and `UnusedExpiration` (plus `GrantCount` and `UserCount`, " +
	"shown by the data source); the provider reads them whenever they are present, so changes made outside Terraform are detected. `GrantValidity: null` means the grant never expires: " +
	"`grant_validity` is then null, and updates send null back to keep it so (setting \"never\" from the configuration is not supported). " +
	"When a TPP version leaves them out, the provider keeps them from state; an update then resets the ones state does not know to the system defaults (with a warning).\n" +
	"- **Not found**: Success false with Result 2 (ApplicationNotFound), or an HTTP 400 `invalid_request` whose description says the application does not exist or was not found. " +
	"Read then removes the application from state, and Delete treats it as already deleted. An HTTP 404 is never read as not found (it means a wrong `base_url`).\n" +
	"- **Result codes**: the OAuth result codes 0–23 are named in diagnostics (19 ApplicationAlreadyExists, 20 RuleAlreadyExists, 21 JwtMappingNotFound, 22 JwtMappingAlreadyExists, 23 ScopeMismatch), " +
	"together with the answer's `Error` text.\n" +
	"- **Duplicate application_id**: Result 19 (ApplicationAlreadyExists, most likely at HTTP 200 with `Success: false`) is reported as a duplicate, with the import command; " +
	"so is any other rejected create (HTTP 400, or Success false) after which GetApplication finds the id.\n" +
	"- **MaximumScope**: sent with that name (the docs' example spells it `MaxScope`).\n" +
	"- **Lost create responses**: the provider looks the id up with GetApplications and, when the application exists, reports it for import instead of creating it again."

// keptSeconds is an optional duration in seconds (0 or more) that TPP defaults when
// it is not set; the value then stays as it is (UseStateForUnknown).
func keptSeconds(description string) schema.Int64Attribute {
	return schema.Int64Attribute{
		MarkdownDescription: description,
		Optional:            true,
		Computed:            true,
		Validators:          []validator.Int64{int64validator.AtLeast(0)},
		PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
	}
}

func (r *applicationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: resourceDescription,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The application id (the same as `application_id`).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"application_id": schema.StringAttribute{
				MarkdownDescription: "The application's unique id, shown as \"Client ID\" in the TPP console and used as the OAuth `client_id` at `/vedauth`. No white space. Changing it replaces the application.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(applicationIDRe, "must be a non-empty id without white space")},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The application's name.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"vendor": schema.StringAttribute{
				MarkdownDescription: "The name of the vendor that made the application.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "A description (default empty).",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(""),
			},
			"url": schema.StringAttribute{
				MarkdownDescription: "A URL to learn more about the application (default empty). Free text: TPP's own examples use values without a scheme, such as `help.example.com`, so it is not validated as a URI.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(""),
			},
			"scope": schema.StringAttribute{
				MarkdownDescription: "The minimum scope the application requires: scopes separated by `;`, each optionally followed by `:` and `,`-separated restrictions, such as `certificate:manage,revoke;configuration`.",
				Required:            true,
				Validators:          []validator.String{scopeValidator},
			},
			"maximum_scope": schema.StringAttribute{
				MarkdownDescription: "The maximum scope the application may use, in the same form as `scope`, such as `admin:grantrights,viewlogs;configuration;security`.",
				Required:            true,
				Validators:          []validator.String{scopeValidator},
			},
			"access_validity": keptSeconds("How long, in seconds, a token issued for the application is valid (0 or more). When not set, TPP's system default applies at creation and the value then stays as it is. " +
				"TPP may not return it on read: out-of-band changes are then not detected."),
			"grant_validity": keptSeconds("How long, in seconds, a grant for the application is valid (0 or more). When not set, TPP's system default applies at creation and the value then stays as it is. " +
				"Null when TPP reports that grants never expire (`GrantValidity: null`); updates then keep it so. " +
				"TPP may not return it on read: out-of-band changes are then not detected."),
			"renewable": schema.BoolAttribute{
				MarkdownDescription: "Whether grants for the application can be renewed by default. When not set, TPP's system default applies at creation and the value then stays as it is. " +
					"TPP may not return it on read: out-of-band changes are then not detected.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"unused_expiration": keptSeconds("How long, in seconds, an unused grant for the application lives (0 or more; TPP's `UnusedExpiration`). When not set, TPP's value is kept: " +
				"the system default at creation, or what was set in the TPP console, which every update sends back (UpdateApplication would otherwise reset it)."),
		},
		Blocks: map[string]schema.Block{
			"timeouts": r.TimeoutsBlock(ctx),
		},
	}
}

func (r *applicationResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = providerdata.ResourceClient[*Client](req, resp, "tpp")
	if r.client != nil {
		r.CredentialCheck = r.client.credentialCheck()
	}
}

func objectName(id string) string { return fmt.Sprintf("TPP OAuth application %q", id) }

func (m *applicationModel) op(verb string) tfx.Op {
	return tfx.Op{Verb: verb, Object: objectName(m.ApplicationID.ValueString()), Credentials: credentialsHint}
}

func int64Ptr(v types.Int64) *int64 {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return v.ValueInt64Pointer()
}

func boolPtr(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return v.ValueBoolPointer()
}

// application is the complete object the plan describes; an unknown or null validity
// field is left out (TPP applies its default).
func (m *applicationModel) application() Application {
	return Application{
		ID: m.ApplicationID.ValueString(), Name: m.Name.ValueString(), Vendor: m.Vendor.ValueString(),
		Description: m.Description.ValueString(), URL: m.URL.ValueString(),
		Scope: m.Scope.ValueString(), MaximumScope: m.MaximumScope.ValueString(),
		AccessValidity: int64Ptr(m.AccessValidity), GrantValidity: int64Ptr(m.GrantValidity), Renewable: boolPtr(m.Renewable),
		UnusedExpiration: int64Ptr(m.UnusedExpiration),
	}
}

// fill copies what TPP returned. A validity field TPP left out keeps the fields' value
// when that is known (null in the data source), and becomes null when it is unknown
// (a create without it). GrantValidity null (never expires) is null.
func (m *applicationFields) fill(a *Application) {
	m.ID = types.StringValue(a.ID)
	m.ApplicationID = types.StringValue(a.ID)
	m.Name = types.StringValue(a.Name)
	m.Vendor = types.StringValue(a.Vendor)
	m.Description = types.StringValue(a.Description)
	m.URL = types.StringValue(a.URL)
	m.Scope = types.StringValue(a.Scope)
	m.MaximumScope = types.StringValue(a.MaximumScope)
	switch {
	case a.AccessValidity != nil:
		m.AccessValidity = types.Int64Value(*a.AccessValidity)
	case m.AccessValidity.IsUnknown():
		m.AccessValidity = types.Int64Null()
	}
	switch {
	case a.GrantNeverExpires:
		m.GrantValidity = types.Int64Null()
	case a.GrantValidity != nil:
		m.GrantValidity = types.Int64Value(*a.GrantValidity)
	case m.GrantValidity.IsUnknown():
		m.GrantValidity = types.Int64Null()
	}
	switch {
	case a.UnusedExpiration != nil:
		m.UnusedExpiration = types.Int64Value(*a.UnusedExpiration)
	case m.UnusedExpiration.IsUnknown():
		m.UnusedExpiration = types.Int64Null()
	}
	switch {
	case a.Renewable != nil:
		m.Renewable = types.BoolValue(*a.Renewable)
	case m.Renewable.IsUnknown():
		m.Renewable = types.BoolNull()
	}
}

func (r *applicationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan applicationModel
	ctx, cancel, ok := r.BeginCreate(ctx, req, resp, &plan, &plan.Timeouts)
	defer cancel()
	if !ok {
		return
	}

	// The application id is the unique key: a create whose outcome is unknown is
	// looked up by it, and resent only when it is certainly absent. A resend that TPP
	// rejects while the id exists met the application an earlier attempt created.
	in := plan.application()
	app, err := tfx.Send(ctx, &resp.Diagnostics, tfx.CreateOnce{
		Op: plan.op("create"), ResourceType: resourceType,
		Find: func(ctx context.Context) (string, error) {
			found, err := r.client.Find(ctx, in.ID)
			if err != nil || found == nil {
				return "", err
			}
			return in.ID, nil
		},
		IsDuplicate: rejected,
	}, func(ctx context.Context) (*Application, error) { return r.client.Create(ctx, in) })
	if resp.Diagnostics.HasError() {
		return
	}
	if err != nil {
		r.createError(ctx, &plan, err, &resp.Diagnostics)
		return
	}
	plan.fill(app)
	tfx.SaveState(ctx, &resp.Diagnostics, &resp.State, resp.Identity, &plan)
}

// createError reports a failed create. A rejected create whose id TPP then knows is
// a duplicate application_id (TPP's exact duplicate signal is undocumented).
func (r *applicationResource) createError(ctx context.Context, plan *applicationModel, err error, diags *diag.Diagnostics) {
	id := plan.ApplicationID.ValueString()
	duplicate := func(named string) {
		tfx.APIError(diags, plan.op("create"), err, fmt.Sprintf(
			"TPP already has an OAuth application with application_id %q%s. Application ids are unique: choose another application_id, "+
				"or bring the existing application under Terraform with `terraform import %s.<name> %s` (or an import block with id = %q).",
			id, named, resourceType, id, id))
	}
	if rejected(err) {
		if existing, gerr := r.client.Get(ctx, id); gerr == nil && existing != nil {
			duplicate(fmt.Sprintf(" (named %q)", existing.Name))
			return
		}
	}
	// Result 19 (ApplicationAlreadyExists) is TPP's own duplicate signal, even when
	// the caller may not read the existing application.
	if re, ok := asResultError(err); ok && re.Result == ResultApplicationAlreadyExists {
		duplicate("")
		return
	}
	tfx.APIError(diags, plan.op("create"), err, fixFor(r.client, "create", err))
}

// rejected reports a create TPP refused (HTTP 400 other than a token error, or
// Success false): a duplicate application_id when TPP then knows the id.
func rejected(err error) bool {
	var re *ResultError
	return errors.As(err, &re) || (transport.StatusOf(err) == 400 && !IsTokenError(err))
}

func (r *applicationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state applicationModel
	if !tfx.Get(ctx, &resp.Diagnostics, req.State, &state) {
		return
	}
	id := state.ID.ValueString()
	app, err := r.client.Get(ctx, id)
	if IsNotFound(err) {
		tfx.Gone(ctx, resp, objectName(id), "TPP")
		return
	}
	if err != nil {
		tfx.APIError(&resp.Diagnostics, tfx.Op{Verb: "read", Object: objectName(id), Credentials: credentialsHint}, err, fixFor(r.client, "read", err))
		return
	}
	state.fill(app) // validity fields TPP leaves out stay as in state
	tfx.SaveState(ctx, &resp.Diagnostics, &resp.State, resp.Identity, &state)
}

func (r *applicationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state applicationModel
	ctx, cancel, ok := r.BeginUpdate(ctx, req, resp, &plan, &state, &plan.Timeouts)
	defer cancel()
	if !ok {
		return
	}
	// The plan holds the configuration, and for access_validity, grant_validity,
	// renewable and unused_expiration not configured, the values from state
	// (UseStateForUnknown).
	in := plan.application()
	in.ID = state.ID.ValueString()
	if in.AccessValidity == nil || in.GrantValidity == nil || in.Renewable == nil || in.UnusedExpiration == nil {
		// State does not know one of them (after an import, or grants that never
		// expire): UpdateApplication would reset it, so send back what TPP holds now.
		cur, err := r.client.Get(ctx, in.ID)
		if err != nil {
			fix := fixFor(r.client, "read", err)
			if IsNotFound(err) {
				fix = "The application was deleted outside Terraform: run terraform apply again (the refresh removes it from state and the plan creates it)."
			}
			tfx.APIError(&resp.Diagnostics, plan.op("read before updating"), err, fix)
			return
		}
		keepCurrent(&in, cur)
	}
	var unknown []string
	if in.AccessValidity == nil {
		unknown = append(unknown, "access_validity")
	}
	if in.GrantValidity == nil && !in.GrantNeverExpires {
		unknown = append(unknown, "grant_validity")
	}
	if in.Renewable == nil {
		unknown = append(unknown, "renewable")
	}
	if in.UnusedExpiration == nil {
		unknown = append(unknown, "unused_expiration")
	}
	if len(unknown) > 0 {
		resp.Diagnostics.AddWarning("TPP defaults applied on update",
			fmt.Sprintf("%s: the provider does not know %v (TPP did not return them, for example after an import), so UpdateApplication resets them to TPP's system defaults. "+
				"Set them in the configuration to keep specific values.", objectName(in.ID), unknown))
	}
	if err := r.client.Update(ctx, in); err != nil {
		if IsNotFound(err) {
			tfx.APIError(&resp.Diagnostics, plan.op("update"), err, "The application was deleted outside Terraform: run terraform apply again (the refresh removes it from state and the plan creates it).")
			return
		}
		tfx.APIError(&resp.Diagnostics, plan.op("update"), err, fixFor(r.client, "update", err))
		return
	}
	plan.ID = state.ID
	// What was sent is what TPP now holds (null: not known, or grants never expire).
	plan.AccessValidity = types.Int64PointerValue(in.AccessValidity)
	plan.GrantValidity = types.Int64PointerValue(in.GrantValidity)
	plan.Renewable = types.BoolPointerValue(in.Renewable)
	plan.UnusedExpiration = types.Int64PointerValue(in.UnusedExpiration)
	tfx.SaveState(ctx, &resp.Diagnostics, &resp.State, resp.Identity, &plan)
}

// keepCurrent fills the validity fields in leaves out with the values TPP holds (cur).
func keepCurrent(in *Application, cur *Application) {
	if in.AccessValidity == nil {
		in.AccessValidity = cur.AccessValidity
	}
	if in.GrantValidity == nil {
		in.GrantValidity, in.GrantNeverExpires = cur.GrantValidity, cur.GrantNeverExpires
	}
	if in.Renewable == nil {
		in.Renewable = cur.Renewable
	}
	if in.UnusedExpiration == nil {
		in.UnusedExpiration = cur.UnusedExpiration
	}
}

func (r *applicationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state applicationModel
	ctx, cancel, ok := r.BeginDelete(ctx, req, resp, &state, &state.Timeouts)
	defer cancel()
	if !ok {
		return
	}
	if err := r.client.Delete(ctx, state.ID.ValueString()); err != nil {
		tfx.APIError(&resp.Diagnostics, state.op("delete"), err, fixFor(r.client, "delete", err))
	}
}

// importByID is the resource's ImportState (tfx.WithImportByID): the application id
// (TPP's "Client ID"), stored as id and application_id.
var importByID = tfx.WithImportByID{
	ResourceType: resourceType,
	Object:       "a TPP OAuth application",
	IDFormat:     "its application id (the \"Client ID\" in the TPP console)",
	Example:      "my-app",
	Valid:        applicationIDRe.MatchString,
	Attributes:   []string{"id", "application_id"},
	Hint:         "The id cannot be empty or contain white space.",
}

// identity is the resource identity (tfx.WithIdentity): `import { identity = {...} }`
// on Terraform 1.12+ and OpenTofu 1.12+, and what list results carry.
var identity = tfx.WithIdentity{IdentityAttributes: []tfx.IdentityAttribute{{Name: "application_id", Description: "The application's TPP `ApplicationId`."}}}

// MoveState takes over a restapi_object that registered the application (a moved
// block, Terraform 1.8+): the id ImportState takes and the arguments restapi sent.
// Unlike an import it keeps access_validity, grant_validity and renewable, which
// GetApplication may not return. There is no secret to carry over.
func (r *applicationResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{tfx.RestapiMove{
		ResourceType: resourceType,
		Object:       "a TPP OAuth application",
		PathHint:     "application",
		IDKeys:       []string{"Application/ID", "ID", "ApplicationId"},
		ValidID:      applicationIDRe.MatchString,
		IDFormat:     `its application id (the "Client ID" in the TPP console), such as "ci-pipeline"`,
		Fill: func(o *tfx.RestapiObject, id string, t *tfx.MoveTarget) {
			t.Set("application_id", types.StringValue(id))
			for attr, key := range map[string]string{"name": "Name", "vendor": "Vendor", "description": "Description", "url": "Url", "scope": "Scope"} {
				t.String(attr, o.Data(key))
			}
			t.String("maximum_scope", o.Data("MaximumScope").Or(o.Data("MaxScope")))
			t.Int64("access_validity", o.Data("AccessValidity").Or(o.Answer("Application/AccessValidity")))
			t.Int64("grant_validity", o.Data("GrantValidity").Or(o.Answer("Application/GrantValidity")))
			t.Bool("renewable", o.Data("Renewable").Or(o.Answer("Application/Renewable")))
			t.Int64("unused_expiration", o.Data("UnusedExpiration").Or(o.Answer("Application/UnusedExpiration")))
		},
	}.StateMover()}
}
