package timeback

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

var _ tfx.Resource = &applicationResource{}

const resourceType = "registrar_timeback_application"

// NewApplicationResource returns the registrar_timeback_application resource.
// Timeback can neither update nor delete: the timeouts block has create only.
func NewApplicationResource() resource.Resource {
	return &applicationResource{ResourceBase: tfx.ResourceBase{WithImportByID: importByID, WithIdentity: identity, TypeSuffix: "_timeback_application"}}
}

type applicationResource struct {
	tfx.ResourceBase
	client API
}

type applicationModel struct {
	applicationFields
	PublisherID         types.String   `tfsdk:"publisher_id"`
	SandboxClientSecret types.String   `tfsdk:"sandbox_client_secret"`
	RotateWhenChanged   types.Map      `tfsdk:"rotate_when_changed"`
	DeletionPolicy      types.String   `tfsdk:"deletion_policy"`
	Timeouts            timeouts.Value `tfsdk:"timeouts"`
	tfx.Secret
}

// applicationFields are the fields of a Timeback application that the resource and
// the data source share: GET /applications/1.0/{id} and its /credentials.
type applicationFields struct {
	ID              types.String `tfsdk:"id"`
	Name            types.String `tfsdk:"name"`
	Description     types.String `tfsdk:"description"`
	LaunchURL       types.String `tfsdk:"launch_url"`
	ApplicationType types.String `tfsdk:"application_type"`
	AppURN          types.String `tfsdk:"app_urn"`
	ClientID        types.String `tfsdk:"client_id"`
	Scopes          types.List   `tfsdk:"scopes"`
	TokenURL        types.String `tfsdk:"token_url"`
	SandboxClientID types.String `tfsdk:"sandbox_client_id"`
	SandboxScopes   types.List   `tfsdk:"sandbox_scopes"`
	SandboxTokenURL types.String `tfsdk:"sandbox_token_url"`
}

// fill copies GET /applications/1.0/{id} and, when c is not nil, GET …/credentials
// (which has no secret) into the fields. A value Timeback leaves out keeps what the
// fields hold (from the create response), or becomes null when that is unknown.
func (f *applicationFields) fill(a *Application, c *Credentials) {
	if a != nil {
		f.Name = types.StringValue(a.Name)
		f.Description = types.StringValue(a.Description)
		f.LaunchURL = types.StringValue(a.LaunchURL)
		if a.ApplicationType != "" {
			f.ApplicationType = types.StringValue(a.ApplicationType)
		} else if f.ApplicationType.IsUnknown() {
			f.ApplicationType = types.StringNull()
		}
	}
	if c != nil {
		if c.AppURN != "" {
			f.AppURN = types.StringValue(c.AppURN)
		}
		if c.ProductionCredentials.ClientID != "" {
			f.ClientID = types.StringValue(c.ProductionCredentials.ClientID)
		}
		f.Scopes = tfx.ListFromStrings(c.ProductionCredentials.Scopes)
		f.TokenURL = types.StringValue(c.ProductionCredentials.TokenURL)
		if sb := c.SandboxCredentials; sb != nil {
			if sb.ClientID != "" {
				f.SandboxClientID = types.StringValue(sb.ClientID)
			}
			f.SandboxScopes = tfx.ListFromStrings(sb.Scopes)
			if sb.TokenURL != "" {
				f.SandboxTokenURL = types.StringValue(sb.TokenURL)
			}
		}
	}
	// Without sandboxCredentials what the fields hold stays (the create response's
	// sandbox client id); what is still unknown is null.
	if f.SandboxClientID.IsUnknown() {
		f.SandboxClientID = types.StringNull()
	}
	if f.SandboxScopes.IsUnknown() {
		f.SandboxScopes = types.ListNull(types.StringType)
	}
	if f.SandboxTokenURL.IsUnknown() {
		f.SandboxTokenURL = types.StringNull()
	}
}

