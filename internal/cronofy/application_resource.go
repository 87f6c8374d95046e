package cronofy

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
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

const resourceType = "registrar_cronofy_application"

// NewApplicationResource returns the registrar_cronofy_application resource.
// Cronofy can neither update nor delete: the timeouts block has create only.
func NewApplicationResource() resource.Resource {
	r := &applicationResource{ResourceBase: tfx.ResourceBase{
		WithImportByID: importByID,
		WithIdentity:   identity,
		TypeSuffix:     "_cronofy_application",
		// State moved from a restapi_object has no data_center until the next apply
		// records it, so the identity gains its data_center then.
		MutableIdentity: true,
	}}
	r.Parse = r.parseImportID
	r.FromIdentity = func(v map[string]string) string {
		if v["data_center"] == "" {
			return v["client_id"]
		}
		return v["data_center"] + "/" + v["client_id"]
	}
	return r
}

type applicationResource struct {
	tfx.ResourceBase
	client *Client
}

type applicationModel struct {
	ID         types.String `tfsdk:"id"`
	Name       types.String `tfsdk:"name"`
	URL        types.String `tfsdk:"url"`
	DataCenter types.String `tfsdk:"data_center"`
	ClientID   types.String `tfsdk:"client_id"`
	// RotateWhenChanged replaces the application when any value changes.
	RotateWhenChanged types.Map      `tfsdk:"rotate_when_changed"`
	DeletionPolicy    types.String   `tfsdk:"deletion_policy"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
	tfx.Secret
	// The verification call (application_verify.go).
	RedirectURIs       types.Set    `tfsdk:"redirect_uris"`
	ContactEmail       types.String `tfsdk:"contact_email"`
	ContactDisplayName types.String `tfsdk:"contact_display_name"`
	Verification       types.Object `tfsdk:"verification"`
}

// resourceDescription is the resource's documentation, including the decisions
// taken where contributing/platform-apis.md marks Cronofy's behaviour unknown.
const resourceDescription = "An application provisioned through Cronofy's Admin API (`POST /v1/applications`, a prerelease endpoint) in the organizational unit of the provider's `admin_api_key`; " +
	"Cronofy returns the client secret once, and the provider keeps it in state as a sensitive value. " +
	"Cronofy has no read, update or delete API: drift and deletion cannot be seen (a refresh sends no request), every argument replaces the application and the replacement leaves the old one in Cronofy, " +
	"except `redirect_uris` and the contact, which go through Cronofy's verification call (authenticated with the application's secret from state; it also moves the application into production mode): adding URIs or changing the contact calls it again in place, removing a URI replaces the application, and a failed call after the create is a warning that the next apply retries, " +
	"and destroy only removes it from state, with a warning to delete it in the Cronofy dashboard. " +
	"Import (`<client_id>` or `<data_center>/<client_id>`) is stored unverified; `name` and `url` are recorded from the configuration on the next apply, and the secret is restored with `client_secret_wo`. " +
	"A create whose response is lost is never resent (no unique key: a resend could create a second application). " +
	"Assumed, as Cronofy does not document it: an Admin API key works only in the data center where it was created."

func (r *applicationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "The application's OAuth `client_id` (Cronofy returns no other id).",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"name": schema.StringAttribute{
			MarkdownDescription: "The application's name, shown to end users when they authorize it. Changing it replaces the application (a second one is provisioned; the old one stays in Cronofy).",
			Required:            true,
			Validators: []validator.String{
				stringvalidator.LengthAtLeast(1),
				tfx.NotBlank(),
			},
			PlanModifiers: []planmodifier.String{replaceUnlessNull(importedDescription)},
		},
		"url": schema.StringAttribute{
			MarkdownDescription: "The application's homepage-like URL, an absolute `http` or `https` URI. It is **not** an OAuth redirect URI. " +
				"Changing it replaces the application (a second one is provisioned; the old one stays in Cronofy).",
			Required:      true,
			Validators:    []validator.String{homepageURL},
			PlanModifiers: []planmodifier.String{replaceUnlessNull(importedDescription)},
		},
		"data_center": schema.StringAttribute{
			MarkdownDescription: "The data center the application is provisioned in: `au`, `ca`, `de`, `sg`, `uk` or `us`. Default: the provider's `cronofy.data_center` " +
				"at creation (recorded in state, so a later change of the provider's default does not move or replace the application). " +
				"The Admin API key must belong to this data center. Changing it replaces the application. " +
				"After a move from `restapi_object` (whose state does not say) it is recorded, without replacement, on the next apply.",
			Optional:   true,
			Computed:   true,
			Validators: []validator.String{stringvalidator.OneOf(DataCenters()...)},
			PlanModifiers: []planmodifier.String{
				stringplanmodifier.UseStateForUnknown(),
				replaceUnlessNull("Changing the value replaces the application; after a move from restapi_object, the first value is recorded without replacement."),
			},
		},
		"client_id": schema.StringAttribute{
			MarkdownDescription: "The OAuth client id Cronofy issued.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
	}
	maps.Copy(attrs, verificationAttributes())
	attrs["rotate_when_changed"] = tfx.RotateWhenChanged("Each rotation leaves the old application in Cronofy, where it keeps working until you delete it in the dashboard.")
	attrs["deletion_policy"] = tfx.DeletionPolicyAttribute("Cronofy")
	maps.Copy(attrs, tfx.SecretAttributes("returned by Cronofy in the create response; afterwards it can be seen (and refreshed) only in the Cronofy developer dashboard"))
	resp.Schema = schema.Schema{
		MarkdownDescription: resourceDescription,
		Attributes:          attrs,
		Blocks: map[string]schema.Block{
			"timeouts": r.TimeoutsBlock(ctx),
		},
	}
}

func (r *applicationResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = providerdata.ResourceClient[*Client](req, resp, "cronofy")
}

const importedDescription = "Changing the value replaces the application; after an import, the first configured value is recorded without replacement."

// replaceUnlessNull is RequiresReplace, except when the state holds no value: after
// an import (no API can read name or url), or a move from restapi_object (whose state
// has no data center), the value is recorded in place, with no API call.
func replaceUnlessNull(description string) planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !req.StateValue.IsNull()
		},
		description, description,
	)
}

// ModifyPlan shows the default data center in the plan of a new application, warns
// when client_secret_wo is set on a new one, and, for a destroy or a replacement,
// warns that the application stays in Cronofy (or refuses the plan with
// deletion_policy PREVENT): one diagnostic each.
func (r *applicationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var removedURIs []string
	if !req.Plan.Raw.IsNull() {
		removedURIs = planVerification(ctx, req, resp)
	}
	if req.State.Raw.IsNull() {
		tfx.WarnSecretWOOnCreate(ctx, req, resp)
		var dc types.String
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("data_center"), &dc)...)
		if dc.IsNull() && r.client != nil && !req.Plan.Raw.IsNull() {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("data_center"), r.client.DataCenter())...)
		}
		return
	}
	var state applicationModel
	if !tfx.Get(ctx, &resp.Diagnostics, req.State, &state) {
		return
	}
	name := "(name unknown: imported)"
	if !state.Name.IsNull() {
		name = fmt.Sprintf("%q", state.Name.ValueString())
	}
	left := tfx.Abandoned{
		Platform: "Cronofy",
		Object:   fmt.Sprintf("Cronofy application %s (client_id %s, data center %s)", name, state.ClientID.ValueString(), state.DataCenter.ValueString()),
		After:    "To remove it, " + dashboardDeleteStep(state.ClientID.ValueString()),
	}
	if req.Plan.Raw.IsNull() {
		tfx.PlanDeletion(ctx, req, resp, nil, left)
		return
	}
	var plan applicationModel
	if !tfx.Get(ctx, &resp.Diagnostics, req.Plan, &plan) {
		return
	}
	if state.DataCenter.IsNull() && (plan.DataCenter.IsNull() || plan.DataCenter.IsUnknown()) && r.client != nil {
		// Moved from restapi_object, whose state does not say: record the provider's
		// data center, as an import without one does.
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("data_center"), r.client.DataCenter())...)
	}
	replacedBy := tfx.ChangedAttributes(ctx, req, false, "name", "url", "data_center")
	replacedBy = append(replacedBy, tfx.ChangedAttributes(ctx, req, true, "rotate_when_changed")...)
	if len(removedURIs) > 0 {
		// Cronofy's verification call can add redirect URIs, never remove one.
		replacedBy = append(replacedBy, "redirect_uris")
	}
	tfx.PlanDeletion(ctx, req, resp, replacedBy, left)
}

func dashboardDeleteStep(clientID string) string {
	return fmt.Sprintf("delete it in the Cronofy developer dashboard: sign in to the organizational unit that owns it, open the application whose client ID is %s, and delete it there.", clientID)
}

func (m *applicationModel) object() string {
	return fmt.Sprintf("Cronofy application %q in data center %s", m.Name.ValueString(), m.DataCenter.ValueString())
}

func (r *applicationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan applicationModel
	ctx, cancel, ok := r.BeginCreate(ctx, req, resp, &plan, &plan.Timeouts)
	defer cancel()
	if !ok {
		return
	}

	if plan.DataCenter.IsNull() || plan.DataCenter.IsUnknown() {
		plan.DataCenter = types.StringValue(r.client.DataCenter())
	}
	dc := plan.DataCenter.ValueString()
	in := CreateInput{Name: plan.Name.ValueString(), URL: plan.URL.ValueString()}
	// No unique key and no lookup: a create whose outcome is unknown is reported,
	// never resent (a resend could create a second application).
	oc, err := tfx.Send(ctx, &resp.Diagnostics, tfx.CreateOnce{
		Op: r.op("create", &plan), ResourceType: resourceType, Secret: true, Help: orphanHelp(&plan),
	}, func(ctx context.Context) (*OAuthClient, error) { return r.client.Create(ctx, dc, in) })
	if resp.Diagnostics.HasError() {
		return
	}
	if err != nil {
		r.createError(&plan, err, &resp.Diagnostics)
		return
	}

	// The id and secret go into state as soon as the response is decoded
	// (CONTRIBUTING.md, State before follow-up calls).
	plan.ID = types.StringValue(oc.ClientID)
	plan.ClientID = types.StringValue(oc.ClientID)
	tfx.CreateSecret(&plan.Secret, oc.ClientSecret)
	plan.Verification = types.ObjectNull(verificationTypes)
	tfx.SaveState(ctx, &resp.Diagnostics, &resp.State, resp.Identity, &plan)
	if oc.Resent503 > 0 {
		// A 503 says the server did not handle the request, so the create was resent; a
		// server that stored the application and then answered 503 would now hold two, and
		// Cronofy has no unique key to tell. Never silent (CONTRIBUTING.md, Retries).
		resp.Diagnostics.AddWarning("Cronofy may hold an extra application",
			fmt.Sprintf("Cronofy answered %d create request(s) for %s with 503 Service Unavailable before it accepted one, so the provider resent the request. "+
				"A 503 normally means nothing was stored, but if Cronofy stored an application and still answered 503, it now holds an extra application named %q that Terraform does not manage. "+
				"Check the Cronofy dashboard (data center %s): keep the one whose client id is %s, and delete any other application of that name.",
				oc.Resent503, plan.object(), plan.Name.ValueString(), dc, oc.ClientID))
	}
	if resp.Diagnostics.HasError() {
		return
	}
	r.verifyAfterCreate(ctx, &plan, resp)
}

// orphanHelp completes the report of a create whose answer was lost. Cronofy has no
// unique key and no lookup, so the provider neither resends nor searches: the user
// checks the dashboard.
func orphanHelp(plan *applicationModel) string {
	dc := plan.DataCenter.ValueString()
	return fmt.Sprintf("Check the Cronofy dashboard: in the organizational unit of the Admin API key (data center %s), look for an application named %q. "+
		"If it is there, import it with `terraform import %s.<name> %s/<client_id>` and restore its client secret (shown in the dashboard) with client_secret_wo and client_secret_wo_version. "+
		"If it is not, apply again. The provider did not resend the create: Cronofy enforces no unique key and has no API to look applications up, so a resend could create a second application.",
		dc, plan.Name.ValueString(), resourceType, dc)
}

func (r *applicationResource) op(verb string, m *applicationModel) tfx.Op {
	return tfx.Op{Verb: verb, Object: m.object(), Credentials: "the cronofy block's admin_api_key (CRONOFY_ADMIN_API_KEY) and data_center"}
}

// fieldPaths maps Cronofy's 422 parameter names to attributes.
var fieldPaths = map[string]path.Path{"name": path.Root("name"), "url": path.Root("url")}

func (r *applicationResource) createError(plan *applicationModel, err error, diags *diag.Diagnostics) {
	op := r.op("create", plan)
	dc := plan.DataCenter.ValueString()
	host, _ := r.client.BaseURL(dc)
	switch transport.StatusOf(err) {
	case http.StatusUnprocessableEntity:
		fe := FieldErrors(err)
		params := make([]string, 0, len(fe))
		for p := range fe {
			params = append(params, p)
		}
		sort.Strings(params)
		unmapped := false
		for _, p := range params {
			attr, ok := fieldPaths[p]
			if !ok {
				unmapped = true
				continue
			}
			var msgs []string
			for _, e := range fe[p] {
				m := e.Description
				if e.Key != "" {
					m += " (" + e.Key + ")"
				}
				msgs = append(msgs, strings.TrimSpace(m))
			}
			diags.AddAttributeError(attr, fmt.Sprintf("Cronofy rejected %s", p),
				fmt.Sprintf("Could not create %s: Cronofy answered POST /v1/applications with HTTP 422 Unprocessable Entity.\n\nPlatform message: %s: %s\n\nFix: change %s so that Cronofy accepts it, then apply again.",
					op.Object, p, strings.Join(msgs, "; "), p))
		}
		if unmapped || len(params) == 0 {
			tfx.APIError(diags, op, err, "Change the arguments the message names, then apply again.")
		}
	case http.StatusUnauthorized:
		tfx.APIError(diags, op, err, fmt.Sprintf("Cronofy did not recognise the Admin API key. Check admin_api_key in the cronofy block (or CRONOFY_ADMIN_API_KEY): "+
			"that it is an Admin API key (not an OAuth client secret or access token), that it has not been revoked in the dashboard, and that it was created in data center %q (%s). "+
			"A key works only in the data center where it was created: set data_center on the resource, or in the cronofy block (CRONOFY_DATA_CENTER), to the key's data center.", dc, host))
	case http.StatusPaymentRequired:
		tfx.APIError(diags, op, err, "Cronofy's answer means the plan lacks this feature: provisioning applications through the Admin API needs a plan that includes it. "+
			"Check the plan of the organization that owns the Admin API key in the Cronofy dashboard, or ask Cronofy to enable the Admin API, then apply again.")
	case http.StatusForbidden:
		tfx.APIError(diags, op, err, "Cronofy recognised the Admin API key but it lacks the privilege to provision applications. Check the organizational unit the key belongs to "+
			"(keys are created per organizational unit, in the dashboard's Admin API section, and applications are provisioned into that unit) and that the key is allowed to provision applications there; "+
			"create a key in the right organizational unit if needed.")
	default:
		tfx.APIError(diags, op, err, "")
	}
}

// Read cannot ask Cronofy anything: there is no read API. The state stays as it is,
// and no request is sent.
func (r *applicationResource) Read(ctx context.Context, _ resource.ReadRequest, resp *resource.ReadResponse) {
	// The state stays as it is; state written before identities existed gets one.
	tfx.SetIdentity(ctx, &resp.Diagnostics, resp.State, resp.Identity)
}

// Update records values without an API call: client_secret_wo (when its version
// changes), after an import the configured name and url, and after a move the data
// center. Its one call is verification, when redirect_uris grew or the contact
// changed (application_verify.go). Every other change replaces the application.
func (r *applicationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state applicationModel
	if !tfx.Get(ctx, &resp.Diagnostics, req.Plan, &plan) || !tfx.Get(ctx, &resp.Diagnostics, req.State, &state) {
		return
	}
	plan.ID, plan.ClientID = state.ID, state.ClientID
	if !state.DataCenter.IsNull() || plan.DataCenter.IsUnknown() {
		plan.DataCenter = state.DataCenter
	}
	resp.Diagnostics.Append(tfx.ApplySecretWO(ctx, req.Config, &state.Secret, &plan.Secret)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.verifyOnUpdate(ctx, &plan, &state, resp)
	if resp.Diagnostics.HasError() {
		return
	}
	tfx.SaveState(ctx, &resp.Diagnostics, &resp.State, resp.Identity, &plan)
}

// Delete cannot delete on Cronofy: there is no delete API. The resource leaves state
// (the framework removes it) with a warning saying what to do in the dashboard.
func (r *applicationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state applicationModel
	if !tfx.Get(ctx, &resp.Diagnostics, req.State, &state) {
		return
	}
	// Cronofy has no delete API: the plan already warned that the application stays
	// on the platform (deletion_policy), so the destroy only forgets it, quietly.
	tflog.Info(ctx, "Cronofy application left on the platform (no delete API)", map[string]any{"client_id": state.ClientID.ValueString()})
	resp.State.RemoveResource(ctx)
}

var clientIDRe = regexp.MustCompile(`^[^\s/]+$`)

// importByID is the resource's ImportState (tfx.WithImportByID): `<client_id>` (the
// provider's data center) or `<data_center>/<client_id>`, stored unverified (no API
// can read it). A secret never belongs in an import id: Terraform prints import ids.
var importByID = tfx.WithImportByID{
	ResourceType: resourceType,
	Object:       "a Cronofy application",
	IDFormat:     "its client id, as `<client_id>` (the provider's data center) or `<data_center>/<client_id>` with data_center one of " + strings.Join(DataCenters(), ", "),
	Example:      "<data_center>/<client_id>",
	Secret:       true,
}

// identity is the resource identity (tfx.WithIdentity): `import { identity = {...} }`
// on Terraform 1.12+ and OpenTofu 1.12+, and what list results carry.
var identity = tfx.WithIdentity{IdentityAttributes: []tfx.IdentityAttribute{{Name: "data_center", Description: "The Cronofy data center the application lives in (au, ca, de, sg, uk, us)."}, {Name: "client_id", Description: "The application's OAuth client id."}}}

// parseImportID splits an import id into the attributes it sets.
func (r *applicationResource) parseImportID(id, usage string, diags *diag.Diagnostics) map[string]string {
	parts := strings.Split(id, "/")
	var dc, clientID string
	switch len(parts) {
	case 1:
		clientID = parts[0]
		if r.client == nil {
			diags.AddError("Cannot tell the data center", "The cronofy provider block is not configured, so the import id must name the data center: `<data_center>/<client_id>`.\n\n"+usage)
			return nil
		}
		dc = r.client.DataCenter()
	case 2:
		dc, clientID = parts[0], parts[1]
		if _, ok := hosts[dc]; !ok {
			diags.AddError("Invalid import id", fmt.Sprintf("%q is not a Cronofy data center.\n\n%s", tfx.Truncate(dc, 24), usage))
			return nil
		}
	default:
		diags.AddError("Invalid import id", fmt.Sprintf("The id %q has more than one slash.\n\n%s", tfx.Truncate(id, 24), usage))
		return nil
	}
	if !clientIDRe.MatchString(clientID) {
		diags.AddError("Invalid import id", fmt.Sprintf("The client id %q is empty or contains white space or a slash.\n\n%s", tfx.Truncate(clientID, 24), usage))
		return nil
	}
	return map[string]string{"id": clientID, "client_id": clientID, "data_center": dc}
}

// homepageURL validates url: an absolute http or https URI with a host.
var homepageURL = tfx.StringCheck(
	"must be an absolute http or https URI (the application's homepage, not an OAuth redirect URI)",
	func(p path.Path, raw string) diag.Diagnostic {
		u, err := url.Parse(raw)
		if err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && !strings.ContainsAny(raw, " \t\r\n") {
			return nil
		}
		return diag.NewAttributeErrorDiagnostic(p, "Invalid Cronofy application URL",
			fmt.Sprintf("url %q must be an absolute http or https URI, such as https://app.example.com. It is the application's homepage-like URL shown by Cronofy, not an OAuth redirect URI.", raw))
	})

// MoveState takes over a restapi_object that provisioned the application (a moved
// block, Terraform 1.8+): the client id ImportState takes, name and url from what
// restapi sent (Cronofy cannot be read, so they come from nowhere else), and the
// secret from restapi's create_response. restapi's state does not say which data
// center the application is in: data_center is recorded from the configuration or
// the provider on the next apply, without replacement.
func (r *applicationResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{tfx.RestapiMove{
		ResourceType: resourceType,
		Object:       "a Cronofy application",
		PathHint:     "application",
		IDKeys:       []string{"oauth_client/client_id", "client_id"},
		ValidID:      clientIDRe.MatchString,
		IDFormat:     "its client id, as `<client_id>` or `<data_center>/<client_id>`",
		SecretKeys:   []string{"oauth_client/client_secret", "client_secret"},
		Fill: func(o *tfx.RestapiObject, id string, t *tfx.MoveTarget) {
			t.Set("client_id", types.StringValue(id))
			t.String("name", o.Data("name"))
			t.String("url", o.Data("url"))
		},
	}.StateMover()}
}
