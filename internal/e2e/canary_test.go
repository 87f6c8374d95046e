package e2e

import (
	"regexp"
	"strings"
	"testing"
)

// TestSecretCanary: with TF_LOG=trace, apply, plan, refresh, show, import, a
// write-only restore from a sensitive variable, plan -destroy and destroy never print
// or log the client secret or any credential, for every resource that holds a secret.
func TestSecretCanary(t *testing.T) {
	t.Parallel()
	for name, c := range resources {
		if c.canaryBody == "" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			runCanary(t, c)
		})
	}
}

func runCanary(t *testing.T, c testResource) {
	w := newWorkspace(t)
	addr := c.resourceType + ".canary"
	const secretVar = `
variable "secret" {
  type      = string
  sensitive = true
  default   = null
}
`
	w.write("main.tf", c.config("canary", c.canaryBody)+secretVar)
	w.run(0, "apply", "-auto-approve", "-input=false")
	held := c.held(w.tenant)
	if len(held) != 1 {
		t.Fatalf("the mock holds %d %s objects, want 1", len(held), c.resourceType)
	}
	var id, secret string
	for k, v := range held {
		id, secret = k, v
	}
	if len(secret) < 16 {
		t.Fatalf("the mock issued no usable secret (%d characters)", len(secret))
	}
	w.run(0, "plan", "-input=false", "-detailed-exitcode")
	w.run(0, "apply", "-refresh-only", "-auto-approve", "-input=false")
	if show := w.run(0, "show"); !strings.Contains(show, "client_secret") || !strings.Contains(show, "(sensitive value)") {
		t.Fatalf("terraform show does not list the secret as sensitive:\n%s", show)
	}
	w.run(0, "state", "rm", addr)
	imported := w.run(0, "import", "-input=false", addr, id)
	// The import says, once, that the secret is not in state and how to restore it.
	if n := strings.Count(imported, "Warning: Imported without its client secret"); n != 1 {
		t.Fatalf("terraform import printed the missing-secret warning %d times, want once:\n%s", n, imported)
	}
	if !strings.Contains(imported, "client_secret_wo_version") {
		t.Fatalf("the import warning does not say how to restore the secret:\n%s", imported)
	}
	// Restore the secret through the write-only argument, from a sensitive variable.
	w.write("main.tf", c.config("canary", c.canaryBody+"\n  client_secret_wo = var.secret\n  client_secret_wo_version = 1")+secretVar)
	w.env = append(w.env, "TF_VAR_secret="+secret)
	w.run(0, "apply", "-auto-approve", "-input=false")
	w.run(0, "plan", "-input=false", "-detailed-exitcode")
	// Where the platform cannot delete the application (Timeback, Cronofy), the plan says
	// so before anyone approves the destroy, once, and the destroy does not repeat it;
	// where it can, nothing is said, and the destroy deletes it.
	const leftBehind = "application will be left on the platform"
	want := 1
	if c.deletable {
		want = 0
	}
	if out := w.run(0, "plan", "-destroy", "-input=false"); strings.Count(out, leftBehind) != want {
		t.Fatalf("plan -destroy warns %d times that the application stays on the platform, want %d:\n%s", strings.Count(out, leftBehind), want, out)
	}
	if out := w.run(0, "destroy", "-auto-approve", "-input=false"); strings.Count(out, leftBehind) != want {
		t.Fatalf("destroy warns %d times that the application stays on the platform, want %d:\n%s", strings.Count(out, leftBehind), want, out)
	}
	if n := len(c.held(w.tenant)); c.deletable && n != 0 {
		t.Fatalf("destroy left %d objects on the platform", n)
	}
	// The provider's log line of each create the mock answered: without them the
	// absence of the secret from the logs would prove nothing.
	all, creates := w.everything(), 0
	for _, r := range w.tenant.Requests() {
		if r.Method != "POST" || !c.create.MatchString(r.Path) {
			continue
		}
		creates++
		if !regexp.MustCompile(`request done: POST \S*` + regexp.QuoteMeta(r.Path) + ` status=`).MatchString(all) {
			t.Fatalf("the provider's log line for POST %s is missing from TF_LOG=trace: the check would prove nothing", r.Path)
		}
	}
	if creates == 0 {
		t.Fatal("the mock saw no create")
	}
	w.assertAbsent("the client secret", secret)
	w.assertAbsent("a credential", w.credentials()...)
}