// resourceDescription is the resource's documentation, including the decisions
// taken where contributing/platform-apis.md marks a fact unknown.
const resourceDescription = "A draft application registered on the Timeback developer platform (`POST /applications/1.0/drafts`). " +
	"Timeback returns the client secret only once, in the create response; the provider keeps it in state as a sensitive value.\n\n" +
	"**Timeback has no update or delete API.** Every argument forces a new application. `terraform destroy` (and the destroy half of a replacement) " +
	"only makes Terraform forget the application, with a warning at plan: the draft stays on Timeback until Timeback support removes it (`deletion_policy = \"PREVENT\"` makes such a plan an error instead). " +
	"Because application names are unique across the whole platform (not only within your publisher), **a replacement needs a new `name`**: " +
	"the old draft still holds the old one, and re-creating with the same name fails with a duplicate-name error. A plan that replaces the application and keeps its `name` is therefore an error. " +
	"(`terraform apply -replace` and a tainted application reach the provider as a plain create, which cannot be told apart from a new one: change `name` for those too.)\n\n" +
	"Decisions where the Timeback API is not documented:\n\n" +
	"* Any 2xx create response that carries an `applicationId` is accepted (200 or 201), so a secret is never dropped over a status code.\n" +
	"* A duplicate name is recognised as HTTP 409, or as a 400/422 whose message says the name exists.\n" +
	"* The publisher-ambiguity `nextAction` body is shown in full; any UUID inside it is listed as a publisher id to set in `publisher_id`.\n" +
	"* A create whose response is lost is never sent again blindly, and Timeback has no list endpoint to look the draft up by name: the provider reports it and asks you to find it on the platform (or through support) and import it.\n" +
	"* The sandbox credential pair comes in the create response's `sandboxCredentials` object (`clientId`, `clientSecret`), which the sandbox docs say every registration carries. " +
	"`GET …/credentials` returns `sandboxCredentials` (`clientId`, `scopes`, `tokenUrl`, no secret) next to `productionCredentials`: `sandbox_client_id`, `sandbox_scopes` and `sandbox_token_url` are read from it on every refresh, so an import fills them. " +
	"The sandbox secret, like the main one, is kept in state and never read back; it stays null after an import. When Timeback sends no sandbox pair, the sandbox attributes are null.\n" +
	"* `GET /applications/1.0/{id}` is read as `LtiApplicationOutput`; its `status` is not treated as deleted (a warning is shown for `tobedeleted` or `inactive`).\n" +
	"* `publisher_id` is not in the read model, so after an import it is null until set in configuration; setting it then does not force a replacement.\n" +
	"* Without `application_type`, Timeback's default is used and recorded in state."

