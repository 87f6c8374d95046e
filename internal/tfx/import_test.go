package tfx

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func importInto(t *testing.T, w WithImportByID, id string) *resource.ImportStateResponse {
	t.Helper()
	ctx := context.Background()
	s := schema.Schema{Attributes: map[string]schema.Attribute{"id": schema.StringAttribute{Computed: true}}}
	resp := &resource.ImportStateResponse{State: tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}}
	w.ImportState(ctx, resource.ImportStateRequest{ID: id}, resp)
	return resp
}

// TestImportState_secretWarning: importing a resource with a secret warns once that
// client_secret is null and how to restore it; one without a secret does not.
func TestImportState_secretWarning(t *testing.T) {
	w := WithImportByID{ResourceType: "registrar_x", Object: "an X application", IDFormat: "its id", Example: "42", Valid: func(string) bool { return true }, Secret: true}
	resp := importInto(t, w, "42")
	if resp.Diagnostics.HasError() || resp.Diagnostics.WarningsCount() != 1 {
		t.Fatalf("want one warning: %v", resp.Diagnostics)
	}
	d := resp.Diagnostics.Warnings()[0].Detail()
	for _, s := range []string{"client_secret is null", "client_secret_wo", "client_secret_wo_version", "an X application"} {
		if !strings.Contains(d, s) {
			t.Errorf("the warning does not say %q: %s", s, d)
		}
	}
	w.Secret = false
	if resp := importInto(t, w, "42"); len(resp.Diagnostics) != 0 {
		t.Fatalf("no secret, no warning: %v", resp.Diagnostics)
	}
	w.Secret = true
	if resp := importInto(t, w, "42:aaaaaaaaaaaaaaaaaaaaaaaa"); resp.Diagnostics.WarningsCount() != 0 || !resp.Diagnostics.HasError() {
		t.Fatalf("a refused id gets its error only: %v", resp.Diagnostics)
	}
}
