package awx_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

// threeApps is a configuration of three applications, planned concurrently.
const threeApps = `
resource "registrar_awx_oauth_application" "many" {
  count                    = 3
  name                     = "app-${count.index}"
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "password"
}
`

// TestApplication_wrongCredentialsFailThePlan: with a token AWX refuses, `terraform
// plan` of three applications fails with AWX's 401 and the setting to fix, after one
// GET me/ for the whole plan and no create.
func TestApplication_wrongCredentialsFailThePlan(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	block := fmt.Sprintf("  awx {\n    base_url = %q\n    token    = \"not-the-token\"\n  }\n", tn.URL())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:   env.ProviderConfig(map[string]string{"awx": block}) + threeApps,
			PlanOnly: true,
			ExpectError: acctest.ErrorMatching("Could not verify the AWX credentials", "GET /t/"+tn.Name+"/api/v2/me/", "HTTP 401",
				"Authentication credentials were not provided.", "CONTROLLER_OAUTH_TOKEN"),
		}},
	})
	if n := acctest.CountRequests(tn, "GET", `/api/v2/me/$`); n != 1 {
		t.Errorf("the plan sent GET me/ %d times, want once", n)
	}
	if n := acctest.CountRequests(tn, "POST", ""); n != 0 {
		t.Errorf("the plan sent %d POSTs, want none", n)
	}
}

// TestApplication_wrongPasswordFailsThePlan: the same with HTTP Basic under the AAP
// controller's API path.
func TestApplication_wrongPasswordFailsThePlan(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	block := fmt.Sprintf("  awx {\n    base_url = %q\n    api_path = \"/api/controller/v2/\"\n    username = %q\n    password = \"wrong\"\n  }\n", tn.URL(), tn.Creds.AWXUsername)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.ProviderConfig(map[string]string{"awx": block}) + threeApps,
			PlanOnly:    true,
			ExpectError: acctest.ErrorMatching("Could not verify the AWX credentials", "/api/controller/v2/me/", "HTTP 401", "Invalid username/password.", "CONTROLLER_PASSWORD"),
		}},
	})
	if n := acctest.CountRequests(tn, "GET", `/api/controller/v2/me/$`); n != 1 {
		t.Errorf("the plan sent GET me/ %d times, want once", n)
	}
	if n := acctest.CountRequests(tn, "POST", ""); n != 0 {
		t.Errorf("the plan sent %d POSTs, want none", n)
	}
}

// TestApplication_unreachableFailsThePlan: a base_url where nothing listens fails the
// plan, naming base_url, instead of planning creates.
func TestApplication_unreachableFailsThePlan(t *testing.T) {
	env := acctest.New(t)
	env.Top = append(env.Top, "max_retries = 0")
	block := "  awx {\n    base_url = \"http://127.0.0.1:1\"\n    token    = \"t\"\n  }\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.ProviderConfig(map[string]string{"awx": block}) + threeApps,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Could not verify the AWX credentials.*base_url\s+\(http://127\.0\.0\.1:1\)`),
		}},
	})
}
