package ansible

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
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

var numericID = regexp.MustCompile(`^[0-9]+$`)

type applicationResource[M any, P resourcePtr[M]] struct {
	tfx.ResourceBase
	f      Flavor
	client *Client
}

// NewResource returns the application resource of a platform; M is its model
// (ResourceModel, or GatewayResourceModel with the gateway's fields).
func NewResource[M any, P resourcePtr[M]](f Flavor) resource.Resource {
	return &applicationResource[M, P]{ResourceBase: tfx.ResourceBase{
		WithTimeouts: tfx.WithTimeouts{TimeoutUpdate: true, TimeoutDelete: true},
		// The numeric id only, never a secret, because Terraform prints import ids.
		WithImportByID: tfx.WithImportByID{
			ResourceType: f.ResourceType(),
			Object:       "an " + f.Object,
			IDFormat:     "its numeric id",
			Example:      "42",
			Valid:        numericID.MatchString,
			Secret:       true,
		},
		// `import { identity = { id = "42" } }` (Terraform 1.12+).
		WithIdentity: tfx.WithIdentity{IdentityAttributes: []tfx.IdentityAttribute{{Name: "id", Description: f.IDDescription}}},
		TypeSuffix:   f.TypeSuffix,
	}, f: f}
}

var (
	_ tfx.Resource                        = &applicationResource[ResourceModel, *ResourceModel]{}
	_ resource.ResourceWithValidateConfig = &applicationResource[ResourceModel, *ResourceModel]{}
)

// ModifyPlan warns when client_secret_wo is set on an application about to be
// created: the platform issues the secret, so the value would be ignored. A create
// also checks the credentials (once per run), so that refused ones fail the plan.
func (r *applicationResource[M, P]) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	tfx.WarnSecretWOOnCreate(ctx, req, resp)
	tfx.PlanCredentialCheck(ctx, req, resp, r.CredentialCheck)
}

func (r *applicationResource[M, P]) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	t := r.f.Title
	emptySet := setdefault.StaticValue(types.SetValueMust(types.StringType, []attr.Value{}))
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: r.f.IDDescription,
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
			MarkdownDescription: "The numeric id of the organization that owns the application. Changing it moves the application in place.",
			Required:            true,
		},
		"client_type": schema.StringAttribute{
			MarkdownDescription: "`confidential` (the application gets a client secret) or `public` (no secret). Changing it replaces the application, which issues a new client id and secret.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.OneOf("confidential", "public")},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"authorization_grant_type": schema.StringAttribute{
			MarkdownDescription: "`authorization-code` or `password`. " + t + " ignores a changed grant type after creation, so changing it replaces the application.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.OneOf("authorization-code", "password")},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"redirect_uris": schema.SetAttribute{
			MarkdownDescription: "Allowed redirect URIs (absolute http or https URLs without a fragment). Required, with at least one URI, when `authorization_grant_type` is `authorization-code`. Default: none.",
			ElementType:         types.StringType,
			Optional:            true,
			Computed:            true,
			Default:             emptySet,
			Validators:          urlSet(),
		},
		"skip_authorization": schema.BoolAttribute{
			MarkdownDescription: "Skip the user's authorization step (default `false`).",
			Optional:            true,
			Computed:            true,
			Default:             booldefault.StaticBool(false),
		},
		"client_id": schema.StringAttribute{
			MarkdownDescription: "The OAuth client id " + t + " generated.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"rotate_when_changed": tfx.RotateWhenChanged("Use it to rotate the secret, for example with a date: `{ rotation = \"2026-q4\" }`."),
	}
	if r.f.Gateway {
		attrs["post_logout_redirect_uris"] = schema.SetAttribute{
			MarkdownDescription: "Allowed post-logout redirect URIs (absolute http or https URLs without a fragment). Default: none.",
			ElementType:         types.StringType, Optional: true, Computed: true, Default: emptySet, Validators: urlSet(),
		}
		attrs["allowed_origins"] = schema.SetAttribute{
			MarkdownDescription: "Origins allowed to call the token endpoint from a browser (absolute http or https URLs). Default: none.",
			ElementType:         types.StringType, Optional: true, Computed: true, Default: emptySet, Validators: urlSet(),
		}
		attrs["app_url"] = schema.StringAttribute{
			MarkdownDescription: "The application's own URL, shown in the platform UI: an absolute http or https URL, or `\"\"` for none (the default).",
			Optional:            true, Computed: true, Default: stringdefault.StaticString(""),
			Validators: []validator.String{tfx.URL(tfx.URLOptions{AllowEmpty: true})},
		}
		attrs["algorithm"] = schema.StringAttribute{
			MarkdownDescription: "The OpenID Connect signing algorithm: `\"\"` (none, the default), `RS256` or `HS256`.",
			Optional:            true, Computed: true, Default: stringdefault.StaticString(""),
			Validators: []validator.String{stringvalidator.OneOf("", "RS256", "HS256")},
		}
		attrs["pkce_required"] = schema.BoolAttribute{
			MarkdownDescription: "Whether the authorization-code flow requires PKCE. Unset, the gateway's default is kept (true on current gateways). Gateways older than the setting do not return it; the configured value is then kept in state, or null when unset.",
			Optional:            true, Computed: true,
			PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
		}
	}
	maps.Copy(attrs, tfx.SecretAttributes("returned by "+t+" in the create response of a `confidential` application; null for a `public` one"))
	resp.Schema = schema.Schema{
		MarkdownDescription: r.f.ResourceDescription,
		Attributes:          attrs,
		Blocks:              map[string]schema.Block{"timeouts": r.TimeoutsBlock(ctx)},
	}
}

