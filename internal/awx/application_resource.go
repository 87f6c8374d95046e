package awx

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

var (
	_ resource.Resource                   = &applicationResource{}
	_ resource.ResourceWithConfigure      = &applicationResource{}
	_ resource.ResourceWithImportState    = &applicationResource{}
	_ resource.ResourceWithValidateConfig = &applicationResource{}
	_ resource.ResourceWithModifyPlan     = &applicationResource{}
	_ resource.ResourceWithMoveState      = &applicationResource{}
)

const resourceType = "registrar_awx_oauth_application"

// NewApplicationResource returns the registrar_awx_oauth_application resource.
func NewApplicationResource() resource.Resource {
	return &applicationResource{
		WithTimeouts:   tfx.WithTimeouts{TimeoutUpdate: true, TimeoutDelete: true},
		WithImportByID: importByID,
	}
}

type applicationResource struct {
	tfx.WithTimeouts
	tfx.WithImportByID
	client *Client
}

type applicationModel struct {
	applicationFields
	RotateWhenChanged types.Map      `tfsdk:"rotate_when_changed"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
	tfx.Secret
}

// applicationFields are the fields of an AWX application that the resource and the
// data source share.
type applicationFields struct {
	ID                     types.String `tfsdk:"id"`
	Name                   types.String `tfsdk:"name"`
	Description            types.String `tfsdk:"description"`
	Organization           types.Int64  `tfsdk:"organization"`
	ClientType             types.String `tfsdk:"client_type"`
	AuthorizationGrantType types.String `tfsdk:"authorization_grant_type"`
	RedirectURIs           types.Set    `tfsdk:"redirect_uris"`
	SkipAuthorization      types.Bool   `tfsdk:"skip_authorization"`
	ClientID               types.String `tfsdk:"client_id"`
}

// fill copies what AWX returned into the fields; the secret is not among them.
func (f *applicationFields) fill(a *Application) {
	f.ID = types.StringValue(strconv.FormatInt(a.ID, 10))
	f.Name = types.StringValue(a.Name)
	f.Description = types.StringValue(a.Description)
	f.Organization = types.Int64Value(a.Organization)
	f.ClientType = types.StringValue(a.ClientType)
	f.AuthorizationGrantType = types.StringValue(a.AuthorizationGrantType)
	f.RedirectURIs = tfx.SetFromStrings(a.RedirectURIList(), false)
	f.SkipAuthorization = types.BoolValue(a.SkipAuthorization)
	f.ClientID = types.StringValue(a.ClientID)
}

func (r *applicationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_awx_oauth_application"
}

func (r *applicationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "The application's numeric AWX id.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"name": schema.StringAttribute{
			MarkdownDescription: "The application's name, unique within its organization (1 to 255 characters). Changing it updates the application in place.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.LengthBetween(1, 255)},
		},
		"description": schema.StringAttribute{
			MarkdownDescription: "A description (default empty).",
			Optional:            true,
			Computed:            true,
			Default:             stringdefault.StaticString(""),
		},
		"organization": schema.Int64Attribute{
			MarkdownDescription: "The numeric id of the organization that owns the application. The token or user needs admin rights on it. Changing it moves the application in place.",
			Required:            true,
		},
		"client_type": schema.StringAttribute{
			MarkdownDescription: "`confidential` (the application gets a client secret) or `public` (no secret). Changing it replaces the application, which issues a new client id and secret.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.OneOf("confidential", "public")},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"authorization_grant_type": schema.StringAttribute{
			MarkdownDescription: "`authorization-code` or `password`. AWX cannot change it after creation, so changing it replaces the application.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.OneOf("authorization-code", "password")},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"redirect_uris": schema.SetAttribute{
			MarkdownDescription: "Allowed redirect URIs (absolute URLs). Required, with at least one URI, when `authorization_grant_type` is `authorization-code`. Default: none.",
			ElementType:         types.StringType,
			Optional:            true,
			Computed:            true,
			Default:             setdefault.StaticValue(types.SetValueMust(types.StringType, []attr.Value{})),
			Validators:          []validator.Set{tfx.URLSet(tfx.URLOptions{})},
		},
		"skip_authorization": schema.BoolAttribute{
			MarkdownDescription: "Skip the user's authorization step (default `false`).",
			Optional:            true,
			Computed:            true,
			Default:             booldefault.StaticBool(false),
		},
		"client_id": schema.StringAttribute{
			MarkdownDescription: "The OAuth client id AWX generated.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"rotate_when_changed": schema.MapAttribute{
			MarkdownDescription: "Arbitrary values; any change replaces the application, which issues a new client id and secret. Use it to rotate the secret, for example with a date: `{ rotation = \"2026-q4\" }`.",
			ElementType:         types.StringType,
			Optional:            true,
			PlanModifiers:       []planmodifier.Map{mapplanmodifier.RequiresReplace()},
		},
	}
	for k, v := range tfx.SecretAttributes("returned by AWX in the create response of a `confidential` application; null for a `public` one") {
		attrs[k] = v
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An OAuth2 application on AWX, Ansible Tower or the AAP controller. The client secret of a confidential application is shown by AWX only once, at creation; the provider keeps it in state as a sensitive value.",
		Attributes:          attrs,
		Blocks: map[string]schema.Block{
			"timeouts": r.TimeoutsBlock(ctx),
		},
	}
}