func (r *applicationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "The application's id (`applicationId`, a UUID).",
			Computed:            true,
			PlanModifiers:       keep,
		},
		"name": schema.StringAttribute{
			MarkdownDescription: "The application's name (1 to 256 characters). It must be unique across the whole Timeback developer platform, not only within your publisher. " +
				"Changing it replaces the application; the old draft keeps its name on Timeback.",
			Required:      true,
			Validators:    []validator.String{stringvalidator.LengthBetween(1, 256)},
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"description": schema.StringAttribute{
			MarkdownDescription: "A description (1 to 1024 characters). Changing it replaces the application, which needs a new `name`.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.LengthBetween(1, 1024)},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"launch_url": schema.StringAttribute{
			MarkdownDescription: "The LTI launch URL: an absolute http or https URL of at most 512 characters. Changing it replaces the application, which needs a new `name`.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.LengthAtMost(512), tfx.URL(tfx.URLOptions{})},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"application_type": schema.StringAttribute{
			MarkdownDescription: "`learning_app`, `assessment` or `internal`. When omitted, Timeback's default applies and is recorded here. Changing it replaces the application, which needs a new `name`.",
			Optional:            true,
			Computed:            true,
			Validators:          []validator.String{stringvalidator.OneOf("learning_app", "assessment", "internal")},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
		},
		"publisher_id": schema.StringAttribute{
			MarkdownDescription: "The publisher (UUID) that owns the application. Leave it out when your account belongs to zero or one publisher: Timeback then uses your publisher, " +
				"or creates one. Required when you belong to several; the error then lists their ids. Changing it replaces the application, which needs a new `name`. " +
				"Timeback's read API does not return it, so after an import it is null until you set it (which then does not replace the application).",
			Optional:   true,
			Computed:   true,
			Validators: []validator.String{tfx.UUID()},
			PlanModifiers: []planmodifier.String{
				stringplanmodifier.UseStateForUnknown(),
				stringplanmodifier.RequiresReplaceIf(publisherReplace,
					"Replaces the application when the publisher changes, except when the publisher in state is unknown (after an import).",
					"Replaces the application when the publisher changes, except when the publisher in state is unknown (after an import)."),
			},
		},
		"app_urn": schema.StringAttribute{
			MarkdownDescription: "The application's URN, `urn:uuid:<id>`.",
			Computed:            true,
			PlanModifiers:       keep,
		},
		"client_id": schema.StringAttribute{
			MarkdownDescription: "The production OAuth client id. It stays the same when the draft is promoted.",
			Computed:            true,
			PlanModifiers:       keep,
		},
		"scopes": schema.ListAttribute{
			MarkdownDescription: "The production scopes the client may request (a draft gets `lti.readonly`; they grow on promotion).",
			ElementType:         types.StringType,
			Computed:            true,
			PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
		},
		"token_url": schema.StringAttribute{
			MarkdownDescription: "The token endpoint where the application exchanges `client_id` and `client_secret` for access tokens (client credentials).",
			Computed:            true,
			PlanModifiers:       keep,
		},
		"sandbox_client_id": schema.StringAttribute{
			MarkdownDescription: "The sandbox client id (`sandboxCredentials.clientId` of the create response and of the credentials read; null when Timeback sends no sandbox pair). Filled after an import too.",
			Computed:            true,
			PlanModifiers:       keep,
		},
		"sandbox_scopes": schema.ListAttribute{
			MarkdownDescription: "The scopes the sandbox client may request (`sandboxCredentials.scopes` of the credentials read).",
			ElementType:         types.StringType,
			Computed:            true,
			PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
		},
		"sandbox_token_url": schema.StringAttribute{
			MarkdownDescription: "The sandbox client's token endpoint (`sandboxCredentials.tokenUrl` of the credentials read).",
			Computed:            true,
			PlanModifiers:       keep,
		},
		"sandbox_client_secret": schema.StringAttribute{
			MarkdownDescription: "The sandbox client secret, from the create response's `sandboxCredentials` object. Like `client_secret` it is shown only once, kept in state (sensitive) and never read back; it stays null after an import.",
			Computed:            true,
			Sensitive:           true,
			PlanModifiers:       keep,
		},
	}
	attrs["rotate_when_changed"] = tfx.RotateWhenChanged("Change `name` at the same time (names are global and the old draft keeps its name), " +
		"for example with a suffix taken from the same value. Each rotation leaves the old draft on Timeback.")
	attrs["deletion_policy"] = tfx.DeletionPolicyAttribute("Timeback")
	maps.Copy(attrs, tfx.SecretAttributes("returned by Timeback only in the create response (Timeback cannot show it again: if it is lost, Timeback support has to help)"))
	resp.Schema = schema.Schema{
		MarkdownDescription: resourceDescription,
		Attributes:          attrs,
		Blocks: map[string]schema.Block{
			"timeouts": r.TimeoutsBlock(ctx),
		},
	}
}

// publisherReplace replaces on a publisher change unless the state does not know the
// publisher (after an import: Timeback's read model has no publisherId).
func publisherReplace(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	if req.StateValue.IsNull() {
		return
	}
	if req.PlanValue.IsUnknown() || !strings.EqualFold(req.PlanValue.ValueString(), req.StateValue.ValueString()) {
		resp.RequiresReplace = true
	}
}

