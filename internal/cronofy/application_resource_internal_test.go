package cronofy

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
)

func stateOf(t *testing.T, m applicationModel) tfsdk.State {
	t.Helper()
	ctx := context.Background()
	var sr resource.SchemaResponse
	NewApplicationResource().Schema(ctx, resource.SchemaRequest{}, &sr)
	st := tfsdk.State{Schema: sr.Schema}
	if d := st.Set(ctx, &m); d.HasError() {
		t.Fatalf("building state: %v", d)
	}
	return st
}

func model(name types.String) applicationModel {
	return applicationModel{
		ID: types.StringValue("cid-123"), ClientID: types.StringValue("cid-123"),
		Name: name, URL: types.StringValue("https://app.example.com"), DataCenter: types.StringValue("de"),
		RotateWhenChanged: types.MapNull(types.StringType), DeletionPolicy: types.StringNull(),
		Timeouts: timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{"create": types.StringType})},
		Secret: tfx.Secret{
			ClientSecret: types.StringValue("canary-secret-value"), ClientSecretWO: types.StringNull(), ClientSecretWOVersion: types.Int64Null(),
		},
		RedirectURIs: types.SetNull(types.StringType), ContactEmail: types.StringNull(), ContactDisplayName: types.StringNull(),
		Verification: types.ObjectNull(verificationTypes),
	}
}

// TestDelete_leavesStateQuietly: there is no delete API; Delete removes the resource
// from state without a diagnostic (the plan already warned, once, that the application
// stays on the platform) and never needs (or calls) the client.
func TestDelete_leavesStateQuietly(t *testing.T) {
	for _, name := range []types.String{types.StringValue("Scheduler"), types.StringNull()} {
		st := stateOf(t, model(name))
		resp := resource.DeleteResponse{State: st}
		(&applicationResource{}).Delete(context.Background(), resource.DeleteRequest{State: st}, &resp)
		if len(resp.Diagnostics) != 0 {
			t.Fatalf("want no diagnostics at apply (the plan warns), got %v", resp.Diagnostics)
		}
		if !resp.State.Raw.IsNull() {
			t.Error("the resource is still in state")
		}
	}
}

// TestRead_isANoOp: there is no read API; Read leaves the state as it is (a nil
// client proves no request can be made).
func TestRead_isANoOp(t *testing.T) {
	st := stateOf(t, model(types.StringValue("Scheduler")))
	resp := resource.ReadResponse{State: st}
	(&applicationResource{}).Read(context.Background(), resource.ReadRequest{State: st}, &resp)
	if resp.Diagnostics.HasError() || !resp.State.Raw.Equal(st.Raw) {
		t.Fatalf("Read changed the state: %v", resp.Diagnostics)
	}
}
