package aap_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

// TestApplication_wrongTokenFailsThePlan: with a token the gateway refuses,
// `terraform plan` of three applications fails with the gateway's 401 and the
// setting to fix, after one GET me/ for the whole plan and no create.
func TestApplication_wrongTokenFailsThePlan(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	block := fmt.Sprintf("  aap {\n    base_url = %q\n    token    = \"not-the-token\"\n  }\n", tn.URL())
	cfg := env.ProviderConfig(map[string]string{"aap": block}) + `
resource "registrar_aap_oauth_application" "many" {
  count                    = 3
  name                     = "app-${count.index}"
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "password"
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:   cfg,
			PlanOnly: true,
			ExpectError: acctest.ErrorMatching("Could not verify the AAP credentials", "GET /t/"+tn.Name+"/api/gateway/v1/me/", "HTTP 401",
				"Authentication credentials were not provided.", "AAP_TOKEN"),
		}},
	})
	if n := acctest.CountRequests(tn, "GET", `/api/gateway/v1/me/$`); n != 1 {
		t.Errorf("the plan sent GET me/ %d times, want once", n)
	}
	if n := acctest.CountRequests(tn, "POST", ""); n != 0 {
		t.Errorf("the plan sent %d POSTs, want none", n)
	}
}
