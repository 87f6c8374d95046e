package tfx

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The values of deletion_policy, for resources whose platform cannot delete.
const (
	// DeletionAbandon forgets the object on destroy (it stays on the platform), with a warning.
	DeletionAbandon = "ABANDON"
	// DeletionPrevent makes a plan that would destroy or replace the object an error.
	DeletionPrevent = "PREVENT"
)

// DeletionPolicyAttribute is the deletion_policy attribute of a resource whose platform
// has no delete API. platform names it ("Timeback").
func DeletionPolicyAttribute(platform string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: fmt.Sprintf("What a destroy or a replacement does, since %s cannot delete applications: "+
			"`ABANDON` (the default, also when unset) lets Terraform forget the application, which stays on %s, with a warning at plan; "+
			"`PREVENT` makes any plan that would destroy or replace it an error. "+
			"Changing it needs no API call. A plan reads the policy from state, so apply a change to it before the destroy.", platform, platform),
		Optional:   true,
		Validators: []validator.String{stringvalidator.OneOf(DeletionAbandon, DeletionPrevent)},
	}
}

// Abandoned describes, for PlanDeletion, the object a destroy or replacement would
// leave on the platform.
type Abandoned struct {
	// Platform names the platform ("Timeback").
	Platform string
	// Object names the object with its identifiers: `Timeback application "x" (id)`.
	Object string
	// After says what stays true once it is left behind and what the user can do
	// ("Its name stays taken. To have it removed, ask Timeback support ...").
	After string
}

// PlanDeletion warns at plan (deletion_policy ABANDON) or refuses the plan (PREVENT)
// when it would destroy the object (req.Plan is null) or replace it (replacedBy lists
// the attributes that force the replacement; empty when there is none). Call it from
// ModifyPlan; one diagnostic per planned destroy or replacement.
func PlanDeletion(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, replacedBy []string, a Abandoned) {
	if req.State.Raw.IsNull() {
		return // create
	}
	destroy := req.Plan.Raw.IsNull()
	if !destroy && len(replacedBy) == 0 {
		return
	}
	var policy types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("deletion_policy"), &policy)...)
	prevent := policy.ValueString() == DeletionPrevent

	if destroy {
		if prevent {
			resp.Diagnostics.AddError(fmt.Sprintf("%s application is protected by deletion_policy", a.Platform),
				fmt.Sprintf("This plan would destroy %s, and its deletion_policy is \"PREVENT\". %s cannot delete applications, so a destroy would only make Terraform forget it. "+
					"To go ahead, set deletion_policy = \"ABANDON\" and apply that first, then destroy; or keep the application and take it out of Terraform with a removed block (Terraform 1.7+) or terraform state rm.",
					a.Object, a.Platform))
			return
		}
		resp.Diagnostics.AddWarning(fmt.Sprintf("%s application will be left on the platform", a.Platform),
			fmt.Sprintf("%s has no API to delete applications: destroying %s makes Terraform forget it, but it stays on %s and its client secret keeps working. %s "+
				"To make a destroy an error instead, set deletion_policy = \"PREVENT\".", a.Platform, a.Object, a.Platform, a.After))
		return
	}
	attrs := strings.Join(replacedBy, ", ")
	if prevent {
		for _, name := range replacedBy {
			resp.Diagnostics.AddAttributeError(path.Root(name), fmt.Sprintf("%s application is protected by deletion_policy", a.Platform),
				fmt.Sprintf("Changing %s replaces %s, and its deletion_policy is \"PREVENT\". %s cannot delete or update applications, so a replacement would register a second application and leave this one behind. "+
					"Revert the change, or set deletion_policy = \"ABANDON\" and apply that first.", name, a.Object, a.Platform))
		}
		return
	}
	resp.Diagnostics.AddWarning(fmt.Sprintf("Replacing a %s application leaves the old one on the platform", a.Platform),
		fmt.Sprintf("Changing %s replaces %s: %s has no API to update or delete applications, so the provider registers a new application with a new client id and secret, "+
			"and the old one stays on %s and keeps working; Terraform forgets it. %s To make a replacement an error instead, set deletion_policy = \"PREVENT\".",
			attrs, a.Object, a.Platform, a.Platform, a.After))
}

// ChangedAttributes returns those of the root attributes names whose planned value
// differs from the value in state. Unless fromNull is set, attributes null in state
// are ignored (values recorded after an import or a move, which do not replace). An
// unknown planned value counts as a change.
func ChangedAttributes(ctx context.Context, req resource.ModifyPlanRequest, fromNull bool, names ...string) []string {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return nil
	}
	var changed []string
	for _, n := range names {
		var p, s attr.Value
		if d := req.Plan.GetAttribute(ctx, path.Root(n), &p); d.HasError() {
			continue
		}
		if d := req.State.GetAttribute(ctx, path.Root(n), &s); d.HasError() {
			continue
		}
		if s == nil || (s.IsNull() && !fromNull) {
			continue
		}
		if p == nil || !p.Equal(s) {
			changed = append(changed, n)
		}
	}
	return changed
}
