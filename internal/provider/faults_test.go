package provider_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

const faultyConfig = `
resource "registrar_awx_oauth_application" "f" {
  count                    = 20
  name                     = "faulty-${count.index}"
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "password"
}

resource "registrar_ltiaas_platform" "f" {
  count                   = 20
  url                     = "https://lms.example.edu"
  client_id               = "faulty-${count.index}"
  name                    = "faulty ${count.index}"
  authentication_endpoint = "https://lms.example.edu/auth"
  access_token_endpoint   = "https://lms.example.edu/token"
  auth_config = {
    method = "JWK_SET"
    key    = "https://lms.example.edu/jwks"
  }
}

resource "registrar_tpp_oauth_application" "f" {
  count          = 20
  application_id = "faulty-${count.index}"
  name           = "faulty ${count.index}"
  vendor         = "Example"
  scope          = "certificate:manage"
  maximum_scope  = "certificate:manage,revoke"
}

resource "registrar_cronofy_application" "f" {
  count = 20
  name  = "faulty-${count.index}"
  url   = "https://scheduler.example.com/${count.index}"
}

resource "registrar_timeback_application" "f" {
  count       = 20
  name        = "faulty-${count.index}"
  description = "fault test"
  launch_url  = "https://quiz.example.com/launch/${count.index}"
}
`

// TestFaults_noDuplicates: 20 objects of each of the five resources while
// the mock answers 20 % 429 (Retry-After: 1), 10 % 503 and adds 50 ms to every request.
// The apply succeeds, the mock holds exactly 20 of each, and every secret in state is the
// one the mock issued. The mock's 503 is sent before processing (CONTRIBUTING.md, Retries), which
// is why a create without a unique key (Cronofy) may be resent after it.
func TestFaults_noDuplicates(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	env.Top = []string{"max_retries = 10"}
	tn.SetFaults(mockapi.Faults{Rate429: 0.2, Rate503: 0.1, RetryAfter: 1, Latency: 50 * time.Millisecond, Seed: 11})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.Config(faultyConfig),
			Check: func(s *terraform.State) error {
				counts := tn.Counts()
				for _, p := range []string{"awx", "ltiaas", "tpp", "timeback", "cronofy"} {
					if counts[p] != 20 {
						return fmt.Errorf("the %s mock holds %d objects, want 20", p, counts[p])
					}
				}
				var faults, post503 int
				for _, r := range tn.Requests() {
					if r.Fault == "429" || r.Fault == "503" {
						faults++
					}
					if r.Fault == "503" && r.Method == "POST" {
						post503++
					}
				}
				if faults < 10 || post503 == 0 {
					return fmt.Errorf("only %d faults were injected (%d 503s on a create): the test proves little", faults, post503)
				}
				awx := map[string]string{}
				for _, a := range tn.AWX.All() {
					awx[fmt.Sprint(a.ID)] = a.ClientSecret
				}
				tb := map[string]string{}
				for _, a := range tn.Timeback.All() {
					tb[a.ApplicationID] = a.ClientSecret
				}
				cr := map[string]string{}
				for _, a := range tn.Cronofy.All() {
					cr[a.ClientID] = a.ClientSecret
				}
				for i := 0; i < 20; i++ {
					rs := s.RootModule().Resources[fmt.Sprintf("registrar_awx_oauth_application.f.%d", i)].Primary
					if awx[rs.ID] == "" || rs.Attributes["client_secret"] != awx[rs.ID] {
						return fmt.Errorf("AWX application %s: the secret in state is not the one issued", rs.ID)
					}
					rs = s.RootModule().Resources[fmt.Sprintf("registrar_timeback_application.f.%d", i)].Primary
					if tb[rs.ID] == "" || rs.Attributes["client_secret"] != tb[rs.ID] {
						return fmt.Errorf("Timeback application %s: the secret in state is not the one issued", rs.ID)
					}
					rs = s.RootModule().Resources[fmt.Sprintf("registrar_cronofy_application.f.%d", i)].Primary
					if id := rs.Attributes["client_id"]; cr[id] == "" || rs.Attributes["client_secret"] != cr[id] {
						return fmt.Errorf("Cronofy application %s: the secret in state is not the one issued", id)
					}
				}
				t.Logf("%d faults injected (%d 503s on a create); exactly 20 objects on each platform", faults, post503)
				return nil
			},
		}},
	})
}
