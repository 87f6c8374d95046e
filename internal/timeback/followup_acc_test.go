package timeback_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// TestApplication_followUpFailureKeepsUntainted: Timeback cannot delete a draft, so
// a failed follow-up read after the create (503s or 429s through every retry) must
// not taint the resource: a replacement would only forget the draft, fail on the
// taken name and lose the secret. The apply succeeds with a warning, the state holds
// the id and the secret untainted, and the next apply converges on the same draft
// without a second create.
func TestApplication_followUpFailureKeepsUntainted(t *testing.T) {
	for _, tc := range []struct {
		name string
		// after is the request after which the platform starts failing.
		afterMethod, afterSuffix string
		faults                   mockapi.Faults
	}{
		// max_retries is 4 in the test provider block: 5 answers exhaust a call.
		{"credentials 503", http.MethodPost, "/applications/1.0/drafts", mockapi.Faults{Next503: 5}},
		{"application 429", http.MethodGet, "/credentials", mockapi.Faults{Next429: 5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := acctest.New(t)
			tn := env.Tenant
			var once sync.Once
			tn.OnRequest(func(r mockapi.RequestRecord) {
				if r.Method == tc.afterMethod && strings.HasSuffix(r.Path, tc.afterSuffix) && r.Status < 300 {
					once.Do(func() { tn.SetFaults(tc.faults) })
				}
			})
			name := "followup-" + strings.ReplaceAll(tc.name, " ", "-")
			cfg := env.Config(app{Name: name}.hcl())
			sameID := statecheck.CompareValue(compare.ValuesSame())
			sameSecret := statecheck.CompareValue(compare.ValuesSame())
			notTainted := func(s *terraform.State) error {
				rs, ok := s.RootModule().Resources[addr]
				if !ok {
					return fmt.Errorf("%s is not in state", addr)
				}
				if rs.Primary.Tainted {
					return fmt.Errorf("%s is tainted", addr)
				}
				return nil
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config: cfg,
						ConfigStateChecks: []statecheck.StateCheck{
							sameID.AddStateValue(addr, tfjsonpath.New("id")),
							sameSecret.AddStateValue(addr, tfjsonpath.New("client_secret")),
						},
						Check: resource.ComposeAggregateTestCheckFunc(notTainted, acctest.CheckSecretIssued(tn)),
					},
					{
						Config:           cfg,
						ConfigPlanChecks: acctest.PreApply(plancheck.ExpectEmptyPlan()),
						ConfigStateChecks: []statecheck.StateCheck{
							sameID.AddStateValue(addr, tfjsonpath.New("id")),
							sameSecret.AddStateValue(addr, tfjsonpath.New("client_secret")),
						},
						Check: resource.ComposeAggregateTestCheckFunc(notTainted, acctest.CheckSecretIssued(tn),
							resource.TestCheckResourceAttr(addr, "token_url", tn.Timeback.AppTokenURL()),
							resource.TestCheckResourceAttr(addr, "scopes.0", "lti.readonly"),
							acctest.ExpectRequests(tn, http.MethodPost, "^/applications/1.0/drafts$", 1)),
					},
				},
			})
		})
	}
}
