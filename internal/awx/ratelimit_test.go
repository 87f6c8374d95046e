package awx_test

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

// TestApplication_clientRateLimit: with requests_per_second = 10, 50 creates never
// exceed the rate, judged from the mock's own arrival timestamps.
func TestApplication_clientRateLimit(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	env.Top = []string{"requests_per_second = 10"}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
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
					if r.Method == "POST" {
						posts = append(posts, r.Time)
					}
				}
				if len(posts) != 50 || tn.AWX.Count() != 50 {
					return fmt.Errorf("%d creates reached the mock and it holds %d applications, want 50 and 50", len(posts), tn.AWX.Count())
				}
				all := tn.Requests()
				times := make([]time.Time, len(all))
				for i, r := range all {
					times[i] = r.Time
				}
				sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
				// A token bucket of 10/s with a burst of 1 releases any 11 consecutive
				// requests over at least one second, and all 50 over at least 4.9 s. The
				// mock sees them later than the limiter released them, by a delay that
				// varies (dialling, scheduling on a loaded machine: up to ~90 ms seen
				// with -parallel 4 on 2 cores), so each span may look shorter by that
				// much; the allowance is absolute, so the whole run bounds the rate
				// within 3%. A limit of 13 per second already fails the first check.
				const jitter = 150 * time.Millisecond
				for i := 10; i < len(times); i++ {
					if span := times[i].Sub(times[i-10]); span < time.Second-jitter {
						return fmt.Errorf("requests %d to %d arrived within %v: faster than 10 per second", i-10, i, span)
					}
				}
				if span, want := times[len(times)-1].Sub(times[0]), time.Duration(len(times)-1)*100*time.Millisecond; span < want-jitter {
					return fmt.Errorf("%d requests arrived within %v: faster than 10 per second (at least %v)", len(times), span, want)
				}
				return nil
			},
		}},
	})
}
