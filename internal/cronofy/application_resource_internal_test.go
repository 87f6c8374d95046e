package cronofy

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
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

// TestCreate_warnsAfterResendOn503: Cronofy answered the create 503 twice before it
// accepted it; the provider resent it (a 503 says nothing was stored), and since
// Cronofy has no unique key to tell, the apply ends with a warning that names the
// application kept in state, never silently.
func TestCreate_warnsAfterResendOn503(t *testing.T) {
	for _, tc := range []struct {
		next503 int
		warn    bool
	}{{2, true}, {0, false}} {
		s := mockapi.New()
		srv := httptest.NewServer(s)
		t.Cleanup(srv.Close)
		s.SetURL(srv.URL)
		tn := s.NewTenant(fmt.Sprintf("%s-%d", t.Name(), tc.next503))
		tn.SetFaults(mockapi.Faults{Next503: tc.next503})
		c, err := NewClient(testSettings(), Config{AdminAPIKey: tn.Creds.CronofyAdminAPIKey, BaseURL: tn.URL()})
		if err != nil {
			t.Fatal(err)
		}
		r := &applicationResource{client: c}
		ctx := context.Background()
		m := model(types.StringValue("Scheduler"))
		m.ID, m.ClientID, m.ClientSecret = types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
		m.Verification = types.ObjectUnknown(verificationTypes)
		plan := tfsdk.Plan(stateOf(t, m))
		resp := &resource.CreateResponse{State: tfsdk.State{Schema: plan.Schema, Raw: plan.Raw.Copy()}}
		r.Create(ctx, resource.CreateRequest{Plan: plan, Config: tfsdk.Config(plan)}, resp)
		if resp.Diagnostics.HasError() {
			t.Fatalf("create after %d 503s: %v", tc.next503, resp.Diagnostics)
		}
		all := tn.Cronofy.All()
		if len(all) != 1 {
			t.Fatalf("the mock holds %d applications, want 1", len(all))
		}
		var got applicationModel
		resp.State.Get(ctx, &got)
		if got.ClientID.ValueString() != all[0].ClientID || got.ClientSecret.ValueString() != all[0].ClientSecret {
			t.Fatal("state does not hold the application the mock issued")
		}
		warns := resp.Diagnostics.Warnings()
		if !tc.warn {
			if len(warns) != 0 {
				t.Fatalf("a create without 503 warned: %v", warns)
			}
			continue
		}
		if len(warns) != 1 || warns[0].Summary() != "Cronofy may hold an extra application" {
			t.Fatalf("want the extra-application warning, got %v", resp.Diagnostics)
		}
		d := warns[0].Detail()
		for _, want := range []string{"2 create request(s)", "503", all[0].ClientID, "dashboard"} {
			if !strings.Contains(d, want) {
				t.Errorf("the warning lacks %q:\n%s", want, d)
			}
		}
		if strings.Contains(d, all[0].ClientSecret) {
			t.Error("the warning shows the secret")
		}
	}
}