func (r *applicationResource[M, P]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = providerdata.ResourceClient[*Client](req, resp, r.f.Block)
	if r.client == nil {
		return
	}
	r.CredentialCheck = r.f.credentialCheck(r.client)
	if r.f.Legacy != nil {
		if detail := r.f.Legacy(r.client.APIPath()); detail != "" {
			resp.Diagnostics.AddWarning("Legacy OAuth applications", detail)
		}
	}
}

// ValidateConfig checks what the single attributes cannot: authorization-code needs redirect URIs.
func (r *applicationResource[M, P]) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
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

func (r *applicationResource[M, P]) object(m *ResourceModel) string {
	return fmt.Sprintf("%s %q in organization %d", r.f.Object, m.Name.ValueString(), m.Organization.ValueInt64())
}

// stateID parses the numeric id in state; a non-numeric one is an error diagnostic.
func (r *applicationResource[M, P]) stateID(m *ResourceModel, diags *diag.Diagnostics) (int64, bool) {
	id, err := strconv.ParseInt(m.ID.ValueString(), 10, 64)
	if err != nil {
		diags.AddError("Invalid id in state", fmt.Sprintf("%q is not a numeric %s id", tfx.Truncate(m.ID.ValueString(), 24), r.f.Title))
		return 0, false
	}
	return id, true
}