func (r *applicationResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	c, diags := providerdata.Client[*Client](req.ProviderData, "awx")
	resp.Diagnostics.Append(diags...)
	r.client = c
}

// ValidateConfig checks what the single attributes cannot: authorization-code needs redirect URIs.
func (r *applicationResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var grant types.String
	var uris types.Set
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("authorization_grant_type"), &grant)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("redirect_uris"), &uris)...)
	if grant.IsUnknown() || uris.IsUnknown() || grant.ValueString() != "authorization-code" {
		return
	}
	if uris.IsNull() || len(uris.Elements()) == 0 {
		resp.Diagnostics.AddAttributeError(path.Root("redirect_uris"), "Redirect URIs required",
			"An application with authorization_grant_type = \"authorization-code\" needs at least one redirect URI: set redirect_uris, for example [\"https://app.example.com/oauth/callback\"].")
	}
}

// ModifyPlan warns when client_secret_wo is set on an application about to be created:
// AWX issues the secret, so the value would be ignored. A create also checks the
// credentials (once per run), so that refused ones fail the plan.
func (r *applicationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	tfx.WarnSecretWOOnCreate(ctx, req, resp)
	if r.client != nil {
		tfx.PlanCredentialCheck(ctx, req, resp, r.client.credentialCheck())
	}
}

func (m *applicationModel) object() string {
	return fmt.Sprintf("AWX OAuth application %q in organization %d", m.Name.ValueString(), m.Organization.ValueInt64())
}

func (m *applicationModel) op(verb string) tfx.Op {
	return tfx.Op{Verb: verb, Object: m.object(), Credentials: credentialsHint}
}

// stateID parses the numeric id in state; a non-numeric one is an error diagnostic.
func stateID(m *applicationModel, diags *diag.Diagnostics) (int64, bool) {
	id, err := strconv.ParseInt(m.ID.ValueString(), 10, 64)
	if err != nil {
		diags.AddError("Invalid id in state", fmt.Sprintf("%q is not a numeric AWX id", tfx.Truncate(m.ID.ValueString(), 24)))
		return 0, false
	}
	return id, true
}

