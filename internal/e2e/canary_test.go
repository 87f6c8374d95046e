package e2e

import (
	"fmt"
	"strings"
	"testing"
)

const awxConfig = `
terraform {
  required_providers {
    registrar = { source = "registrar-dev/registrar" }
  }
}
provider "registrar" {}

resource "registrar_awx_oauth_application" "canary" {
  name                     = "canary"
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "password"
%s
}
`

// TestSecretCanaryAWX: with TF_LOG=trace, apply, plan, refresh, show, import, a
// write-only restore and destroy never print or log the client secret or any credential.
func TestSecretCanaryAWX(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t)
	const canary = "CANARYsecretAWX0123456789abcdefghijklmnop"
	w.tenant.AWX.SetNextSecret(canary)
	w.write("main.tf", fmt.Sprintf(awxConfig, ""))
	w.run(0, "apply", "-auto-approve", "-input=false")
	if a := w.tenant.AWX.Get(1); a == nil || a.ClientSecret != canary {
		t.Fatal("the mock did not issue the canary secret")
	}
	w.run(0, "plan", "-input=false", "-detailed-exitcode")
	w.run(0, "apply", "-refresh-only", "-auto-approve", "-input=false")
	show := w.run(0, "show")
	if !strings.Contains(show, "client_secret") || !strings.Contains(show, "(sensitive value)") {
		t.Fatalf("terraform show does not list the secret as sensitive:\n%s", show)
	}
	w.run(0, "state", "rm", "registrar_awx_oauth_application.canary")
	imported := w.run(0, "import", "-input=false", "registrar_awx_oauth_application.canary", "1")
	// The import says, once, that the secret is not in state and how to restore it.
	if n := strings.Count(imported, "Warning: Imported without its client secret"); n != 1 {
		t.Fatalf("terraform import printed the missing-secret warning %d times, want once:\n%s", n, imported)
	}
	if !strings.Contains(imported, "client_secret_wo_version") {
		t.Fatalf("the import warning does not say how to restore the secret:\n%s", imported)
	}
	// Restore the secret through the write-only argument, from a sensitive variable.
	w.write("main.tf", fmt.Sprintf(awxConfig, "  client_secret_wo = var.secret\n  client_secret_wo_version = 1")+`
variable "secret" {
  type      = string
  sensitive = true
}
`)
	w.env = append(w.env, "TF_VAR_secret="+canary)
	w.run(0, "apply", "-auto-approve", "-input=false")
	w.run(0, "plan", "-input=false", "-detailed-exitcode")
	w.run(0, "destroy", "-auto-approve", "-input=false")
	if n := w.tenant.AWX.Count(); n != 0 {
		t.Fatalf("destroy left %d applications", n)
	}
	if all := w.everything(); !strings.Contains(all, "request done") || !strings.Contains(all, "/api/v2/applications/") {
		t.Fatal("the provider's own request log lines are missing from TF_LOG=trace: the canary check would prove nothing")
	}
	w.assertAbsent("the client secret", canary)
	w.assertAbsent("a credential", w.credentials()...)
}