// replacingAttributes are the arguments whose change replaces the application
// (publisher_id is decided by publisherReplace).
var replacingAttributes = []string{"description", "launch_url", "application_type"}

// ModifyPlan catches, at plan, what would otherwise fail or surprise after approval:
// a replacement that keeps the name (certain to fail: names are global and the old
// draft keeps its name), and a destroy or replacement, which leaves the draft on
// Timeback (a warning, or an error with deletion_policy PREVENT). It also warns when
// client_secret_wo is set on a new application, and a create checks the credentials.
func (r *applicationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	tfx.WarnSecretWOOnCreate(ctx, req, resp)
	if req.State.Raw.IsNull() {
		if c, ok := credentialCheck(r.client); ok {
			tfx.PlanCredentialCheck(ctx, req, resp, c) // client credentials are exchanged once per run; a static token cannot be checked
		}
		return
	}
	var state applicationModel
	if !tfx.Get(ctx, &resp.Diagnostics, req.State, &state) {
		return
	}
	left := tfx.Abandoned{
		Platform: "Timeback",
		Object:   state.object(),
		After: fmt.Sprintf("Its name %q stays taken, so no new application can use it. To have the draft removed, ask Timeback support to delete application %s.",
			state.Name.ValueString(), state.ID.ValueString()),
	}
	if req.Plan.Raw.IsNull() {
		tfx.PlanDeletion(ctx, req, resp, nil, left)
		return
	}
	var plan applicationModel
	if !tfx.Get(ctx, &resp.Diagnostics, req.Plan, &plan) {
		return
	}
	replacedBy := tfx.ChangedAttributes(ctx, req, false, replacingAttributes...)
	replacedBy = append(replacedBy, tfx.ChangedAttributes(ctx, req, true, "rotate_when_changed")...)
	var pr stringplanmodifier.RequiresReplaceIfFuncResponse
	publisherReplace(ctx, planmodifier.StringRequest{PlanValue: plan.PublisherID, StateValue: state.PublisherID}, &pr)
	if pr.RequiresReplace {
		replacedBy = append(replacedBy, "publisher_id")
	}
	if len(replacedBy) == 0 || !plan.Name.Equal(state.Name) {
		// No replacement, or one that takes a new name (an unknown name is not
		// known to stay the same).
		tfx.PlanDeletion(ctx, req, resp, replacedBy, left)
		return
	}
	for _, a := range replacedBy {
		resp.Diagnostics.AddAttributeError(path.Root(a), "Replacing a Timeback application needs a new name",
			fmt.Sprintf("Changing %s replaces %s, but name stays %q. Application names are unique across the whole Timeback platform, and Timeback cannot delete the old draft, "+
				"which keeps its name: the create of the replacement would fail with a duplicate name, after Terraform had already forgotten the old draft and its client secret. "+
				"Change name as well (for example add a suffix such as \"-v2\"), or set %s back to the value in state, which is what Timeback holds (after an edit on Timeback, the value shown as changed in the plan).", a, state.object(), state.Name.ValueString(), a))
	}
}

func (r *applicationResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = providerdata.ResourceClient[API](req, resp, "timeback")
}

func (m *applicationModel) object() string {
	if !m.ID.IsNull() && !m.ID.IsUnknown() && m.ID.ValueString() != "" {
		return fmt.Sprintf("Timeback application %q (%s)", m.Name.ValueString(), m.ID.ValueString())
	}
	return fmt.Sprintf("Timeback application %q", m.Name.ValueString())
}

func (m *applicationModel) op(verb string) tfx.Op {
	return tfx.Op{Verb: verb, Object: m.object(), Credentials: credentialsHint}
}

