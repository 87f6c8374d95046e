package timeback_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

// threeApps renders three applications, named apart.
func threeApps() string {
	out := ""
	for _, n := range []string{"one", "two", "three"} {
		out += strings.Replace(app{Name: "plan-" + n}.hcl(), `"test"`, fmt.Sprintf("%q", n), 1)
	}
	return out
}

// TestApplication_wrongClientSecretFailsThePlan: with a client secret the token
// endpoint refuses, `terraform plan` of three applications fails with the endpoint's
// 401 and the settings to fix, after one token request and no create.
func TestApplication_wrongClientSecretFailsThePlan(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	block := fmt.Sprintf("  timeback {\n    base_url      = %q\n    client_id     = %q\n    client_secret = \"not-the-secret\"\n  }\n", tn.URL(), tn.Creds.TimebackClientID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:   env.ProviderConfig(map[string]string{"timeback": block}) + threeApps(),
			PlanOnly: true,
			ExpectError: acctest.ErrorMatching("Could not verify the Timeback credentials", "/auth/1.0/token", "HTTP 401",
				"Client authentication failed.", "TIMEBACK_CLIENT_SECRET"),
		}},
	})
	if n := acctest.CountRequests(tn, http.MethodPost, `^/auth/1\.0/token$`); n != 1 {
		t.Errorf("the plan requested a token %d times, want once", n)
	}
	if n := acctest.CountRequests(tn, "", `^/applications/`); n != 0 {
		t.Errorf("the plan sent %d application requests, want none", n)
	}
}

// TestApplication_staticTokenIsNotCheckedAtPlan: Timeback has no call that only
// checks a bearer token, so a wrong static token plans the creates without any
// request and fails at apply.
func TestApplication_staticTokenIsNotCheckedAtPlan(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	block := fmt.Sprintf("  timeback {\n    base_url = %q\n    token    = \"not-the-token\"\n  }\n", tn.URL())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:             env.ProviderConfig(map[string]string{"timeback": block}) + threeApps(),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		}},
	})
	if n := acctest.CountRequests(tn, "", ""); n != 0 {
		t.Errorf("the plan sent %d requests, want none", n)
	}
}
