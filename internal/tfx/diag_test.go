package tfx

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// TestAPIWarning: a follow-up failure is reported with APIError's summary and detail,
// but only as a warning, so that the object in state is not tainted.
func TestAPIWarning(t *testing.T) {
	op := Op{Verb: "activate", Object: "LTIaaS platform p1"}
	err := &transport.APIError{Platform: "LTIaaS", Method: "POST", Path: "/platforms/p1/activate", Status: 503, Message: "maintenance"}
	var want, got diag.Diagnostics
	APIError(&want, op, err, "Apply again.")
	APIWarning(&got, op, err, "Apply again.")
	if got.HasError() || got.WarningsCount() != 1 || len(want) != 1 {
		t.Fatalf("got %v, want one warning", got)
	}
	if got[0].Summary() != want[0].Summary() || got[0].Detail() != want[0].Detail() {
		t.Fatalf("warning %q / %q, want APIError's %q / %q", got[0].Summary(), got[0].Detail(), want[0].Summary(), want[0].Detail())
	}
}