// fill is applicationFields.fill plus the publisher, which the resource alone has.
func (m *applicationModel) fill(a *Application, c *Credentials) {
	m.applicationFields.fill(a, c)
	if a != nil && a.PublisherID != "" && !strings.EqualFold(a.PublisherID, m.PublisherID.ValueString()) {
		m.PublisherID = types.StringValue(a.PublisherID)
	}
}

func (r *applicationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan applicationModel
	ctx, cancel, ok := r.BeginCreate(ctx, req, resp, &plan, &plan.Timeouts)
	defer cancel()
	if !ok {
		return
	}

	in := DraftInput{
		Name: plan.Name.ValueString(), Description: plan.Description.ValueString(), LaunchURL: plan.LaunchURL.ValueString(),
	}
	if isSet(plan.ApplicationType) {
		in.ApplicationType = plan.ApplicationType.ValueString()
	}
	if isSet(plan.PublisherID) {
		in.PublisherID = plan.PublisherID.ValueString()
	}
	// Timeback has no list endpoint: a draft whose response was lost cannot be looked
	// up, so it is reported, never resent; names are global, so a resend after a 429
	// that meets its own draft fails as a duplicate, reported the same way.
	draft, err := tfx.Send(ctx, &resp.Diagnostics, tfx.CreateOnce{
		Op: plan.op("register"), ResourceType: resourceType, Secret: true,
		MaybeApplied: MaybeCreated, IsDuplicate: IsDuplicate, Help: orphanHelp(in.Name),
	}, func(ctx context.Context) (*Draft, error) { return r.client.CreateDraft(ctx, in) })
	if resp.Diagnostics.HasError() {
		return
	}
	if err != nil {
		r.createError(&plan, in, err, &resp.Diagnostics)
		return
	}

	// The id and the secrets go into state as soon as the response is decoded
	// (CONTRIBUTING.md, State before follow-up calls).
	plan.ID = types.StringValue(draft.ApplicationID)
	plan.AppURN = types.StringValue(draft.AppURN)
	plan.ClientID = types.StringValue(draft.ClientID)
	if draft.PublisherID != "" && !strings.EqualFold(draft.PublisherID, plan.PublisherID.ValueString()) {
		plan.PublisherID = types.StringValue(draft.PublisherID)
	} else if plan.PublisherID.IsUnknown() {
		plan.PublisherID = types.StringNull()
	}
	tfx.CreateSecret(&plan.Secret, draft.ClientSecret)
	plan.SandboxClientID, plan.SandboxClientSecret = types.StringNull(), types.StringNull()
	if sb := draft.SandboxCredentials; sb != nil {
		if sb.ClientID != "" {
			plan.SandboxClientID = types.StringValue(sb.ClientID)
		}
		if sb.ClientSecret != "" {
			plan.SandboxClientSecret = types.StringValue(sb.ClientSecret)
		}
	}
	// Not known until the follow-up calls; state cannot hold unknown values.
	plan.Scopes = types.ListNull(types.StringType)
	plan.TokenURL = types.StringNull()
	plan.SandboxScopes = types.ListNull(types.StringType)
	plan.SandboxTokenURL = types.StringNull()
	if plan.ApplicationType.IsUnknown() {
		plan.ApplicationType = types.StringNull()
	}
	tfx.SaveState(ctx, &resp.Diagnostics, &resp.State, resp.Identity, &plan)
	if resp.Diagnostics.HasError() {
		return
	}

	// Follow-ups. A draft cannot be deleted, so a failure here must not taint the
	// resource (a replacement would forget this draft and fail on its taken name):
	// the state above stays, with a warning, and the next refresh fills the rest
	// (see CONTRIBUTING.md, "State before follow-up calls").
	creds, err := r.client.GetCredentials(ctx, draft.ApplicationID)
	if err != nil {
		followUpWarning(&resp.Diagnostics, plan.op("read the credentials of"), err)
		return
	}
	plan.fill(nil, creds)
	app, err := r.client.GetApplication(ctx, draft.ApplicationID)
	if err != nil {
		followUpWarning(&resp.Diagnostics, plan.op("read back"), err)
		tfx.SaveState(ctx, &resp.Diagnostics, &resp.State, resp.Identity, &plan)
		return
	}
	plan.fill(app, nil)
	tfx.SaveState(ctx, &resp.Diagnostics, &resp.State, resp.Identity, &plan)
}

