package cronofy

// The verification follow-up: "Verify an existing application" adds redirect URIs
// (it can never remove one), sets the contact and moves the application into
// production mode. The resource calls it after the create (state saved first) and
// again, in place, when redirect_uris grows or the contact changes; removing a URI
// replaces the application. The computed `verification` records what Cronofy
// accepted, so a failed call shows up in the next plan and is retried.

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
)

var objectAsOptions = basetypes.ObjectAsOptions{}

var verificationTypes = map[string]attr.Type{
	"redirect_uris":        types.SetType{ElemType: types.StringType},
	"contact_email":        types.StringType,
	"contact_display_name": types.StringType,
}

// verificationAttributes are the schema attributes of the verification call.
func verificationAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"redirect_uris": schema.SetAttribute{
			MarkdownDescription: "OAuth redirect URIs to register (absolute `https` URLs, no fragment). Setting it also moves the application into **production mode**: " +
				"after the create, the provider calls Cronofy's \"Verify an existing application\" (`POST /v1/application_verification`, prerelease, authenticated with the application's client secret). " +
				"Adding URIs, or changing the contact, calls it again in place with the full set. Cronofy can add redirect URIs but never remove one, so **removing a URI replaces the application** " +
				"(a second one is provisioned; the old one stays in Cronofy). Requires `contact_email`.",
			ElementType: types.StringType,
			Optional:    true,
			Validators: []validator.Set{
				setvalidator.SizeAtLeast(1),
				setvalidator.ValueStringsAre(redirectURI),
				setvalidator.AlsoRequires(path.MatchRoot("contact_email")),
			},
			PlanModifiers: []planmodifier.Set{setplanmodifier.RequiresReplaceIf(removesVerifiedURI,
				"Removing a redirect URI Cronofy has accepted replaces the application: the verification call can only add.",
				"Removing a redirect URI Cronofy has accepted replaces the application: the verification call can only add.")},
		},
		"contact_email": schema.StringAttribute{
			MarkdownDescription: "The contact email sent with the verification call. Required with `redirect_uris`, and used only with it; a change calls verification again, in place.",
			Optional:            true,
			Validators: []validator.String{
				stringvalidator.RegexMatches(regexp.MustCompile(`^[^\s@]+@[^\s@]+\.[^\s@]+$`), "must be an email address"),
				stringvalidator.AlsoRequires(path.MatchRoot("redirect_uris")),
			},
		},
		"contact_display_name": schema.StringAttribute{
			MarkdownDescription: "The contact's display name sent with the verification call. Optional, used only with `redirect_uris`; a change calls verification again, in place.",
			Optional:            true,
			Validators: []validator.String{
				stringvalidator.LengthAtLeast(1),
				stringvalidator.AlsoRequires(path.MatchRoot("redirect_uris")),
			},
		},
		"verification": schema.SingleNestedAttribute{
			MarkdownDescription: "What Cronofy accepted through the verification call: every redirect URI the provider has added (they are never removed) and the last contact sent. " +
				"Null until a call succeeds. When a call fails, this keeps the last accepted values, so the next plan shows an update that retries it.",
			Computed: true,
			Attributes: map[string]schema.Attribute{
				"redirect_uris":        schema.SetAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: "The redirect URIs added to the application."},
				"contact_email":        schema.StringAttribute{Computed: true, MarkdownDescription: "The contact email of the last accepted call."},
				"contact_display_name": schema.StringAttribute{Computed: true, MarkdownDescription: "The contact display name of the last accepted call (null when none was sent)."},
			},
			PlanModifiers: []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
		},
	}
}

// verified is the verification attribute as Go values.
type verified struct {
	URIs        []string
	Email, Name string
}

func verifiedOf(ctx context.Context, o types.Object) (*verified, diag.Diagnostics) {
	if o.IsNull() || o.IsUnknown() {
		return nil, nil
	}
	var m struct {
		RedirectURIs types.Set    `tfsdk:"redirect_uris"`
		Email        types.String `tfsdk:"contact_email"`
		Name         types.String `tfsdk:"contact_display_name"`
	}
	diags := o.As(ctx, &m, objectAsOptions)
	uris, d := tfx.StringsFromSet(ctx, m.RedirectURIs)
	diags.Append(d...)
	return &verified{URIs: uris, Email: m.Email.ValueString(), Name: m.Name.ValueString()}, diags
}

