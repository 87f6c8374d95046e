package cronofy_test

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

// TestApplication_deletionPolicyPrevent: with deletion_policy = "PREVENT" a plan that
// would replace (a changed name, url or rotate_when_changed) or destroy the
// application is an error on the attribute; switching to ABANDON is an in-place
// change with no request to Cronofy, after which destroy works.
func TestApplication_deletionPolicyPrevent(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	prevent := `  deletion_policy = "PREVENT"`
	acctest.Run(t, acctest.DeletionPolicyPrevent(addr, "Cronofy application", env.Config(appHCL("test", "Protected", prevent)),
		[]acctest.Replacement{
			{Attribute: "name", Config: env.Config(appHCL("test", "Protected 2", prevent))},
			{Attribute: "url", Config: env.Config(strings.Replace(appHCL("test", "Protected", prevent), "scheduler.example.com", "other.example.com", 1))},
			{Attribute: "rotate_when_changed", Config: env.Config(appHCL("test", "Protected", prevent+"\n  rotate_when_changed = { rotation = \"2\" }"))},
		},
		env.Config(appHCL("test", "Protected", `  deletion_policy = "ABANDON"`)), onlyCreates(tn, 1)))
	if n := tn.Cronofy.Count(); n != 1 {
		t.Fatalf("Cronofy holds %d applications, want 1", n)
	}
}

// TestApplication_rotationWithoutPolicy: with the default policy a changed
// rotate_when_changed replaces the application; the old one stays in Cronofy.
func TestApplication_rotationWithoutPolicy(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	acctest.Run(t, []resource.TestStep{
		{Config: env.Config(appHCL("test", "Rotating", `  rotate_when_changed = { rotation = "1" }`))},
		{
			Config:           env.Config(appHCL("test", "Rotating", `  rotate_when_changed = { rotation = "2" }`)),
			ConfigPlanChecks: acctest.PreApply(plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)),
			Check:            onlyCreates(tn, 2),
		},
	})
	if n := tn.Cronofy.Count(); n != 2 {
		t.Fatalf("Cronofy holds %d applications, want 2 (the old one is left behind)", n)
	}
}
