package ltiaas_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

// TestPlatform_wrongAPIKeyFailsThePlan: with an API key LTIaaS refuses, `terraform
// plan` of three registrations fails with LTIaaS's 401 and the setting to fix, after
// one GET of the platform list for the whole plan and no create.
func TestPlatform_wrongAPIKeyFailsThePlan(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	block := fmt.Sprintf("  ltiaas {\n    base_url = %q\n    api_key  = \"not-the-key\"\n  }\n", tn.URL())
	cfg := env.ProviderConfig(map[string]string{"ltiaas": block}) + base("one").hcl("one") + base("two").hcl("two") + base("three").hcl("three")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:   cfg,
			PlanOnly: true,
			ExpectError: acctest.ErrorMatching("Could not verify the LTIaaS credentials", "GET /t/"+tn.Name+"/admin/platforms", "HTTP 401",
				"INVALID_LTIK_AUTH_AUTHORIZATION_HEADER", "LTIAAS_API_KEY"),
		}},
	})
	if n := acctest.CountRequests(tn, "GET", `^/admin/platforms$`); n != 1 {
		t.Errorf("the plan sent GET /admin/platforms %d times, want once", n)
	}
	if n := acctest.CountRequests(tn, "", ""); n != 1 {
		t.Errorf("the plan sent %d requests, want only the check", n)
	}
}