func (v *verified) object() types.Object {
	if v == nil {
		return types.ObjectNull(verificationTypes)
	}
	name := types.StringNull()
	if v.Name != "" {
		name = types.StringValue(v.Name)
	}
	return types.ObjectValueMust(verificationTypes, map[string]attr.Value{
		"redirect_uris":        tfx.SetFromStrings(v.URIs, false),
		"contact_email":        types.StringValue(v.Email),
		"contact_display_name": name,
	})
}

// missing returns the verified URIs that uris lacks (sorted).
func (v *verified) missing(uris []string) []string {
	if v == nil {
		return nil
	}
	have := map[string]bool{}
	for _, u := range uris {
		have[u] = true
	}
	var out []string
	for _, u := range v.URIs {
		if !have[u] {
			out = append(out, u)
		}
	}
	sort.Strings(out)
	return out
}

// covers reports whether the configured URIs and contact are what Cronofy accepted.
func (v *verified) covers(uris []string, email, name string) bool {
	if v == nil || v.Email != email || v.Name != name {
		return false
	}
	have := map[string]bool{}
	for _, u := range v.URIs {
		have[u] = true
	}
	for _, u := range uris {
		if !have[u] {
			return false
		}
	}
	return true
}

// removesVerifiedURI replaces the application when the planned redirect_uris lack a
// URI Cronofy has accepted (after an import nothing is known to be accepted).
func removesVerifiedURI(ctx context.Context, req planmodifier.SetRequest, resp *setplanmodifier.RequiresReplaceIfFuncResponse) {
	if req.PlanValue.IsUnknown() {
		return
	}
	var o types.Object
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("verification"), &o)...)
	v, d := verifiedOf(ctx, o)
	resp.Diagnostics.Append(d...)
	planned, d := tfx.StringsFromSet(ctx, req.PlanValue)
	resp.Diagnostics.Append(d...)
	resp.RequiresReplace = len(v.missing(planned)) > 0
}

// planVerification runs in ModifyPlan. It plans `verification` unknown when the
// apply will call Cronofy (null when it never will), refuses a plan whose call has
// no secret to authenticate with, and returns the redirect URIs whose removal
// replaces the application (for the replacement warning).
func planVerification(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) (removed []string) {
	var uris types.Set
	var email, name, secret types.String
	var prior types.Object
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("redirect_uris"), &uris)...)
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("contact_email"), &email)...)
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("contact_display_name"), &name)...)
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("client_secret"), &secret)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("verification"), &prior)...)
	}
	if resp.Diagnostics.HasError() {
		return nil
	}
	if req.State.Raw.IsNull() {
		if uris.IsNull() {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("verification"), types.ObjectNull(verificationTypes))...)
		} else {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("verification"), types.ObjectUnknown(verificationTypes))...)
		}
		return nil
	}
	v, d := verifiedOf(ctx, prior)
	resp.Diagnostics.Append(d...)
	if uris.IsNull() {
		if v != nil {
			removed = v.missing(nil)
		}
		return removed
	}
	need := uris.IsUnknown() || email.IsUnknown() || name.IsUnknown()
	if !uris.IsUnknown() {
		planned, d := tfx.StringsFromSet(ctx, uris)
		resp.Diagnostics.Append(d...)
		removed = v.missing(planned)
		need = need || !v.covers(planned, email.ValueString(), name.ValueString())
	}
	if !need {
		return removed
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("verification"), types.ObjectUnknown(verificationTypes))...)
	if len(removed) == 0 && secret.IsNull() {
		var clientID types.String
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("client_id"), &clientID)...)
		resp.Diagnostics.AddAttributeError(path.Root("redirect_uris"), "Cronofy client secret needed for verification",
			fmt.Sprintf("Registering redirect_uris (or changing the contact) of Cronofy application %s calls Cronofy's verification API, which is authenticated with the application's own client secret, "+
				"but the state has none (the application was imported, or moved, and its secret not restored yet).\n\n"+
				"Fix: copy the client secret from the Cronofy developer dashboard and restore it in the same apply: set client_secret_wo to it (from a sensitive variable) and set or change client_secret_wo_version. "+
				"Or remove redirect_uris and the contact until the secret is restored.", clientID.ValueString()))
	}
	return removed
}

// verifyInput builds the call's body from the planned values.
func (m *applicationModel) verifyInput(ctx context.Context) (VerifyInput, diag.Diagnostics) {
	uris, diags := tfx.StringsFromSet(ctx, m.RedirectURIs)
	sort.Strings(uris)
	return VerifyInput{RedirectURIs: uris, Contact: Contact{Email: m.ContactEmail.ValueString(), DisplayName: m.ContactDisplayName.ValueString()}}, diags
}

