package e2e

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const encryptedConfig = `
terraform {
  required_providers {
    registrar = { source = "registrar-dev/registrar" }
  }

  # OpenTofu's client-side encryption: state and saved plans are encrypted with a
  # key derived from the passphrase before they are written anywhere.
  encryption {
    key_provider "pbkdf2" "main" {
      passphrase = var.state_passphrase
      # The minimum OpenTofu accepts (default 600000): each command derives the key
      # several times, and this test runs nine commands.
      iterations = 200000
    }
    method "aes_gcm" "main" {
      keys = key_provider.pbkdf2.main
    }
    state {
      method   = method.aes_gcm.main
      enforced = true
    }
    plan {
      method   = method.aes_gcm.main
      enforced = true
    }
  }
}

variable "state_passphrase" {
  type      = string
  sensitive = true
}

provider "registrar" {}

resource "registrar_awx_oauth_application" "portal" {
  name                     = "encrypted-portal"
  description              = %q
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "password"
}

resource "registrar_timeback_application" "quiz" {
  name        = "encrypted-quiz"
  description = "state encryption"
  launch_url  = "https://quiz.example.com/launch"
}

resource "registrar_cronofy_application" "scheduler" {
  name = "encrypted-scheduler"
  url  = "https://scheduler.example.com"
}

output "awx_client_secret" {
  value     = registrar_awx_oauth_application.portal.client_secret
  sensitive = true
}
`

// TestStateEncryptionOpenTofu applies a configuration with OpenTofu's state and plan
// encryption and checks that no client secret reaches any file in the working
// directory in clear text (the state, its backup, a saved plan), that the state is
// really encrypted (a wrong passphrase cannot read it), and that plan, apply of a
// saved plan and destroy still work, with the secrets still readable through tofu
// (`tofu output -raw`, `tofu state pull`). Terraform has no state encryption, so the
// test needs OpenTofu; .ci/run fails when the OpenTofu pass did not run it.
func TestStateEncryptionOpenTofu(t *testing.T) {
	t.Parallel()
	if os.Getenv("TF_ACC") != "" && !cli.OpenTofu {
		t.Skipf("needs OpenTofu (state and plan encryption is an OpenTofu feature), and the CLI is %s: "+
			"run make test-tofu, or set TF_ACC_TERRAFORM_PATH to a tofu binary", cli.Version)
	}
	w := newWorkspace(t)
	w.tenant.Timeback.SetSandboxCredentials(true)
	const passphrase = "correct horse battery staple, for the tests"
	w.env = append(w.env, "TF_VAR_state_passphrase="+passphrase)
	w.write("main.tf", strings.Replace(encryptedConfig, "%q", `"before"`, 1))
	w.run(0, "apply", "-auto-approve", "-input=false")

	awx := w.tenant.AWX.All()
	tb := w.tenant.Timeback.All()
	cr := w.tenant.Cronofy.All()
	if len(awx) != 1 || len(tb) != 1 || len(cr) != 1 {
		t.Fatalf("the mock holds %d AWX, %d Timeback and %d Cronofy applications, want one each", len(awx), len(tb), len(cr))
	}
	secrets := []string{awx[0].ClientSecret, tb[0].ClientSecret, tb[0].SandboxClientSecret, cr[0].ClientSecret}
	for i, s := range secrets {
		if len(s) < 16 {
			t.Fatalf("the mock issued no usable secret #%d (%d characters)", i, len(s))
		}
	}
	checkEncrypted(t, w, secrets)

	// The state is readable with the passphrase, and only with it.
	w.run(0, "plan", "-input=false", "-detailed-exitcode")
	wrong := append(append([]string(nil), w.env...), "TF_VAR_state_passphrase=not the passphrase of this state")
	good := w.env
	w.env = wrong
	if out := w.run(1, "plan", "-input=false"); !strings.Contains(strings.ToLower(out), "decrypt") {
		t.Errorf("a plan with the wrong passphrase failed without saying it could not decrypt the state:\n%s", out)
	}
	w.env = good

	// A saved plan is encrypted too, and applies.
	w.write("main.tf", strings.Replace(encryptedConfig, "%q", `"after"`, 1))
	w.run(2, "plan", "-input=false", "-detailed-exitcode", "-out=update.tfplan")
	plan, err := os.ReadFile(filepath.Join(w.dir, "update.tfplan"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(plan, []byte("PK")) {
		t.Error("the saved plan is a plain zip archive: plan encryption did not apply")
	}
	w.run(0, "apply", "-input=false", "update.tfplan")
	if got := w.tenant.AWX.All(); len(got) != 1 || got[0].Description != "after" {
		t.Fatalf("the saved plan did not update the AWX application in place: %+v", got)
	}
	w.run(0, "plan", "-input=false", "-detailed-exitcode")
	checkEncrypted(t, w, secrets)
	w.assertAbsent("a client secret", secrets...)
	w.assertAbsent("a credential", w.credentials()...)

	// tofu itself still shows the secrets to whoever holds the passphrase.
	if out := w.run(0, "output", "-raw", "awx_client_secret"); out != awx[0].ClientSecret {
		t.Error("tofu output -raw does not print the AWX client secret")
	}
	pulled := w.run(0, "state", "pull")
	for i, s := range secrets {
		if !strings.Contains(pulled, s) {
			t.Errorf("tofu state pull does not show secret #%d: the state lost it", i)
		}
	}

	w.run(0, "destroy", "-auto-approve", "-input=false")
	if n := w.tenant.AWX.Count(); n != 0 {
		t.Errorf("destroy left %d AWX applications", n)
	}
	checkEncrypted(t, w, secrets)
}

// checkEncrypted fails when any file in the working directory other than the
// test's own TF_LOG files holds a secret, and when the state file is not OpenTofu's
// encrypted format.
func checkEncrypted(t *testing.T, w *workspace, secrets []string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(w.dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	var st map[string]json.RawMessage
	if err := json.Unmarshal(data, &st); err != nil {
		t.Fatalf("terraform.tfstate is not JSON: %v", err)
	}
	if _, ok := st["encrypted_data"]; !ok {
		t.Fatalf("terraform.tfstate has no encrypted_data: it is not encrypted (keys: %v)", keys(st))
	}
	if _, ok := st["resources"]; ok {
		t.Fatal("terraform.tfstate lists its resources in clear text")
	}
	files := 0
	err = filepath.WalkDir(w.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), "tf-") && strings.HasSuffix(d.Name(), ".log") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		for i, s := range secrets {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s holds client secret #%d in clear text", p, i)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 2 {
		t.Fatalf("only %d files in the working directory: the check proves nothing", files)
	}
}

func keys(m map[string]json.RawMessage) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
