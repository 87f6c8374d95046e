package e2e

import (
	"regexp"
	"strings"
	"testing"
)

// canaryCase is one secret-bearing resource for the canary test.
type canaryCase struct {
	testResource
	body string // the resource's arguments
	// createPath is the path of the create request, which the provider's request log
	// must show.
	createPath string
}

var canaryCases = map[string]canaryCase{
	"awx": {
		testResource: resources["awx"],
		body: `  name                     = "canary"
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "password"`,
		createPath: "/api/v2/applications/",
	},
	"timeback": {
		testResource: resources["timeback"],
		body: `  name        = "canary-quiz"
  description = "canary"
  launch_url  = "https://quiz.example.com/launch"`,
		createPath: "/applications/1.0/drafts",
	},
	"cronofy": {
		testResource: resources["cronofy"],
		body: `  name = "canary-scheduler"
  url  = "https://scheduler.example.com"`,
		createPath: "/v1/applications",
	},
	"aap": {
		testResource: resources["aap"],
		body: `  name                     = "canary-portal"
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "authorization-code"
  redirect_uris            = ["https://portal.example.com/cb"]`,
		createPath: "/api/gateway/v1/applications/",
	},
}

// TestSecretCanary: with TF_LOG=trace, apply, plan, refresh, show, import, a
// write-only restore from a sensitive variable, plan -destroy and destroy never print
// or log the client secret or any credential, for every resource that holds a secret.
func TestSecretCanary(t *testing.T) {
	t.Parallel()
	for name, c := range canaryCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			runCanary(t, c)
		})
	}
}

func runCanary(t *testing.T, c canaryCase) {
	w := newWorkspace(t)
	addr := c.resourceType + ".canary"
	const secretVar = `
variable "secret" {
  type      = string
  sensitive = true
  default   = null
}
`
	w.write("main.tf", c.config("canary", c.body)+secretVar)
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
	w.write("main.tf", c.config("canary", c.body+"\n  client_secret_wo = var.secret\n  client_secret_wo_version = 1")+secretVar)
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
	if !regexp.MustCompile(`request done: POST \S*` + regexp.QuoteMeta(c.createPath)).MatchString(w.everything()) {
		t.Fatalf("the provider's log line for the create (POST …%s) is missing from TF_LOG=trace: the check would prove nothing", c.createPath)
	}
	w.assertAbsent("the client secret", secret)
	w.assertAbsent("a credential", w.credentials()...)
}