// followUpWarning reports a failed read after a successful create as a warning: the
// application is registered and in state with its client secret.
func followUpWarning(diags *diag.Diagnostics, op tfx.Op, err error) {
	tfx.APIWarning(diags, op, err, "The application was registered and is saved in state with its client secret. "+
		"The fields this call reads (scopes, token_url and the like) are filled in by the next refresh: run terraform apply (or plan) again once Timeback answers. Nothing is registered twice.")
}

// orphanHelp explains how to find a draft whose create response was lost.
func orphanHelp(name string) string {
	return "Finding the Timeback draft whose create response was lost: " +
		fmt.Sprintf("Timeback has no API to list applications, so the provider cannot look the draft up by name. "+
			"Look for an application named %q in the Timeback developer platform (or ask Timeback support for its id), then import it: "+
			"`terraform import %s.<name> <application id>`. Applying again is safe: names are unique across the platform, so if the draft exists "+
			"the create fails as a duplicate instead of registering a second application. Its client secret was in the lost response: "+
			"if you cannot recover it, ask Timeback support to remove the draft, or register under another name.", name, resourceType)
}

func (r *applicationResource) createError(plan *applicationModel, in DraftInput, err error, diags *diag.Diagnostics) {
	op := plan.op("register")
	var ae *transport.APIError
	_ = errors.As(err, &ae)
	switch {
	case IsDuplicate(err):
		tfx.APIError(diags, op, err, fmt.Sprintf(
			"Application names are global on the Timeback developer platform: they are unique across all publishers, and an application named %q already exists "+
				"(another developer's, or one of your own drafts: Timeback cannot delete drafts, so a destroyed or replaced application keeps its name). "+
				"Choose another name. If the existing draft is yours, you can bring it under Terraform with `terraform import %s.<name> <application id>`.", in.Name, resourceType))
	default:
		if ok, ids := NextAction(err); ok {
			fix := "Your credentials belong to several Timeback publishers, so Timeback needs to know which one owns the application: set publisher_id"
			if len(ids) > 0 {
				fix += " to one of: " + strings.Join(ids, ", ")
			}
			fix += fmt.Sprintf(".\n\nTimeback's answer: %s", strings.TrimSpace(string(ae.Body)))
			tfx.APIError(diags, op, err, fix)
			return
		}
		if ae != nil && ae.Status == http.StatusForbidden && in.PublisherID != "" {
			tfx.APIError(diags, op, err, fmt.Sprintf("Check publisher_id %s: your credentials may not belong to that publisher. Set it to one of your publishers, or leave it out when you belong to only one.", in.PublisherID))
			return
		}
		if fe := FieldErrors(err); len(fe) > 0 {
			for _, f := range slices.Sorted(maps.Keys(fe)) {
				if p, ok := fieldPaths[f]; ok {
					diags.AddAttributeError(p, fmt.Sprintf("Timeback rejected %s", f), strings.Join(fe[f], " "))
				}
			}
		}
		tfx.APIError(diags, op, err, "")
	}
}

var fieldPaths = map[string]path.Path{
	"name": path.Root("name"), "description": path.Root("description"), "launchUrl": path.Root("launch_url"),
	"applicationType": path.Root("application_type"), "publisherId": path.Root("publisher_id"),
}

