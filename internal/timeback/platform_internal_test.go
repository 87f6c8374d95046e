package timeback

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// TestConfigure_tokenURLFromEnvironment: TIMEBACK_TOKEN_URL gets the check the block's
// token_url gets from its schema, because the client secret is sent there. (Not
// parallel: it sets environment variables, so it runs before the parallel tests.)
func TestConfigure_tokenURLFromEnvironment(t *testing.T) {
	t.Setenv(envBaseURL, "https://platform.timeback.example")
	t.Setenv(envClientID, "client")
	t.Setenv(envClientSecret, "secret")
	null := types.ObjectNull(blockSchema().Type().(types.ObjectType).AttrTypes)
	for _, tc := range []struct {
		url, want string
	}{
		{"http://idp.example.com/oauth2/token", "Insecure URL"},
		{"idp.example.com/token", "Invalid URL"},
		{"http://127.0.0.1:8080/token", ""},
		{"https://idp.example.com/oauth2/token", ""},
	} {
		t.Setenv(envTokenURL, tc.url)
		c, diags := configure(context.Background(), null, transport.DefaultSettings())
		if tc.want == "" {
			if diags.HasError() || c == nil {
				t.Errorf("%s: %v", tc.url, diags)
			}
			continue
		}
		if !diags.HasError() || c != nil {
			t.Fatalf("%s: accepted, want %q", tc.url, tc.want)
		}
		d := diags.Errors()[0]
		if d.Summary() != tc.want || !strings.Contains(d.Detail(), "TIMEBACK_TOKEN_URL") {
			t.Errorf("%s: %s: %s", tc.url, d.Summary(), d.Detail())
		}
	}
}
