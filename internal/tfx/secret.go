package tfx

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Secret is the model part of a resource whose platform returns a client secret once.
// Embed it in the resource model.
type Secret struct {
	ClientSecret          types.String `tfsdk:"client_secret"`
	ClientSecretWO        types.String `tfsdk:"client_secret_wo"`
	ClientSecretWOVersion types.Int64  `tfsdk:"client_secret_wo_version"`
}

// SecretAttributes returns the three schema attributes of Secret. what describes the
// secret ("the OAuth client secret AWX returns when the application is created").
func SecretAttributes(what string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"client_secret": schema.StringAttribute{
			MarkdownDescription: "The client secret: " + what + ". The platform shows it only once, so the provider keeps it in state (sensitive) and never reads it back. " +
				"It is null after `terraform import` until you restore it with `client_secret_wo`.",
			Computed:      true,
			Sensitive:     true,
			PlanModifiers: []planmodifier.String{secretKeeper{}},
		},
		"client_secret_wo": schema.StringAttribute{
			MarkdownDescription: "Records a client secret you already hold in state as `client_secret`; it changes nothing on the platform (no API call sets or rotates the secret). " +
				"Write-only (Terraform 1.11+): the value is recorded when `client_secret_wo_version` changes, and is never stored in the plan or printed. " +
				"Use it after an import, when the state has no secret. On a new application it is ignored (the platform issues the secret), with a warning.",
			Optional:   true,
			Sensitive:  true,
			WriteOnly:  true,
			Validators: []validator.String{stringvalidator.AlsoRequires(path.MatchRoot("client_secret_wo_version")), stringvalidator.LengthAtLeast(1)},
		},
		"client_secret_wo_version": schema.Int64Attribute{
			MarkdownDescription: "Change this number to record the current `client_secret_wo` value as `client_secret` in state.",
			Optional:            true,
		},
	}
}

// RotateWhenChanged is the rotate_when_changed attribute of a resource whose secret
// is rotated by replacing the object; after says what a rotation leaves behind, or
// how to use it.
func RotateWhenChanged(after string) schema.MapAttribute {
	return schema.MapAttribute{
		MarkdownDescription: "Arbitrary values; any change replaces the application, which issues a new client id and secret. " + after,
		ElementType:         types.StringType,
		Optional:            true,
		PlanModifiers:       []planmodifier.Map{mapplanmodifier.RequiresReplace()},
	}
}

// secretKeeper keeps the secret from state (UseStateForUnknown) except when
// client_secret_wo_version changes, when the plan shows the secret as unknown.
type secretKeeper struct{}

func (secretKeeper) Description(context.Context) string {
	return "Keeps the client secret from state; unknown when client_secret_wo_version changes."
}
func (s secretKeeper) MarkdownDescription(ctx context.Context) string { return s.Description(ctx) }

func (secretKeeper) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() {
		return // create: the platform supplies the secret
	}
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var planV, stateV types.Int64
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("client_secret_wo_version"), &planV)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("client_secret_wo_version"), &stateV)...)
	if !planV.IsNull() && !planV.Equal(stateV) {
		resp.PlanValue = types.StringUnknown()
		return
	}
	resp.PlanValue = req.StateValue
}

// WarnSecretWOOnCreate warns, from ModifyPlan, when client_secret_wo is set on an
// object about to be created: the platform issues the secret, so the value is ignored.
func WarnSecretWOOnCreate(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var wo types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("client_secret_wo"), &wo)...)
	if wo.IsNull() {
		return
	}
	resp.Diagnostics.AddAttributeWarning(path.Root("client_secret_wo"), "client_secret_wo is ignored on a new application",
		"client_secret_wo records a client secret you already hold (after an import); it changes nothing on the platform. "+
			"This plan creates a new application, and the platform issues its secret, which the provider keeps as client_secret: the value given here is not used. "+
			"Remove client_secret_wo (and client_secret_wo_version) unless you are about to import an existing application.")
}

// ApplySecretWO sets plan.ClientSecret for an Update: the write-only value from config
// when client_secret_wo_version changed, otherwise the secret already in state.
func ApplySecretWO(ctx context.Context, config tfsdk.Config, state, plan *Secret) diag.Diagnostics {
	var diags diag.Diagnostics
	if !plan.ClientSecretWOVersion.IsNull() && !plan.ClientSecretWOVersion.Equal(state.ClientSecretWOVersion) {
		var wo types.String
		diags.Append(config.GetAttribute(ctx, path.Root("client_secret_wo"), &wo)...)
		if wo.IsNull() || wo.IsUnknown() || wo.ValueString() == "" {
			diags.AddAttributeError(path.Root("client_secret_wo"), "client_secret_wo is not set",
				"client_secret_wo_version changed, so the provider expected the secret to record in client_secret_wo. Set client_secret_wo (for example from a variable marked sensitive or an ephemeral value), or change client_secret_wo_version back.")
			return diags
		}
		plan.ClientSecret = wo
	} else {
		plan.ClientSecret = state.ClientSecret
	}
	plan.ClientSecretWO = types.StringNull()
	return diags
}

// CreateSecret fills the Secret part of a new resource from the create response.
func CreateSecret(plan *Secret, secret string) {
	if secret == "" {
		plan.ClientSecret = types.StringNull()
	} else {
		plan.ClientSecret = types.StringValue(secret)
	}
	plan.ClientSecretWO = types.StringNull()
}