func (r *applicationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state applicationModel
	if !tfx.Get(ctx, &resp.Diagnostics, req.State, &state) {
		return
	}
	id := state.ID.ValueString()
	app, creds, verb, err := getApplication(ctx, r.client, id)
	if transport.IsNotFound(err) {
		tfx.Gone(ctx, resp, "Timeback application "+id, "Timeback")
		return
	}
	if err != nil {
		tfx.APIError(&resp.Diagnostics, state.op(verb), err, "")
		return
	}
	state.fill(app, creds)
	if app.Status == "tobedeleted" || app.Status == "inactive" {
		resp.Diagnostics.AddWarning("Timeback application is "+app.Status,
			fmt.Sprintf("Timeback reports application %s (%q) with status %q. The provider keeps it in state, because what this status means for a draft is not documented.", id, app.Name, app.Status))
	}
	tfx.SaveState(ctx, &resp.Diagnostics, &resp.State, resp.Identity, &state)
}

// getApplication reads an application and then its credentials, the two calls that
// make its state; verb names the one that failed, for the diagnostic.
func getApplication(ctx context.Context, c API, id string) (*Application, *Credentials, string, error) {
	app, err := c.GetApplication(ctx, id)
	if err != nil {
		return nil, nil, "read", err
	}
	creds, err := c.GetCredentials(ctx, id)
	if err != nil {
		return nil, nil, "read the credentials of", err
	}
	return app, creds, "", nil
}

