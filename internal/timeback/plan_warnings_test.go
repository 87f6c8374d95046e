package timeback

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// modifyPlan runs ModifyPlan from the state attrs to the plan attrs (nil: destroy).
func modifyPlan(t *testing.T, state, plan map[string]string) *resource.ModifyPlanResponse {
	t.Helper()
	r := &applicationResource{client: &fakeAPI{}}
	st, _ := newState(t, r, state)
	var pl tfsdk.Plan
	if plan == nil {
		pl = tfsdk.Plan{Schema: st.Schema, Raw: tftypes.NewValue(st.Schema.Type().TerraformType(context.Background()), nil)}
	} else {
		_, pl = newState(t, r, plan)
	}
	cfg := tfsdk.Config{Schema: st.Schema, Raw: pl.Raw}
	resp := &resource.ModifyPlanResponse{Plan: pl}
	r.ModifyPlan(context.Background(), resource.ModifyPlanRequest{State: st, Plan: pl, Config: cfg}, resp)
	return resp
}

var stateAttrs = map[string]string{
	"id": "11111111-1111-4111-8111-111111111111", "name": "n", "description": "d", "launch_url": "https://a.example/", "client_id": "cid",
}

func with(m map[string]string, kv ...string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

// TestModifyPlan_destroyWarnsAtPlan: a planned destroy (terraform plan -destroy)
// warns once that the draft stays on Timeback with its name.
func TestModifyPlan_destroyWarnsAtPlan(t *testing.T) {
	resp := modifyPlan(t, stateAttrs, nil)
	if resp.Diagnostics.HasError() || resp.Diagnostics.WarningsCount() != 1 {
		t.Fatalf("want one warning: %v", resp.Diagnostics)
	}
	w := resp.Diagnostics.Warnings()[0]
	for _, s := range []string{"stays on Timeback", "11111111-1111-4111-8111-111111111111", `name "n" stays taken`, "Timeback support", `deletion_policy = "PREVENT"`} {
		if !strings.Contains(w.Summary()+w.Detail(), s) {
			t.Errorf("the warning does not say %q: %s: %s", s, w.Summary(), w.Detail())
		}
	}
}

// TestModifyPlan_replacementWarnsOnce: a replacement with a new name is one warning
// naming the attributes that force it.
func TestModifyPlan_replacementWarnsOnce(t *testing.T) {
	resp := modifyPlan(t, stateAttrs, with(stateAttrs, "name", "n2", "description", "d2", "launch_url", "https://b.example/"))
	if resp.Diagnostics.HasError() || resp.Diagnostics.WarningsCount() != 1 {
		t.Fatalf("want one warning: %v", resp.Diagnostics)
	}
	if d := resp.Diagnostics.Warnings()[0].Detail(); !strings.Contains(d, "Changing description, launch_url replaces") || !strings.Contains(d, "stays on Timeback") {
		t.Fatalf("warning: %s", d)
	}
	// No replacement: nothing to say.
	if resp := modifyPlan(t, stateAttrs, stateAttrs); len(resp.Diagnostics) != 0 {
		t.Fatalf("an unchanged plan has diagnostics: %v", resp.Diagnostics)
	}
}

// TestModifyPlan_preventDestroy: with PREVENT a destroy is an error and no warning.
func TestModifyPlan_preventDestroy(t *testing.T) {
	resp := modifyPlan(t, with(stateAttrs, "deletion_policy", "PREVENT"), nil)
	if resp.Diagnostics.ErrorsCount() != 1 || resp.Diagnostics.WarningsCount() != 0 {
		t.Fatalf("want one error: %v", resp.Diagnostics)
	}
}

// TestModifyPlan_secretWOOnCreateWarns: client_secret_wo on a new application is a
// warning on the attribute.
func TestModifyPlan_secretWOOnCreateWarns(t *testing.T) {
	r := &applicationResource{client: &fakeAPI{}}
	empty, _ := newState(t, r, nil)
	_, pl := newState(t, r, map[string]string{"name": "n", "description": "d", "launch_url": "https://a.example/", "client_secret_wo": "held"})
	resp := &resource.ModifyPlanResponse{Plan: pl}
	r.ModifyPlan(context.Background(), resource.ModifyPlanRequest{State: empty, Plan: pl, Config: tfsdk.Config(pl)}, resp)
	if resp.Diagnostics.HasError() || resp.Diagnostics.WarningsCount() != 1 {
		t.Fatalf("want one warning: %v", resp.Diagnostics)
	}
	w := resp.Diagnostics.Warnings()[0]
	if !strings.Contains(w.Detail(), "changes nothing on the platform") || strings.Contains(w.Detail(), "held") {
		t.Fatalf("warning: %s", w.Detail())
	}
}
