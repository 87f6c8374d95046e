package timeback_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

// TestApplication_replaceKeepingNameIsAPlanError: a change that replaces the draft
// while name stays the same is refused at plan, on the attribute that forces the
// replacement, before anything is forgotten; with a new name the same change plans
// a replacement.
func TestApplication_replaceKeepingNameIsAPlanError(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	base := app{Name: "keep-name"}
	with := func(f func(*app)) string { a := base; f(&a); return env.Config(a.hcl()) }
	acctest.Run(t, []resource.TestStep{
		{Config: env.Config(base.hcl())},
		acctest.PlanError(with(func(a *app) { a.Description = "changed" }), "Replacing a Timeback application needs a new name", `Changing description replaces Timeback application "keep-name"`, `but name stays "keep-name"`, "Change name as well"),
		acctest.PlanError(with(func(a *app) { a.LaunchURL = "https://other.example.com/launch" }), "on terraform_plugin_test.tf", "launch_url", "Changing launch_url replaces"),
		acctest.PlanError(with(func(a *app) { a.Extra = "  rotate_when_changed = { rotation = \"1\" }\n" }), "Changing rotate_when_changed replaces"),
		{ // a new name with the rotation: a replacement
			Config:             with(func(a *app) { a.Name = "keep-name-1"; a.Extra = "  rotate_when_changed = { rotation = \"1\" }\n" }),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)},
			},
		},
	})
	if n := tn.Timeback.Count(); n != 1 {
		t.Fatalf("Timeback holds %d applications, want 1 (no refused plan may register anything)", n)
	}
}

// TestApplication_deletionPolicyPrevent: with deletion_policy = "PREVENT" a plan that
// would destroy or replace the draft is an error; switching to ABANDON is an in-place
// change without any request that changes Timeback, after which destroy works.
func TestApplication_deletionPolicyPrevent(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	prevent := app{Name: "protected", Extra: "  deletion_policy = \"PREVENT\"\n"}
	renamed := prevent
	renamed.Name, renamed.Description = "protected-2", "changed"
	abandon := app{Name: "protected", Extra: "  deletion_policy = \"ABANDON\"\n"}
	acctest.Run(t, acctest.DeletionPolicyPrevent(addr, "Timeback application", env.Config(prevent.hcl()),
		[]acctest.Replacement{{Attribute: "description", Config: env.Config(renamed.hcl())}},
		env.Config(abandon.hcl()), nil))
	if n := tn.Timeback.Count(); n != 1 {
		t.Fatalf("Timeback holds %d applications, want 1", n)
	}
	if n := acctest.CountRequests(tn, "POST", "^/applications/1.0/drafts$"); n != 1 {
		t.Fatalf("%d creates, want 1", n)
	}
}
