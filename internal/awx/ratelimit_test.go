package awx_test

import (
	"fmt"
	"net/http"
	"sort"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

// TestApplication_clientRateLimit: requests_per_second = 10 reaches the client's
// limiter. The apply's provider starts its limiter after the step began (begun), and
// the limiter releases the k-th create no earlier than (k−1) × 100 ms after that; the
// mock sees it later still. So the k-th create to arrive arrives at least
// (k−1) × 100 ms after begun, and load can only delay the arrivals, never bring them
// forward. Without a limiter the 50 creates arrive within about a second of the
// first. How exactly the limiter spaces its releases is TestClient_rateLimit's
// subject (client-side timestamps around each call).
func TestApplication_clientRateLimit(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	env.Top = []string{"requests_per_second = 10"}
	var begun time.Time
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() { begun = time.Now() },
			Config: env.Config(`
resource "registrar_awx_oauth_application" "limited" {
  count                    = 50
  name                     = "limited-${count.index}"
  organization             = 1
  client_type              = "public"
  authorization_grant_type = "password"
}`),
			Check: func(*terraform.State) error {
				var posts []time.Time
				for _, r := range tn.Requests() {
					if r.Method == http.MethodPost {
						posts = append(posts, r.Time)
					}
				}
				if len(posts) != 50 || tn.AWX.Count() != 50 {
					return fmt.Errorf("%d creates reached the mock and it holds %d applications, want 50 and 50", len(posts), tn.AWX.Count())
				}
				sort.Slice(posts, func(i, j int) bool { return posts[i].Before(posts[j]) })
				for k, at := range posts {
					if least := time.Duration(k) * 100 * time.Millisecond; at.Sub(begun) < least {
						return fmt.Errorf("create %d of 50 arrived %v after the apply began: faster than 10 per second (at least %v)", k+1, at.Sub(begun), least)
					}
				}
				return nil
			},
		}},
	})
}
