package acctest

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// Run runs steps as a parallel acceptance test against the in-process provider: the
// TestCase nearly every acceptance test writes. A test that needs more of the
// TestCase (CheckDestroy, version checks, other providers) calls resource.ParallelTest.
func Run(t *testing.T, steps []resource.TestStep) {
	t.Helper()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: ProviderFactories,
		Steps:                    steps,
	})
}

// PreApply is the ConfigPlanChecks of a step whose plan, before it is applied, must
// pass checks (such as plancheck.ExpectResourceAction).
func PreApply(checks ...plancheck.PlanCheck) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: checks}
}

// PlanError is a step whose plan of config must fail with a diagnostic holding the
// parts in order (ErrorMatching); nothing is applied.
func PlanError(config string, parts ...string) resource.TestStep {
	return resource.TestStep{Config: config, PlanOnly: true, ExpectError: ErrorMatching(parts...)}
}

// DestroyError is a step whose destroy of config must fail with a diagnostic holding
// the parts in order: a destroy the provider refuses at plan.
func DestroyError(config string, parts ...string) resource.TestStep {
	return resource.TestStep{Config: config, Destroy: true, ExpectError: ErrorMatching(parts...)}
}

// LoseNextCreate makes the tenant store the next create but lose its response, and
// returns the secret the platform issues with it (setNextSecret is the platform's
// SetNextSecret): the secret a user finds on the platform to restore with
// client_secret_wo (see RecoverLostCreate).
func LoseNextCreate(tn *mockapi.Tenant, setNextSecret func(string)) string {
	const secret = "restored-secret-0123456789abcdefghij"
	setNextSecret(secret)
	tn.SetFaults(mockapi.Faults{DropCreates: 1})
	return secret
}

// RecoverLostCreate are the steps that follow a create whose response was lost, on a
// platform where the provider cannot look the object up, as the diagnostic tells the
// user to go on: find the object on the platform, import it into address by its id, and
// restore its secret with client_secret_wo (restore is the configuration that holds
// it). all lists every object the platform holds, which must be one: the create was
// not resent. check then holds, and the next plan is empty.
func RecoverLostCreate[T any](address, restore string, all func() []T, id func(T) string, check resource.TestCheckFunc) []resource.TestStep {
	return []resource.TestStep{
		{
			Config:             restore,
			ResourceName:       address,
			ImportState:        true,
			ImportStatePersist: true,
			ImportStateIdFunc: func(*terraform.State) (string, error) {
				held := all()
				if len(held) != 1 {
					return "", fmt.Errorf("the mock holds %d objects after the lost response, want 1 (no resend)", len(held))
				}
				return id(held[0]), nil
			},
		},
		{Config: restore, Check: check},
		{Config: restore, PlanOnly: true},
	}
}

// Replacement is a configuration that would replace an object because Attribute changed.
type Replacement struct {
	Attribute, Config string
}

// DeletionPolicyPrevent are the steps that show deletion_policy = "PREVENT" at work on
// the resource at address, which the diagnostics call what ("Cronofy application"):
// the object is created from prevent; each replacement fails its plan on the resource,
// naming the attribute that forces it; the destroy fails; and abandon, the same object
// with deletion_policy = "ABANDON", is an in-place update after which check holds, so
// that the test's own destroy works.
func DeletionPolicyPrevent(address, what, prevent string, replacements []Replacement, abandon string, check resource.TestCheckFunc) []resource.TestStep {
	protected := what + " is protected by deletion_policy"
	steps := []resource.TestStep{{Config: prevent}}
	for _, r := range replacements {
		steps = append(steps, PlanError(r.Config, protected, "with "+address, "Changing "+r.Attribute+" replaces", `deletion_policy is "PREVENT"`))
	}
	return append(steps,
		DestroyError(prevent, protected, "This plan would destroy", `set deletion_policy = "ABANDON"`),
		resource.TestStep{
			Config:           abandon,
			ConfigPlanChecks: PreApply(plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate)),
			Check:            check,
		},
	)
}