// Update only records client_secret_wo (when client_secret_wo_version changes):
// every argument replaces the application, and there is no API call.
func (r *applicationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state applicationModel
	if !tfx.Get(ctx, &resp.Diagnostics, req.Plan, &plan) || !tfx.Get(ctx, &resp.Diagnostics, req.State, &state) {
		return
	}
	next := state
	next.Timeouts = plan.Timeouts
	next.ClientSecretWOVersion = plan.ClientSecretWOVersion
	next.DeletionPolicy = plan.DeletionPolicy
	next.RotateWhenChanged = plan.RotateWhenChanged
	if isSet(plan.PublisherID) {
		// The same publisher (perhaps in other letter case), or one adopted after an
		// import; any other change is a replacement.
		next.PublisherID = plan.PublisherID
	}
	if isSet(plan.ApplicationType) {
		next.ApplicationType = plan.ApplicationType
	}
	resp.Diagnostics.Append(tfx.ApplySecretWO(ctx, req.Config, &state.Secret, &next.Secret)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !next.ClientSecret.Equal(state.ClientSecret) && isSet(next.ClientSecret) {
		// A restored secret is checked at the application's own token endpoint.
		r.verifySecret(ctx, &state, next.ClientSecret.ValueString(), &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	tfx.SaveState(ctx, &resp.Diagnostics, &resp.State, resp.Identity, &next)
}

func (r *applicationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state applicationModel
	if !tfx.Get(ctx, &resp.Diagnostics, req.State, &state) {
		return
	}
	// Timeback has no delete API: the plan already warned that the draft stays on the
	// platform (deletion_policy), so the destroy only forgets it, quietly.
	err := r.client.DeleteApplication(ctx, state.ID.ValueString())
	switch {
	case errors.Is(err, ErrDeleteUnsupported):
		tflog.Info(ctx, "Timeback application left on the platform (no delete API)", map[string]any{"id": state.ID.ValueString()})
	case err != nil && !transport.IsNotFound(err):
		tfx.APIError(&resp.Diagnostics, state.op("delete"), err, "")
	}
}

var uuidID = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// importByID is the resource's ImportState (tfx.WithImportByID): the applicationId
// only, never a secret, because Terraform prints import ids.
var importByID = tfx.WithImportByID{
	ResourceType: resourceType,
	Object:       "a Timeback application",
	IDFormat:     "its applicationId (a UUID)",
	Example:      "123e4567-e89b-12d3-a456-426614174000",
	Valid:        uuidID.MatchString,
	Secret:       true,
}

// identity is the resource identity (tfx.WithIdentity): `import { identity = {...} }`
// on Terraform 1.12+ and OpenTofu 1.12+, and what list results carry.
var identity = tfx.WithIdentity{IdentityAttributes: []tfx.IdentityAttribute{{Name: "id", Description: "The application's Timeback id."}}}

// MoveState takes over a restapi_object that registered the draft (a moved block,
// Terraform 1.8+): the id ImportState takes, the arguments restapi sent, the
// publisher Timeback assigned and the secrets from restapi's create_response
// (Timeback cannot show them again). The refresh that follows reads the rest.
func (r *applicationResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{tfx.RestapiMove{
		ResourceType: resourceType,
		Object:       "a Timeback application",
		PathHint:     "application",
		IDKeys:       []string{"applicationId", "sourcedId"},
		ValidID:      uuidID.MatchString,
		IDFormat:     `its applicationId, a UUID such as "123e4567-e89b-12d3-a456-426614174000"`,
		SecretKeys:   []string{"clientSecret"},
		Fill: func(o *tfx.RestapiObject, _ string, t *tfx.MoveTarget) {
			t.String("name", o.Data("name"))
			t.String("description", o.Data("description"))
			t.String("launch_url", o.Data("launchUrl"))
			t.String("application_type", o.Data("applicationType"))
			// The read model has no publisher: what was sent, else what the create answered.
			t.String("publisher_id", o.Data("publisherId").Or(o.Answer("publisherId")))
			t.String("app_urn", o.Answer("appUrn"))
			t.String("client_id", o.Answer("clientId", "productionCredentials/clientId"))
			t.String("sandbox_client_id", o.Answer("sandboxCredentials/clientId"))
			t.Secret("sandbox_client_secret", o, "sandboxCredentials/clientSecret")
		},
	}.StateMover()}
}

// verifySecret checks a secret restored with client_secret_wo at the application's
// token endpoint (token_url, client credentials): a refused secret is an error, so a
// wrong value never reaches state; one that cannot be checked is recorded with a
// warning. No byte of the secret or of the endpoint's answer is quoted.
func (r *applicationResource) verifySecret(ctx context.Context, state *applicationModel, secret string, diags *diag.Diagnostics) {
	v, ok := r.client.(SecretVerifier)
	if !ok {
		return
	}
	if !isSet(state.TokenURL) || !isSet(state.ClientID) {
		diags.AddAttributeWarning(path.Root("client_secret_wo"), "client_secret_wo recorded unchecked",
			fmt.Sprintf("The state of %s has no token_url or client_id yet, so the secret given in client_secret_wo could not be checked; it was recorded as client_secret. "+
				"To check it, change client_secret_wo_version again once a refresh has filled token_url.", state.object()))
		return
	}
	err := v.VerifyClientSecret(ctx, state.TokenURL.ValueString(), state.ClientID.ValueString(), secret)
	var unchecked *UncheckedError
	switch {
	case err == nil:
	case errors.Is(err, ErrSecretRefused):
		diags.AddAttributeError(path.Root("client_secret_wo"), "Wrong client secret in client_secret_wo",
			fmt.Sprintf("The token endpoint of %s (%s) refused client id %s with the secret given in client_secret_wo (%v), so the secret was not recorded and state is unchanged. "+
				"client_secret_wo records a secret you already hold; it cannot set a new one on Timeback. Give the secret Timeback issued for this application, "+
				"or replace the application (with a new name) to get a new one.", state.object(), state.TokenURL.ValueString(), state.ClientID.ValueString(), err))
	case errors.As(err, &unchecked):
		diags.AddAttributeWarning(path.Root("client_secret_wo"), "client_secret_wo recorded unchecked",
			fmt.Sprintf("The secret given in client_secret_wo for %s was recorded as client_secret, but it could not be checked at the token endpoint %s: %v. "+
				"To check it later, change client_secret_wo_version again.", state.object(), state.TokenURL.ValueString(), unchecked.Err))
	default:
		diags.AddAttributeWarning(path.Root("client_secret_wo"), "client_secret_wo recorded unchecked", err.Error())
	}
}
