package tfx

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// Resource is what every resource of the provider implements: besides CRUD, Configure
// (its platform's client), import by id and by identity, the plan-time checks and the
// moved blocks from restapi_object. A resource file asserts it once.
type Resource interface {
	resource.ResourceWithConfigure
	resource.ResourceWithImportState
	resource.ResourceWithIdentity
	resource.ResourceWithModifyPlan
	resource.ResourceWithMoveState
}

// ResourceBase is embedded in every resource: the timeouts block, import by id, the
// resource identity and Metadata. Fill it in the resource's constructor; Schema,
// Configure, the CRUD methods and MoveState stay in the resource's file.
type ResourceBase struct {
	WithTimeouts
	WithImportByID
	WithIdentity
	// TypeSuffix follows the provider's type name: "_ltiaas_platform".
	TypeSuffix string
	// MutableIdentity: the identity may change after the create (Cronofy's gains
	// its data_center when state moved from a restapi_object records it).
	MutableIdentity bool
	// CredentialCheck is the platform's credential check, which Configure sets once
	// it has the client; until then it is the zero value, which checks nothing.
	CredentialCheck CredentialCheck
}

// Metadata names the resource: the provider's type name and TypeSuffix.
func (b *ResourceBase) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + b.TypeSuffix
	resp.ResourceBehavior.MutableIdentity = b.MutableIdentity
}

// ModifyPlan checks the credentials when the plan creates an object
// (PlanCredentialCheck), so that refused ones fail the plan instead of the apply. A
// resource with more to do at plan time has a ModifyPlan of its own, which makes
// the check itself.
func (b *ResourceBase) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	PlanCredentialCheck(ctx, req, resp, b.CredentialCheck)
}

// getter is what tfsdk.Plan, tfsdk.State and tfsdk.Config have in common.
type getter interface {
	Get(ctx context.Context, target any) diag.Diagnostics
}

// Get decodes a plan, a state or a configuration into target. It reports false, with
// the diagnostics appended, when that fails; the caller then returns.
func Get(ctx context.Context, diags *diag.Diagnostics, from getter, target any) bool {
	ds := from.Get(ctx, target)
	diags.Append(ds...)
	return !ds.HasError()
}

// BeginCreate starts a Create: it decodes the plan into plan and bounds ctx by the
// create timeout, which is *t once the plan is decoded (t points into plan). On false
// the caller returns before any API call; it defers cancel in every case.
func (w WithTimeouts) BeginCreate(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse, plan any, t *timeouts.Value) (context.Context, context.CancelFunc, bool) {
	if !Get(ctx, &resp.Diagnostics, req.Plan, plan) {
		return ctx, func() {}, false
	}
	return w.CreateTimeout(ctx, *t, &resp.Diagnostics)
}

// BeginUpdate is BeginCreate for an in-place update: it decodes the plan and the
// prior state, and bounds ctx by the plan's update timeout (t points into plan).
func (w WithTimeouts) BeginUpdate(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse, plan, state any, t *timeouts.Value) (context.Context, context.CancelFunc, bool) {
	if !Get(ctx, &resp.Diagnostics, req.Plan, plan) || !Get(ctx, &resp.Diagnostics, req.State, state) {
		return ctx, func() {}, false
	}
	return w.UpdateTimeout(ctx, *t, &resp.Diagnostics)
}

// BeginDelete is BeginCreate for a delete: it decodes the state and bounds ctx by its
// delete timeout (t points into state).
func (w WithTimeouts) BeginDelete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse, state any, t *timeouts.Value) (context.Context, context.CancelFunc, bool) {
	if !Get(ctx, &resp.Diagnostics, req.State, state) {
		return ctx, func() {}, false
	}
	return w.DeleteTimeout(ctx, *t, &resp.Diagnostics)
}

// SaveState sets the state to model and copies the identity from it (SetIdentity):
// what Create, Read and Update do after every change they record.
func SaveState(ctx context.Context, diags *diag.Diagnostics, state *tfsdk.State, identity *tfsdk.ResourceIdentity, model any) {
	diags.Append(state.Set(ctx, model)...)
	SetIdentity(ctx, diags, *state, identity)
}
