package awx

import (
	"strings"
	"testing"
)

// TestFlavor_controllerPath: a controller api_path gets the legacy warning and the
// AAP 2.7 explanation of a 401, both naming the gateway resource; /api/v2/ gets neither.
func TestFlavor_controllerPath(t *testing.T) {
	for _, p := range []string{"/api/controller/v2/", "/custom/controller/v2/"} {
		if d := flavor.Legacy(p); !strings.Contains(d, "legacy applications") || !strings.Contains(d, gatewayResource) {
			t.Errorf("%s: legacy warning %q", p, d)
		}
		if f := flavor.Unauthorized(p); !strings.Contains(f, "AAP 2.7 accepts only gateway credentials") || !strings.Contains(f, gatewayResource) {
			t.Errorf("%s: 401 fix %q", p, f)
		}
	}
	if flavor.Legacy("/api/v2/") != "" || flavor.Unauthorized("/api/v2/") != "" {
		t.Error("/api/v2/ is not a controller path")
	}
}