func (r *applicationResource[M, P]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var model M
	plan, gw := P(&model).parts()
	ctx, cancel, ok := r.BeginCreate(ctx, req, resp, &model, &plan.Timeouts)
	defer cancel()
	if !ok {
		return
	}

	in := CreateInput{
		Name: plan.Name.ValueString(), Description: plan.Description.ValueString(),
		Organization: plan.Organization.ValueInt64(), ClientType: plan.ClientType.ValueString(),
		AuthorizationGrantType: plan.AuthorizationGrantType.ValueString(),
		RedirectURIs:           joined(ctx, plan.RedirectURIs, &resp.Diagnostics), SkipAuthorization: plan.SkipAuthorization.ValueBool(),
	}
	if gw != nil {
		in.PostLogoutRedirectURIs = joined(ctx, gw.PostLogoutRedirectURIs, &resp.Diagnostics)
		in.AllowedOrigins = joined(ctx, gw.AllowedOrigins, &resp.Diagnostics)
		in.AppURL, in.Algorithm = gw.AppURL.ValueString(), gw.Algorithm.ValueString()
		if !gw.PKCERequired.IsNull() && !gw.PKCERequired.IsUnknown() {
			in.PKCERequired = gw.PKCERequired.ValueBoolPointer()
		}
	}
	op := r.f.op("create", r.object(plan))
	// The name is unique within the organization: a create whose outcome is unknown
	// is looked up by it, and resent only when it is certainly absent. A public
	// application has no secret, so nothing but its id can be lost.
	app, err := tfx.Send(ctx, &resp.Diagnostics, tfx.CreateOnce{
		Op: op, ResourceType: r.f.ResourceType(), Secret: in.ClientType != "public",
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
		r.createError(ctx, op, in, err, &resp.Diagnostics)
		return
	}

	// The id and secret go into state as soon as the response is decoded
	// (CONTRIBUTING.md, "State before follow-up calls").
	fillApp(&plan.Fields, gw, app)
	tfx.CreateSecret(&plan.Secret, app.Secret())
	tfx.SaveState(ctx, &resp.Diagnostics, &resp.State, resp.Identity, &model)
	if app.ClientType == "confidential" && app.Secret() == "" {
		resp.Diagnostics.AddWarning(r.f.Title+" returned no client secret",
			fmt.Sprintf("%s created %s (id %d) but its response held no client secret, so client_secret is null. "+
				"If you obtain the secret another way, record it with client_secret_wo and client_secret_wo_version; otherwise change rotate_when_changed to replace the application and get a new one.", r.f.Title, op.Object, app.ID))
	}
}

func (r *applicationResource[M, P]) createError(ctx context.Context, op tfx.Op, in CreateInput, err error, diags *diag.Diagnostics) {
	if IsDuplicate(err) {
		existing, _ := r.client.FindByName(ctx, in.Name, in.Organization)
		fix := fmt.Sprintf("Application names are unique within an organization, and organization %d already has one named %q", in.Organization, in.Name)
		if existing != nil {
			id := strconv.FormatInt(existing.ID, 10)
			fix += fmt.Sprintf(" (id %s). Choose another name, or bring the existing one under Terraform with `terraform import %s.<name> %s`.", id, r.f.ResourceType(), id)
		} else {
			fix += ". Choose another name, or import the existing application."
		}
		tfx.APIError(diags, op, err, fix)
		return
	}
	if transport.StatusOf(err) == http.StatusNotFound && r.f.EndpointGone != nil {
		// A POST to the collection found no collection: the platform has no applications here.
		tfx.APIError(diags, op, err, r.f.EndpointGone(r.client.APIPath()))
		return
	}
	for field, msgs := range FieldErrors(err) {
		if !attributeFields[field] && (!r.f.Gateway || !gatewayFields[field]) {
			continue
		}
		diags.AddAttributeError(path.Root(field), fmt.Sprintf("%s rejected %s", r.f.Title, field), strings.Join(msgs, " "))
	}
	r.f.apiError(diags, r.client, op, err, "")
}

// attributeFields and gatewayFields are the API fields that are attributes of the
// same name, where a 400's field error is shown.
var (
	attributeFields = map[string]bool{"name": true, "description": true, "organization": true, "client_type": true,
		"authorization_grant_type": true, "redirect_uris": true, "skip_authorization": true}
	gatewayFields = map[string]bool{"post_logout_redirect_uris": true, "allowed_origins": true, "app_url": true,
		"algorithm": true, "pkce_required": true}
)

func (r *applicationResource[M, P]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var model M
	if !tfx.Get(ctx, &resp.Diagnostics, req.State, &model) {
		return
	}
	state, gw := P(&model).parts()
	id, ok := r.stateID(state, &resp.Diagnostics)
	if !ok {
		return
	}
	object := fmt.Sprintf("%s %d", r.f.Object, id)
	app, err := r.client.Get(ctx, id)
	if transport.IsNotFound(err) {
		// One application's 404 means it is gone only when the applications endpoint
		// itself still answers; otherwise the platform lost the API (an AWX upgrade
		// past 24.6.1, a wrong api_path), and the resource must stay in state.
		exists, cerr := r.client.CollectionExists(ctx)
		if cerr == nil && exists {
			tfx.Gone(ctx, resp, object, r.f.Title)
			return
		}
		fix := "The applications endpoint itself does not answer, so the application is kept in state; check base_url and api_path."
		if cerr == nil && r.f.EndpointGone != nil {
			fix = r.f.EndpointGone(r.client.APIPath()) + " The application is kept in state."
		}
		r.f.apiError(&resp.Diagnostics, r.client, r.f.op("read", object), err, fix)
		return
	}
	if err != nil {
		r.f.apiError(&resp.Diagnostics, r.client, r.f.op("read", object), err, "")
		return
	}
	fillApp(&state.Fields, gw, app)
	tfx.SaveState(ctx, &resp.Diagnostics, &resp.State, resp.Identity, &model)
}

func (r *applicationResource[M, P]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var planModel, stateModel M
	plan, pgw := P(&planModel).parts()
	state, sgw := P(&stateModel).parts()
	ctx, cancel, ok := r.BeginUpdate(ctx, req, resp, &planModel, &stateModel, &plan.Timeouts)
	defer cancel()
	if !ok {
		return
	}
	id, ok := r.stateID(state, &resp.Diagnostics)
	if !ok {
		return
	}

	var in UpdateInput
	str := func(p, s types.String) *string {
		if p.Equal(s) || p.IsUnknown() {
			return nil
		}
		return p.ValueStringPointer()
	}
	set := func(p, s types.Set) *string {
		if p.Equal(s) || p.IsUnknown() {
			return nil
		}
		v := joined(ctx, p, &resp.Diagnostics)
		return &v
	}
	in.Name = str(plan.Name, state.Name)
	in.Description = str(plan.Description, state.Description)
	if !plan.Organization.Equal(state.Organization) {
		in.Organization = plan.Organization.ValueInt64Pointer()
	}
	in.RedirectURIs = set(plan.RedirectURIs, state.RedirectURIs)
	if !plan.SkipAuthorization.Equal(state.SkipAuthorization) {
		in.SkipAuthorization = plan.SkipAuthorization.ValueBoolPointer()
	}
	if pgw != nil {
		in.PostLogoutRedirectURIs = set(pgw.PostLogoutRedirectURIs, sgw.PostLogoutRedirectURIs)
		in.AllowedOrigins = set(pgw.AllowedOrigins, sgw.AllowedOrigins)
		in.AppURL = str(pgw.AppURL, sgw.AppURL)
		in.Algorithm = str(pgw.Algorithm, sgw.Algorithm)
		if !pgw.PKCERequired.IsNull() && !pgw.PKCERequired.IsUnknown() && !pgw.PKCERequired.Equal(sgw.PKCERequired) {
			in.PKCERequired = pgw.PKCERequired.ValueBoolPointer()
		}
	}

	op := r.f.op("update", r.object(plan))
	if in.Empty() {
		// Only client_secret_wo_version (or timeouts) changed: nothing to send.
		plan.ID, plan.ClientID = state.ID, state.ClientID
		if pgw != nil && pgw.PKCERequired.IsUnknown() {
			pgw.PKCERequired = sgw.PKCERequired
		}
	} else {
		app, err := r.client.Update(ctx, id, in)
		if err != nil {
			fix := ""
			if IsDuplicate(err) {
				fix = fmt.Sprintf("Organization %d already has an application named %q; choose another name.", plan.Organization.ValueInt64(), plan.Name.ValueString())
			}
			r.f.apiError(&resp.Diagnostics, r.client, op, err, fix)
			return
		}
		plan.fill(app)
		if pgw != nil {
			if pgw.PKCERequired.IsUnknown() {
				pgw.PKCERequired = sgw.PKCERequired
			}
			pgw.fill(app)
		}
	}
	resp.Diagnostics.Append(tfx.ApplySecretWO(ctx, req.Config, &state.Secret, &plan.Secret)...)
	if resp.Diagnostics.HasError() {
		return
	}
	tfx.SaveState(ctx, &resp.Diagnostics, &resp.State, resp.Identity, &planModel)
}

func (r *applicationResource[M, P]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var model M
	state, _ := P(&model).parts()
	ctx, cancel, ok := r.BeginDelete(ctx, req, resp, &model, &state.Timeouts)
	defer cancel()
	if !ok {
		return
	}
	id, ok := r.stateID(state, &resp.Diagnostics)
	if !ok {
		return
	}
	if err := r.client.Delete(ctx, id); err != nil {
		r.f.apiError(&resp.Diagnostics, r.client, r.f.op("delete", r.object(state)), err, "")
	}
}

// MoveState takes over a restapi_object that registered the application (a moved
// block, Terraform 1.8+): the id ImportState takes, the arguments restapi sent, and
// the secret from restapi's create_response. The refresh that follows reads the rest.
func (r *applicationResource[M, P]) MoveState(context.Context) []resource.StateMover {
	gateway := r.f.Gateway
	return []resource.StateMover{tfx.RestapiMove{
		ResourceType: r.f.ResourceType(),
		Object:       "an " + r.f.Object,
		PathHint:     "application",
		IDKeys:       []string{"id"},
		ValidID:      numericID.MatchString,
		IDFormat:     fmt.Sprintf(`its numeric %s id, such as "42"`, r.f.Title),
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
			uris := []string{"redirect_uris"}
			if gateway {
				uris = append(uris, "post_logout_redirect_uris", "allowed_origins")
				t.String("app_url", o.Data("app_url"))
				t.String("algorithm", o.Data("algorithm"))
				t.Bool("pkce_required", o.Data("pkce_required"))
			}
			for _, name := range uris {
				if v, ok := o.Data(name).String(); ok {
					t.Set(name, tfx.SetFromStrings(strings.Fields(v), false))
				}
			}
			t.Bool("skip_authorization", o.Data("skip_authorization"))
		},
	}.StateMover()}
}
