package e2e

import (
	"fmt"
	"strings"
	"testing"
)

// canaryCase is one secret-bearing resource for the canary test.
type canaryCase struct {
	resourceType string
	body         string // the resource's arguments
	// issued returns the id to import and the secret the mock issued.
	issued func(w *workspace) (id, secret string)
}

func runCanary(t *testing.T, c canaryCase) {
	w := newWorkspace(t)
	addr := c.resourceType + ".canary"
	cfg := func(extra string) string {
		return fmt.Sprintf(`
terraform {
  required_providers {
    registrar = { source = "registrar-dev/registrar" }
  }
}
provider "registrar" {}

variable "secret" {
  type      = string
  sensitive = true
  default   = null
}

resource %q "canary" {
%s
%s
}
`, c.resourceType, c.body, extra)
	}
	w.write("main.tf", cfg(""))
	w.run(0, "apply", "-auto-approve", "-input=false")
	id, secret := c.issued(w)
	if len(secret) < 16 {
		t.Fatalf("the mock issued no usable secret (%d characters)", len(secret))
	}
	w.run(0, "plan", "-input=false", "-detailed-exitcode")
	w.run(0, "apply", "-refresh-only", "-auto-approve", "-input=false")
	if show := w.run(0, "show"); !strings.Contains(show, "(sensitive value)") {
		t.Fatalf("terraform show does not mark the secret sensitive:\n%s", show)
	}
	w.run(0, "state", "rm", addr)
	w.run(0, "import", "-input=false", addr, id)
	w.write("main.tf", cfg("  client_secret_wo = var.secret\n  client_secret_wo_version = 1"))
	w.env = append(w.env, "TF_VAR_secret="+secret)
	w.run(0, "apply", "-auto-approve", "-input=false")
	w.run(0, "plan", "-input=false", "-detailed-exitcode")
	// Where the platform cannot delete the application (Timeback, Cronofy), the plan says
	// so before anyone approves the destroy, once, and the destroy does not repeat it;
	// where it can (the AAP gateway), nothing is said.
	const leftBehind = "application will be left on the platform"
	want := 0
	if c.resourceType == "registrar_timeback_application" || c.resourceType == "registrar_cronofy_application" {
		want = 1
	}
	if out := w.run(0, "plan", "-destroy", "-input=false"); strings.Count(out, leftBehind) != want {
		t.Fatalf("plan -destroy warns %d times that the application stays on the platform, want %d:\n%s", strings.Count(out, leftBehind), want, out)
	}
	if out := w.run(0, "destroy", "-auto-approve", "-input=false"); strings.Count(out, leftBehind) != want {
		t.Fatalf("destroy warns %d times that the application stays on the platform, want %d:\n%s", strings.Count(out, leftBehind), want, out)
	}
	if all := w.everything(); !strings.Contains(all, "request done") {
		t.Fatal("the provider's request log lines are missing from TF_LOG=trace: the check would prove nothing")
	}
	w.assertAbsent("the client secret", secret)
	w.assertAbsent("a credential", w.credentials()...)
}

func TestSecretCanaryTimeback(t *testing.T) {
	t.Parallel()
	runCanary(t, canaryCase{
		resourceType: "registrar_timeback_application",
		body: `  name        = "canary-quiz"
  description = "canary"
  launch_url  = "https://quiz.example.com/launch"`,
		issued: func(w *workspace) (string, string) {
			apps := w.tenant.Timeback.All()
			if len(apps) != 1 {
				w.t.Fatalf("the mock holds %d Timeback applications", len(apps))
			}
			return apps[0].ApplicationID, apps[0].ClientSecret
		},
	})
}

func TestSecretCanaryCronofy(t *testing.T) {
	t.Parallel()
	runCanary(t, canaryCase{
		resourceType: "registrar_cronofy_application",
		body: `  name = "canary-scheduler"
  url  = "https://scheduler.example.com"`,
		issued: func(w *workspace) (string, string) {
			apps := w.tenant.Cronofy.All()
			if len(apps) != 1 {
				w.t.Fatalf("the mock holds %d Cronofy applications", len(apps))
			}
			return apps[0].ClientID, apps[0].ClientSecret
		},
	})
}

func TestSecretCanaryAAP(t *testing.T) {
	t.Parallel()
	runCanary(t, canaryCase{
		resourceType: "registrar_aap_oauth_application",
		body: `  name                     = "canary-portal"
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "authorization-code"
  redirect_uris            = ["https://portal.example.com/cb"]`,
		issued: func(w *workspace) (string, string) {
			apps := w.tenant.AAP.All()
			if len(apps) != 1 {
				w.t.Fatalf("the mock holds %d AAP gateway applications", len(apps))
			}
			return fmt.Sprint(apps[0].ID), apps[0].ClientSecret
		},
	})
}
