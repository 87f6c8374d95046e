package provider_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// TestRetryDefaults_rideOutRateLimiting: with the provider's default retry settings
// (nothing set in the provider block), a create that the platform answers 429 five
// times in a row (the plan's credential check and the create share them) still
// succeeds, with one create and no duplicate. The old default of 4 retries gave up
// after the fifth 429.
func TestRetryDefaults_rideOutRateLimiting(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	// null leaves the harness's fast-retry settings out, so the schema defaults apply.
	env.Top = []string{"max_retries = null", "retry_max_wait_seconds = null", "retry_min_wait_seconds = null"}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() { tn.SetFaults(mockapi.Faults{Next429: 5, RetryAfter: 1}) },
			Config: env.Config(`
resource "registrar_awx_oauth_application" "r" {
  name                     = "rate-limited"
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "password"
}
`),
			Check: resource.ComposeAggregateTestCheckFunc(
				acctest.ExpectRequests(tn, http.MethodPost, "^/api/v2/applications/$", 1),
				acctest.CheckSecretIssued(tn, "registrar_awx_oauth_application.r"),
				func(*terraform.State) error {
					if n := acctest.CountFaults(tn); n != 5 {
						return fmt.Errorf("the mock answered %d requests with 429, want 5", n)
					}
					return nil
				},
			),
		}},
	})
}