// verify calls verification with the planned URIs and contact and the secret in
// plan; it returns what Cronofy now holds (the URIs accepted before and now), or
// the error, already turned into diagnostics in diags.
func (r *applicationResource) verify(ctx context.Context, plan *applicationModel, prior *verified, diags *diag.Diagnostics) (*verified, bool) {
	in, d := plan.verifyInput(ctx)
	diags.Append(d...)
	if d.HasError() {
		return nil, false
	}
	op := tfx.Op{Verb: "verify", Object: plan.object() + " (client_id " + plan.ClientID.ValueString() + ")",
		Credentials: "the application's client secret in state (client_secret)"}
	if plan.ClientSecret.IsNull() || plan.ClientSecret.ValueString() == "" {
		diags.AddAttributeError(path.Root("redirect_uris"), "Cronofy client secret needed for verification",
			"The verification call is authenticated with the application's client secret, and the state has none. Restore it with client_secret_wo and client_secret_wo_version, then apply again.")
		return nil, false
	}
	err := r.client.Verify(ctx, plan.DataCenter.ValueString(), plan.ClientSecret.ValueString(), in)
	if err != nil {
		fix := "Nothing was lost: the application is in state, and the next plan shows the verification again (the `verification` attribute differs from redirect_uris); apply again to retry it."
		if IsUnauthorized(err) {
			fix = fmt.Sprintf("Cronofy did not accept the application's client secret that is in state. It was probably refreshed in the Cronofy developer dashboard (\"Refreshing Client Secret\"), so the old one no longer works. "+
				"Copy the current secret of the application whose client ID is %s from the dashboard and restore it: set client_secret_wo to it (from a sensitive variable) and change client_secret_wo_version, then apply again; "+
				"the verification call is retried with the restored secret.", plan.ClientID.ValueString())
		}
		tfx.APIError(diags, op, err, fix)
		return nil, false
	}
	all := append([]string(nil), in.RedirectURIs...)
	if prior != nil {
		all = append(all, prior.missing(in.RedirectURIs)...)
	}
	sort.Strings(all)
	return &verified{URIs: all, Email: in.Contact.Email, Name: in.Contact.DisplayName}, true
}

// verifyAfterCreate is the create's follow-up, made after the new application is
// in state. A failure is a warning, not an error: an error would taint the
// application, and a replacement could not delete it (Cronofy has no delete API).
// The state keeps verification null, so the next plan retries the call in place.
func (r *applicationResource) verifyAfterCreate(ctx context.Context, plan *applicationModel, resp *resource.CreateResponse) {
	plan.Verification = types.ObjectNull(verificationTypes)
	if plan.RedirectURIs.IsNull() {
		return
	}
	var d diag.Diagnostics
	v, ok := r.verify(ctx, plan, nil, &d)
	if !ok {
		tfx.AddAsWarnings(&resp.Diagnostics, d)
		return
	}
	plan.Verification = v.object()
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// verifyOnUpdate calls verification when the plan says so (verification unknown).
// The state is saved first with the prior verification, so a failure leaves a
// state whose next plan retries the call.
func (r *applicationResource) verifyOnUpdate(ctx context.Context, plan, state *applicationModel, resp *resource.UpdateResponse) {
	if !plan.Verification.IsUnknown() {
		return
	}
	prior, d := verifiedOf(ctx, state.Verification)
	resp.Diagnostics.Append(d...)
	plan.Verification = state.Verification
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	if resp.Diagnostics.HasError() || plan.RedirectURIs.IsNull() {
		return
	}
	v, ok := r.verify(ctx, plan, prior, &resp.Diagnostics)
	if !ok {
		return
	}
	plan.Verification = v.object()
}

// redirectURI validates a redirect URI: an absolute https URL without a fragment.
var redirectURI = tfx.StringCheck(
	"must be an absolute https URL without a fragment",
	func(p path.Path, raw string) diag.Diagnostic {
		u, err := url.Parse(raw)
		switch {
		case err != nil || u.Scheme != "https" || u.Host == "" || strings.ContainsAny(raw, " \t\r\n"):
			return diag.NewAttributeErrorDiagnostic(p, "Invalid redirect URI",
				fmt.Sprintf("%q is not an absolute https URL; Cronofy registers only https redirect URIs, such as https://app.example.com/oauth/callback.", raw))
		case strings.Contains(raw, "#"):
			return diag.NewAttributeErrorDiagnostic(p, "Invalid redirect URI",
				fmt.Sprintf("%q has a fragment (#…); OAuth redirect URIs must not contain one. Remove it.", raw))
		}
		return nil
	})
