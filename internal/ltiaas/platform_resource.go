package ltiaas

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

var _ tfx.Resource = &platformResource{}

const resourceType = "registrar_ltiaas_platform"

// NewPlatformResource returns the registrar_ltiaas_platform resource.
func NewPlatformResource() resource.Resource {
	return &platformResource{ResourceBase: tfx.ResourceBase{
		WithTimeouts:   tfx.WithTimeouts{TimeoutUpdate: true, TimeoutDelete: true},
		WithImportByID: importByID,
		WithIdentity:   identity,
		TypeSuffix:     "_ltiaas_platform",
	}}
}

type platformResource struct {
	tfx.ResourceBase
	client *Client
}

type platformModel struct {
	platformFields
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// platformFields are the fields of an LTIaaS platform registration that the resource
// and the data source share.
type platformFields struct {
	ID                     types.String `tfsdk:"id"`
	URL                    types.String `tfsdk:"url"`
	ClientID               types.String `tfsdk:"client_id"`
	Name                   types.String `tfsdk:"name"`
	AuthenticationEndpoint types.String `tfsdk:"authentication_endpoint"`
	AccessTokenEndpoint    types.String `tfsdk:"access_token_endpoint"`
	AuthConfig             types.Object `tfsdk:"auth_config"`
	AuthorizationServer    types.String `tfsdk:"authorization_server"`
	Active                 types.Bool   `tfsdk:"active"`
	PublicKey              types.String `tfsdk:"public_key"`
}

var objectAsOptions = basetypes.ObjectAsOptions{}

var authConfigTypes = map[string]attr.Type{"method": types.StringType, "key": types.StringType}

// decisions documents the "unknowns" of contributing/platform-apis.md and how the provider reads them.
const decisions = `

**Behaviour where the LTIaaS docs are silent** (the provider takes the safe reading):

* **Existing registrations are never taken over.** LTIaaS, like ltijs, probably *updates* a registration when the same
  (` + "`url`, `client_id`" + `) is POSTed again. Before creating, the provider looks the pair up and fails with the existing
  platform's id and the import command when it is already registered.
* **Lost create responses.** The create is not resent blindly: the provider looks the pair up; when the platform exists,
  it reports its id and the import command; when it is certainly absent, it sends the create once more.
* **Path prefix.** ` + "`/admin/platforms`" + ` by default; set ` + "`path_prefix = \"/api\"`" + ` in the provider's ` + "`ltiaas`" + ` block for accounts on the
  older ` + "`/api/platforms`" + ` paths.
* **Not found.** A 404 on read is confirmed with ` + "`GET /platforms?id=`" + `: only an empty list removes the platform from state
  (so a wrong path prefix is reported instead of dropping every platform). A 404 on delete, confirmed the same way, counts as deleted.
* **Collisions.** Changing ` + "`url`/`client_id`" + ` to a pair another platform holds fails with
  ` + "`URL_CLIENT_ID_COMBINATION_ALREADY_EXISTS`" + ` whatever its HTTP status (400 or 409), and the diagnostic names that platform.
* **Updates merge, and ` + "`authorization_server`" + ` is cleared with an empty string.** The open-source core behind LTIaaS keeps
  every field an update leaves out and changes ` + "`authorizationServer`" + ` only when it is present, so the update body always
  carries it: ` + "`\"\"`" + ` when the argument is not set, which clears a value set earlier (in Terraform or in the portal).
* **Default ` + "`authorization_server`" + `.** LTIaaS reports the access token endpoint (ltijs's default audience) when none is
  set. That value stays null in state when neither the configuration nor the prior state has one; a configured value that
  equals the access token endpoint is kept as configured.
* **` + "`active`" + `** is never sent in the create or update body; it changes only through the activate and deactivate calls,
  made after the create (also when LTIaaS does not auto-activate) and after an update.
`

var urlValidators = []validator.String{tfx.URL(tfx.URLOptions{HTTPSOnly: true})}

func (r *platformResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An LTI 1.3 platform registration (an LMS such as Canvas, Moodle or Brightspace) on LTIaaS. " +
			"Nothing here is secret: `auth_config.key` and `public_key` are public keys or key URLs. " +
			"Every argument is updated in place (PUT with the complete registration); `active` goes through activate/deactivate." + decisions,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The platform id LTIaaS assigned (32 hexadecimal characters).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"url": schema.StringAttribute{
				MarkdownDescription: "The platform's issuer (`iss`), such as `https://canvas.instructure.com`: an absolute https URL (http only for loopback hosts). With `client_id` it identifies the registration; changing it updates the registration in place.",
				Required:            true,
				Validators:          urlValidators,
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "The client id the LMS issued to the tool. Changing it updates the registration in place.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "A display name for the platform.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"authentication_endpoint": schema.StringAttribute{
				MarkdownDescription: "The LMS's OIDC authentication (authorization) endpoint: an absolute https URL (http only for loopback hosts).",
				Required:            true,
				Validators:          urlValidators,
			},
			"access_token_endpoint": schema.StringAttribute{
				MarkdownDescription: "The LMS's OAuth2 access token endpoint (the API's `accesstokenEndpoint`): an absolute https URL (http only for loopback hosts).",
				Required:            true,
				Validators:          urlValidators,
			},
			"auth_config": schema.SingleNestedAttribute{
				MarkdownDescription: "How LTIaaS verifies the messages the platform signs.",
				Required:            true,
				Attributes: map[string]schema.Attribute{
					"method": schema.StringAttribute{
						MarkdownDescription: "`JWK_SET` (a URL of the platform's key set, the usual choice), `JWK_KEY` (one JSON Web Key) or `RSA_KEY` (a PEM RSA public key).",
						Required:            true,
						Validators:          []validator.String{stringvalidator.OneOf(Methods...)},
					},
					"key": schema.StringAttribute{
						MarkdownDescription: "For `JWK_SET`, the key set's https URL; for `JWK_KEY`, a JSON object with a `kty` member (use `jsonencode`); for `RSA_KEY`, a PEM public key (`-----BEGIN PUBLIC KEY-----` or `-----BEGIN RSA PUBLIC KEY-----`). Public material, checked at plan time; private keys are refused.",
						Required:            true,
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
				},
				Validators: []validator.Object{authConfigValidator{}},
			},
			"authorization_server": schema.StringAttribute{
				MarkdownDescription: "The audience (`aud`) the tool uses in token requests, when the LMS needs one other than its access token endpoint (Brightspace, for example). Optional; not in the LTIaaS docs (ltijs and the Node SDK have it).",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"active": schema.BoolAttribute{
				MarkdownDescription: "Whether the registration may launch (default `true`). Changes go through LTIaaS's activate and deactivate calls.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"public_key": schema.StringAttribute{
				MarkdownDescription: "The PEM public key LTIaaS generated for this registration; give it to the LMS (or point it at the tool's JWKS). Public, not a secret.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": r.TimeoutsBlock(ctx),
		},
	}
}

func (r *platformResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = providerdata.ResourceClient[*Client](req, resp, "ltiaas")
	if r.client != nil {
		r.CredentialCheck = r.client.credentialCheck()
	}
}

func (m *platformModel) object() string {
	if id := m.ID.ValueString(); id != "" {
		return fmt.Sprintf("LTIaaS platform %s %q (url %s, client_id %s)", id, m.Name.ValueString(), m.URL.ValueString(), m.ClientID.ValueString())
	}
	return fmt.Sprintf("LTIaaS platform %q (url %s, client_id %s)", m.Name.ValueString(), m.URL.ValueString(), m.ClientID.ValueString())
}

func (m *platformModel) op(verb string) tfx.Op {
	return tfx.Op{Verb: verb, Object: m.object(), Credentials: credentialsHint}
}

func (m *platformModel) input(ctx context.Context) (Input, diag.Diagnostics) {
	var ac struct {
		Method types.String `tfsdk:"method"`
		Key    types.String `tfsdk:"key"`
	}
	diags := m.AuthConfig.As(ctx, &ac, objectAsOptions)
	return Input{
		URL: m.URL.ValueString(), ClientID: m.ClientID.ValueString(), Name: m.Name.ValueString(),
		AuthenticationEndpoint: m.AuthenticationEndpoint.ValueString(),
		AccesstokenEndpoint:    m.AccessTokenEndpoint.ValueString(),
		AuthConfig:             AuthConfig{Method: ac.Method.ValueString(), Key: ac.Key.ValueString()},
		AuthorizationServer:    m.AuthorizationServer.ValueString(),
	}, diags
}

// fill copies what LTIaaS returned into the fields.
func (m *platformFields) fill(p *Registration) {
	m.ID = types.StringValue(p.ID)
	m.URL = types.StringValue(p.URL)
	m.ClientID = types.StringValue(p.ClientID)
	m.Name = types.StringValue(p.Name)
	m.AuthenticationEndpoint = types.StringValue(p.AuthenticationEndpoint)
	m.AccessTokenEndpoint = types.StringValue(p.AccesstokenEndpoint)
	m.AuthConfig = authConfigValue(p.AuthConfig)
	m.AuthorizationServer = authorizationServer(m.AuthorizationServer, p)
	m.Active = types.BoolValue(p.Active)
	m.PublicKey = types.StringValue(p.PublicKey)
}

func authConfigValue(ac AuthConfig) types.Object {
	return types.ObjectValueMust(authConfigTypes, map[string]attr.Value{
		"method": types.StringValue(ac.Method), "key": types.StringValue(ac.Key),
	})
}

// authorizationServer keeps an unset authorization_server null when LTIaaS reports
// nothing or ltijs's default (the access token endpoint).
func authorizationServer(prior types.String, p *Registration) types.String {
	switch {
	case p.AuthorizationServer == "":
		return types.StringNull()
	case prior.IsNull() && p.AuthorizationServer == p.AccesstokenEndpoint:
		return types.StringNull()
	}
	return types.StringValue(p.AuthorizationServer)
}

func importHint(id string) string {
	return fmt.Sprintf("`terraform import %s.<name> %s`, or an import block:\n\n  import {\n    to = %s.<name>\n    id = %q\n  }", resourceType, id, resourceType, id)
}

func (r *platformResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan platformModel
	ctx, cancel, ok := r.BeginCreate(ctx, req, resp, &plan, &plan.Timeouts)
	defer cancel()
	if !ok {
		return
	}
	in, diags := plan.input(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	// A POST onto an existing (url, clientId) would update that registration: look first.
	existing, err := r.client.Find(ctx, in.URL, in.ClientID)
	if err != nil {
		tfx.APIError(&resp.Diagnostics, tfx.Op{Verb: "look up", Object: plan.object() + " before creating it", Credentials: credentialsHint}, err, "")
		return
	}
	if existing != nil {
		resp.Diagnostics.AddAttributeError(path.Root("client_id"), "LTIaaS platform already registered",
			fmt.Sprintf("LTIaaS already holds a registration for url %s and client_id %s: %s. The provider does not take over an existing registration (a create would overwrite it).\n\n"+
				"Fix: bring it under Terraform with %s\n\nor change url/client_id, or delete the existing registration in LTIaaS.",
				in.URL, in.ClientID, existing, importHint(existing.ID)))
		return
	}

	// (url, clientId) is the unique key: a create whose outcome is unknown is looked
	// up by it, and resent only when it is certainly absent.
	p, err := tfx.Send(ctx, &resp.Diagnostics, tfx.CreateOnce{
		Op: plan.op("create"), ResourceType: resourceType,
		Find: func(ctx context.Context) (string, error) {
			found, err := r.client.Find(ctx, in.URL, in.ClientID)
			if err != nil || found == nil {
				return "", err
			}
			return found.ID, nil
		},
		IsDuplicate: IsConflict,
	}, func(ctx context.Context) (*Registration, error) { return r.client.Create(ctx, in) })
	if resp.Diagnostics.HasError() {
		return
	}
	if err != nil {
		r.createError(ctx, &plan, in, err, &resp.Diagnostics)
		return
	}

	// The id goes into state as soon as the response is decoded
	// (CONTRIBUTING.md, State before follow-up calls).
	wantActive := plan.Active.ValueBool()
	plan.fill(p)
	tfx.SaveState(ctx, &resp.Diagnostics, &resp.State, resp.Identity, &plan)
	if resp.Diagnostics.HasError() || p.Active == wantActive {
		return
	}
	if err := r.client.SetActive(ctx, p.ID, wantActive); err != nil {
		// A warning, not an error: an error would taint the registration and the next
		// apply would replace it (new id and public_key). The state records the real
		// active value, so the next plan shows an in-place update that retries the call.
		tfx.APIWarning(&resp.Diagnostics, plan.op(activeVerb(wantActive)), err,
			"The platform was created (id "+p.ID+") and is in state with active = "+fmt.Sprint(p.Active)+". Apply again: the plan shows active changing in place, and the provider retries the "+activeVerb(wantActive)+" call.")
		return
	}
	plan.Active = types.BoolValue(wantActive)
	tfx.SaveState(ctx, &resp.Diagnostics, &resp.State, resp.Identity, &plan)
}

func activeVerb(active bool) string {
	if active {
		return "activate"
	}
	return "deactivate"
}

func (r *platformResource) createError(ctx context.Context, plan *platformModel, in Input, err error, diags *diag.Diagnostics) {
	if IsConflict(err) {
		// A service that refuses a repeated POST (instead of upserting it).
		existing, _ := r.client.Find(ctx, in.URL, in.ClientID)
		id := ""
		if existing != nil {
			id = existing.ID
		}
		fix := fmt.Sprintf("Another registration holds url %s and client_id %s", in.URL, in.ClientID)
		if id != "" {
			fix += fmt.Sprintf(" (id %s). Import it with %s", id, importHint(id))
		} else {
			fix += "; import it or change url/client_id."
		}
		tfx.APIError(diags, plan.op("create"), err, fix)
		return
	}
	fieldError(diags, err)
	tfx.APIError(diags, plan.op("create"), err, "")
}

// fieldError points a validation error of LTIaaS at the attribute it concerns.
func fieldError(diags *diag.Diagnostics, err error) {
	if StatusOfClientError(err) != 400 {
		return
	}
	switch ErrorCode(err) {
	case "INVALID_AUTHCONFIG_METHOD":
		diags.AddAttributeError(path.Root("auth_config").AtName("method"), "LTIaaS rejected auth_config.method", "Use one of "+strings.Join(Methods, ", ")+".")
	case "MISSING_AUTHCONFIG_KEY":
		diags.AddAttributeError(path.Root("auth_config").AtName("key"), "LTIaaS rejected auth_config.key", "auth_config.key must not be empty.")
	case "MISSING_PLATFORM_URL_OR_CLIENTID":
		diags.AddAttributeError(path.Root("url"), "LTIaaS rejected url or client_id", "Both url and client_id must be set.")
	}
}

func (r *platformResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state platformModel
	if !tfx.Get(ctx, &resp.Diagnostics, req.State, &state) {
		return
	}
	id := state.ID.ValueString()
	p, err := r.client.Lookup(ctx, id)
	if err != nil {
		tfx.APIError(&resp.Diagnostics, tfx.Op{Verb: "read", Object: fmt.Sprintf("LTIaaS platform %s", id), Credentials: credentialsHint}, err, "")
		return
	}
	if p == nil {
		tfx.Gone(ctx, resp, fmt.Sprintf("LTIaaS platform %s (url %s, client_id %s)", id, state.URL.ValueString(), state.ClientID.ValueString()), "LTIaaS")
		return
	}
	state.fill(p)
	tfx.SaveState(ctx, &resp.Diagnostics, &resp.State, resp.Identity, &state)
}

func (r *platformResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state platformModel
	ctx, cancel, ok := r.BeginUpdate(ctx, req, resp, &plan, &state, &plan.Timeouts)
	defer cancel()
	if !ok {
		return
	}
	id := state.ID.ValueString()
	wantActive := plan.Active.ValueBool()
	in, diags := plan.input(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	current := state
	if !plan.URL.Equal(state.URL) || !plan.ClientID.Equal(state.ClientID) || !plan.Name.Equal(state.Name) ||
		!plan.AuthenticationEndpoint.Equal(state.AuthenticationEndpoint) || !plan.AccessTokenEndpoint.Equal(state.AccessTokenEndpoint) ||
		!plan.AuthConfig.Equal(state.AuthConfig) || !plan.AuthorizationServer.Equal(state.AuthorizationServer) {
		p, err := r.client.Update(ctx, id, in)
		if err != nil {
			r.updateError(ctx, &plan, id, in, err, &resp.Diagnostics)
			return
		}
		current.AuthorizationServer = plan.AuthorizationServer
		current.fill(p)
		current.Timeouts = plan.Timeouts
		tfx.SaveState(ctx, &resp.Diagnostics, &resp.State, resp.Identity, &current)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	current.Timeouts = plan.Timeouts
	if current.Active.ValueBool() != wantActive {
		if err := r.client.SetActive(ctx, id, wantActive); err != nil {
			tfx.APIError(&resp.Diagnostics, plan.op(activeVerb(wantActive)), err, "")
			return
		}
		current.Active = types.BoolValue(wantActive)
	}
	tfx.SaveState(ctx, &resp.Diagnostics, &resp.State, resp.Identity, &current)
}

func (r *platformResource) updateError(ctx context.Context, plan *platformModel, id string, in Input, err error, diags *diag.Diagnostics) {
	if IsCollision(err) || IsConflict(err) {
		fix := fmt.Sprintf("Another LTIaaS platform is already registered with url %s and client_id %s", in.URL, in.ClientID)
		if other, lerr := r.client.Find(ctx, in.URL, in.ClientID); lerr == nil && other != nil && other.ID != id {
			fix = fmt.Sprintf("The url and client_id pair (%s, %s) belongs to another LTIaaS platform: %s", in.URL, in.ClientID, other)
		}
		fix += ". Choose another url/client_id, or delete or change that platform first."
		tfx.APIError(diags, plan.op("update"), err, fix)
		return
	}
	if transport.IsNotFound(err) {
		tfx.APIError(diags, plan.op("update"), err, fmt.Sprintf("Platform %s no longer exists in LTIaaS (or path_prefix is wrong); run `terraform apply -refresh-only` or apply again to register it anew.", id))
		return
	}
	fieldError(diags, err)
	tfx.APIError(diags, plan.op("update"), err, "")
}

func (r *platformResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state platformModel
	ctx, cancel, ok := r.BeginDelete(ctx, req, resp, &state, &state.Timeouts)
	defer cancel()
	if !ok {
		return
	}
	if err := r.client.Delete(ctx, state.ID.ValueString()); err != nil {
		tfx.APIError(&resp.Diagnostics, state.op("delete"), err, "")
	}
}

var importID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$`)

// importByID is the resource's ImportState (tfx.WithImportByID): the platform id
// (32 hexadecimal characters in LTIaaS's examples; letters, digits, '-' and '_' are
// accepted).
var importByID = tfx.WithImportByID{
	ResourceType: resourceType,
	Object:       "an LTIaaS platform",
	IDFormat:     "its platform id",
	Example:      "0123456789abcdef0123456789abcdef",
	Valid:        importID.MatchString,
	Hint:         "Find the id in the LTIaaS portal or with the registrar_ltiaas_platform data source (by url and client_id).",
}

// identity is the resource identity (tfx.WithIdentity): `import { identity = {...} }`
// on Terraform 1.12+ and OpenTofu 1.12+, and what list results carry.
var identity = tfx.WithIdentity{IdentityAttributes: []tfx.IdentityAttribute{{Name: "id", Description: "The platform registration's LTIaaS id."}}}

// MoveState takes over a restapi_object that registered the platform (a moved block,
// Terraform 1.8+): the id ImportState takes and the arguments restapi sent; the
// refresh that follows reads the rest. There is no secret to carry over.
func (r *platformResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{tfx.RestapiMove{
		ResourceType: resourceType,
		Object:       "an LTIaaS platform registration",
		PathHint:     "platform",
		IDKeys:       []string{"id"},
		ValidID:      importID.MatchString,
		IDFormat:     `its LTIaaS platform id, such as "0123456789abcdef0123456789abcdef"`,
		Fill: func(o *tfx.RestapiObject, _ string, t *tfx.MoveTarget) {
			t.String("url", o.Data("url"))
			t.String("client_id", o.Data("clientId"))
			t.String("name", o.Data("name"))
			t.String("authentication_endpoint", o.Data("authenticationEndpoint"))
			t.String("access_token_endpoint", o.Data("accesstokenEndpoint"))
			t.String("auth_config.method", o.Data("authConfig/method"))
			t.String("auth_config.key", o.Data("authConfig/key"))
			// Only when configured: LTIaaS reports its default (the token endpoint)
			// otherwise, which Read keeps null.
			t.String("authorization_server", o.Data("authorizationServer"))
			t.Bool("active", o.Data("active"))
			t.String("public_key", o.Answer("publicKey"))
		},
	}.StateMover()}
}
