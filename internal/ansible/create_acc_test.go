package ansible_test

import (
	"fmt"
	"net/http"
	"sort"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// TestApplication_duplicateNameNamesOrganization: a name the organization already
// has is the platform's 400, with the existing application's id and import command.
func TestApplication_duplicateNameNamesOrganization(t *testing.T) {
	eachFlavor(t, func(t *testing.T, f flavor) {
		env := acctest.New(t)
		tn := env.Tenant
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProviderFactories,
			Steps: []resource.TestStep{{
				Config: env.Config(f.app("taken", nil) + fmt.Sprintf(`
resource %q "dup" {
  name                     = %s.name
  organization             = 1
  client_type              = "public"
  authorization_grant_type = "password"
}
`, f.typ, f.addr)),
				ExpectError: acctest.ErrorMatching(`HTTP 400`, f.duplicate, `organization 1 already has one named "taken" (id 1)`, `terraform import `+f.typ+`.<name> 1`),
			}},
		})
		if n := f.apps(tn).Count(); n != 0 {
			t.Fatalf("after destroy the mock holds %d applications", n)
		}
	})
}

func TestApplication_faultsSurvivedWithoutDuplicates(t *testing.T) {
	eachFlavor(t, func(t *testing.T, f flavor) {
		env := acctest.New(t)
		tn := env.Tenant
		env.Top = []string{"max_retries = 10"}
		tn.SetFaults(mockapi.Faults{Rate429: 0.25, Rate503: 0.15, Seed: 7})
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProviderFactories,
			Steps: []resource.TestStep{{
				Config:            env.Config(f.many(6, "faulty", "confidential")),
				ConfigStateChecks: []statecheck.StateCheck{acctest.SecretIssued(tn)},
				Check: resource.ComposeAggregateTestCheckFunc(f.count(tn, 6), func(*terraform.State) error {
					if acctest.CountFaults(tn) == 0 {
						return fmt.Errorf("no fault was injected: the test proves nothing")
					}
					return nil
				}),
			}},
		})
	})
}

// TestApplication_lostCreateResponse: the platform stores the application and the
// response is lost; the provider finds it by (name, organization), reports it with
// the import command and does not create a second one. Imported, with its secret
// restored, it plans no change.
func TestApplication_lostCreateResponse(t *testing.T) {
	eachFlavor(t, func(t *testing.T, f flavor) {
		env := acctest.New(t)
		tn := env.Tenant
		tn.SetFaults(mockapi.Faults{DropCreates: 1})
		f.apps(tn).SetNextSecret(knownSecret)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config:      env.Config(f.app("lost", nil)),
					ExpectError: acctest.ErrorMatching(`may exist outside Terraform state`, `response was lost`, `with id "1"`, `no duplicate`, `terraform import `+f.typ+`.<name> 1`),
				},
				{ // import the orphan, restore its secret, and the plan is empty
					PreConfig: func() {
						if n := f.apps(tn).Count(); n != 1 {
							t.Errorf("after the lost response the mock holds %d applications, want 1", n)
						}
					},
					Config: env.Config(f.importing("1") + f.restoring("lost")),
					Check:  acctest.CheckSecretIssued(tn, f.addr),
				},
				{Config: env.Config(f.restoring("lost")), PlanOnly: true},
			},
		})
	})
}

// TestApplication_malformedCreateResponses: a create answered with a body the
// provider cannot read is never resent: the application is found by name and
// reported with its import command, and only one exists.
func TestApplication_malformedCreateResponses(t *testing.T) {
	eachFlavor(t, func(t *testing.T, f flavor) {
		t.Parallel()
		for _, mode := range []string{"html", "truncated", "notjson", "omit:id"} {
			t.Run(mode, func(t *testing.T) {
				env := acctest.New(t)
				env.Tenant.SetFaults(mockapi.Faults{MalformCreates: 1, Malform: mode})
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: acctest.ProviderFactories,
					Steps: []resource.TestStep{{
						Config:      env.Config(f.app("garbled", map[string]string{"authorization_grant_type": `"password"`})),
						ExpectError: acctest.ErrorMatching(`may exist outside Terraform state`, `with id "1"`, `terraform import `+f.typ+`.<name> 1`),
					}},
				})
				if n := f.apps(env.Tenant).Count(); n != 1 {
					t.Fatalf("the mock holds %d applications, want 1 (no resend)", n)
				}
			})
		}
	})
}

// TestApplication_createResponseWithoutSecret: a create response with an id but no
// secret still puts the id into state.
func TestApplication_createResponseWithoutSecret(t *testing.T) {
	eachFlavor(t, func(t *testing.T, f flavor) {
		env := acctest.New(t)
		env.Tenant.SetFaults(mockapi.Faults{MalformCreates: 1, Malform: "omit:client_secret"})
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProviderFactories,
			Steps: []resource.TestStep{{
				Config: env.Config(f.app("nosecret", map[string]string{"authorization_grant_type": `"password"`})),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(f.addr, tfjsonpath.New("id"), knownvalue.StringExact("1")),
					statecheck.ExpectKnownValue(f.addr, tfjsonpath.New("client_secret"), knownvalue.Null()),
				},
			}},
		})
	})
}

// TestApplication_clientRateLimit: requests_per_second = 10 reaches the client's
// limiter. The apply's provider starts its limiter after the step began (begun), and
// the limiter releases the k-th create no earlier than (k−1) × 100 ms after that; the
// mock sees it later still. So the k-th create to arrive arrives at least
// (k−1) × 100 ms after begun, and load can only delay the arrivals, never bring them
// forward. Without a limiter the 50 creates arrive within about a second of the
// first. How exactly the limiter spaces its releases is internal/awx TestClient_rateLimit's
// subject (client-side timestamps around each call).
func TestApplication_clientRateLimit(t *testing.T) {
	eachFlavor(t, func(t *testing.T, f flavor) {
		env := acctest.New(t)
		tn := env.Tenant
		env.Top = []string{"requests_per_second = 10"}
		var begun time.Time
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProviderFactories,
			Steps: []resource.TestStep{{
				PreConfig: func() { begun = time.Now() },
				Config:    env.Config(f.many(50, "limited", "public")),
				Check: func(*terraform.State) error {
					var posts []time.Time
					for _, r := range tn.Requests() {
						if r.Method == http.MethodPost {
							posts = append(posts, r.Time)
						}
					}
					if n := f.apps(tn).Count(); len(posts) != 50 || n != 50 {
						return fmt.Errorf("%d creates reached the mock and it holds %d applications, want 50 and 50", len(posts), n)
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
	})
}