func (r *applicationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan applicationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.CreateTimeout(ctx, plan.Timeouts, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	uris, diags := tfx.StringsFromSet(ctx, plan.RedirectURIs)
	resp.Diagnostics.Append(diags...)
	in := CreateInput{
		Name: plan.Name.ValueString(), Description: plan.Description.ValueString(),
		Organization: plan.Organization.ValueInt64(), ClientType: plan.ClientType.ValueString(),
		AuthorizationGrantType: plan.AuthorizationGrantType.ValueString(),
		RedirectURIs:           strings.Join(uris, " "), SkipAuthorization: plan.SkipAuthorization.ValueBool(),
	}
	// The name is unique within the organization: a create whose outcome is unknown
	// is looked up by it, and resent only when it is certainly absent. A public
	// application has no secret, so nothing but its id can be lost.
	app, err := tfx.Send(ctx, &resp.Diagnostics, tfx.CreateOnce{
		Op: plan.op("create"), ResourceType: resourceType, Secret: in.ClientType != "public",
		Find: func(ctx context.Context) (string, error) {
			found, err := r.client.FindByName(ctx, in.Name, in.Organization)
			if err != nil || found == nil {
				return "", err
			}
			return strconv.FormatInt(found.ID, 10), nil
		},
		IsDuplicate: IsDuplicate,
	}, func(ctx context.Context) (*Application, error) { return r.client.Create(ctx, in) })
	if resp.Diagnostics.HasError() {
		return
	}
	if err != nil {
		r.createError(ctx, &plan, in, err, &resp.Diagnostics)
		return
	}

	// The id and secret go into state as soon as the response is decoded
	// (CONTRIBUTING.md, State before follow-up calls).
	plan.fill(app)
	tfx.CreateSecret(&plan.Secret, app.Secret())
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	if app.ClientType == "confidential" && app.Secret() == "" {
		resp.Diagnostics.AddWarning("AWX returned no client secret",
			fmt.Sprintf("AWX created %s (id %d) but its response held no client secret, so client_secret is null. "+
				"If you obtain the secret another way, record it with client_secret_wo and client_secret_wo_version; otherwise change rotate_when_changed to replace the application and get a new one.", plan.object(), app.ID))
	}
}

func (r *applicationResource) createError(ctx context.Context, plan *applicationModel, in CreateInput, err error, diags *diag.Diagnostics) {
	if IsDuplicate(err) {
		existing, _ := r.client.FindByName(ctx, in.Name, in.Organization)
		id := ""
		if existing != nil {
			id = strconv.FormatInt(existing.ID, 10)
		}
		fix := fmt.Sprintf("Application names are unique within an organization, and organization %d already has one named %q", in.Organization, in.Name)
		if id != "" {
			fix += fmt.Sprintf(" (id %s). Choose another name, or bring the existing one under Terraform with `terraform import %s.<name> %s`.", id, resourceType, id)
		} else {
			fix += ". Choose another name, or import the existing application."
		}
		tfx.APIError(diags, plan.op("create"), err, fix)
		return
	}
	if fe := FieldErrors(err); len(fe) > 0 {
		for field, msgs := range fe {
			if attrPath, ok := fieldPaths[field]; ok {
				diags.AddAttributeError(attrPath, fmt.Sprintf("AWX rejected %s", field), strings.Join(msgs, " "))
			}
		}
	}
	tfx.APIError(diags, plan.op("create"), err, "")
}

var fieldPaths = map[string]path.Path{
	"name": path.Root("name"), "description": path.Root("description"), "organization": path.Root("organization"),
	"client_type": path.Root("client_type"), "authorization_grant_type": path.Root("authorization_grant_type"),
	"redirect_uris": path.Root("redirect_uris"), "skip_authorization": path.Root("skip_authorization"),
}

func (r *applicationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state applicationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, ok := stateID(&state, &resp.Diagnostics)
	if !ok {
		return
	}
	app, err := r.client.Get(ctx, id)
	if transport.IsNotFound(err) {
		tfx.Gone(ctx, resp, fmt.Sprintf("AWX OAuth application %d", id), "AWX")
		return
	}
	if err != nil {
		tfx.APIError(&resp.Diagnostics, tfx.Op{Verb: "read", Object: fmt.Sprintf("AWX OAuth application %d", id), Credentials: credentialsHint}, err, "")
		return
	}
	state.fill(app)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *applicationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state applicationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, ok := stateID(&state, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx, cancel, ok := r.UpdateTimeout(ctx, plan.Timeouts, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}

	var in UpdateInput
	if !plan.Name.Equal(state.Name) {
		in.Name = plan.Name.ValueStringPointer()
	}
	if !plan.Description.Equal(state.Description) {
		in.Description = plan.Description.ValueStringPointer()
	}
	if !plan.Organization.Equal(state.Organization) {
		in.Organization = plan.Organization.ValueInt64Pointer()
	}
	if !plan.RedirectURIs.Equal(state.RedirectURIs) {
		uris, diags := tfx.StringsFromSet(ctx, plan.RedirectURIs)
		resp.Diagnostics.Append(diags...)
		joined := strings.Join(uris, " ")
		in.RedirectURIs = &joined
	}
	if !plan.SkipAuthorization.Equal(state.SkipAuthorization) {
		in.SkipAuthorization = plan.SkipAuthorization.ValueBoolPointer()
	}

	if in.Empty() {
		// Only client_secret_wo_version (or timeouts) changed: nothing to send.
		plan.ID, plan.ClientID = state.ID, state.ClientID
	} else {
		app, err := r.client.Update(ctx, id, in)
		if err != nil {
			if IsDuplicate(err) {
				tfx.APIError(&resp.Diagnostics, plan.op("update"), err, fmt.Sprintf("Organization %d already has an application named %q; choose another name.", plan.Organization.ValueInt64(), plan.Name.ValueString()))
				return
			}
			tfx.APIError(&resp.Diagnostics, plan.op("update"), err, "")
			return
		}
		plan.fill(app)
	}
	resp.Diagnostics.Append(tfx.ApplySecretWO(ctx, req.Config, &state.Secret, &plan.Secret)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *applicationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state applicationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, ok := stateID(&state, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx, cancel, ok := r.DeleteTimeout(ctx, state.Timeouts, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	if err := r.client.Delete(ctx, id); err != nil {
		tfx.APIError(&resp.Diagnostics, state.op("delete"), err, "")
	}
}

var numericID = regexp.MustCompile(`^[0-9]+$`)

// importByID is the resource's ImportState (tfx.WithImportByID): the numeric id
// only, never a secret, because Terraform prints import ids.
var importByID = tfx.WithImportByID{
	ResourceType: resourceType,
	Object:       "an AWX OAuth application",
	IDFormat:     "its numeric id",
	Example:      "42",
	Valid:        numericID.MatchString,
	Secret:       true,
}

// MoveState takes over a restapi_object that registered the application (a moved
// block, Terraform 1.8+): the id ImportState takes, the arguments restapi sent, and
// the secret from restapi's create_response. The refresh that follows reads the rest.
func (r *applicationResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{tfx.RestapiMove{
		ResourceType: resourceType,
		Object:       "an AWX OAuth application",
		PathHint:     "application",
		IDKeys:       []string{"id"},
		ValidID:      numericID.MatchString,
		IDFormat:     `its numeric AWX id, such as "42"`,
		SecretKeys:   []string{"client_secret"},
		SecretExpected: func(o *tfx.RestapiObject) bool {
			ct, _ := o.Answer("client_type").Or(o.Data("client_type")).String()
			return ct != "public" // a public application has no secret
		},
		Fill: func(o *tfx.RestapiObject, _ string, t *tfx.MoveTarget) {
			t.String("client_id", o.Answer("client_id"))
			t.String("name", o.Data("name"))
			t.String("description", o.Data("description"))
			t.Int64("organization", o.Data("organization"))
			t.String("client_type", o.Data("client_type"))
			t.String("authorization_grant_type", o.Data("authorization_grant_type"))
			if uris, ok := o.Data("redirect_uris").String(); ok {
				t.Set("redirect_uris", tfx.SetFromStrings(strings.Fields(uris), false))
			}
			t.Bool("skip_authorization", o.Data("skip_authorization"))
		},
	}.StateMover()}
}
