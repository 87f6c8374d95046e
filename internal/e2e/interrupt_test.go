package e2e

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// stateSecrets reads client_secret of every instance of a resource type from terraform.tfstate.
func stateSecrets(t *testing.T, dir, resourceType string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Resources []struct {
			Type      string `json:"type"`
			Instances []struct {
				Attributes map[string]any `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(data, &st); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range st.Resources {
		if r.Type != resourceType {
			continue
		}
		for _, in := range r.Instances {
			id, _ := in.Attributes["id"].(string)
			sec, _ := in.Attributes["client_secret"].(string)
			out[id] = sec
		}
	}
	return out
}

// TestInterruptedApplyAWX sends SIGINT to `terraform apply` of 30 applications after
// the mock has answered 10 creates. A second apply converges: exactly 30 applications
// exist and the state holds each one's secret.
func TestInterruptedApplyAWX(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t)
	w.tenant.SetFaults(mockapi.Faults{Latency: 50 * time.Millisecond})
	w.write("main.tf", `
terraform {
  required_providers {
    registrar = { source = "registrar-dev/registrar" }
  }
}
provider "registrar" {}

resource "registrar_awx_oauth_application" "many" {
  count                    = 30
  name                     = "interrupted-${count.index}"
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "password"
}
`)
	tenCreated := make(chan struct{})
	var once sync.Once
	created := 0
	var mu sync.Mutex
	w.tenant.OnRequest(func(r mockapi.RequestRecord) {
		if r.Method == "POST" && r.Status == 201 {
			mu.Lock()
			created++
			n := created
			mu.Unlock()
			if n == 10 {
				once.Do(func() { close(tenCreated) })
			}
		}
	})

	cmd := exec.Command(tfBin, "apply", "-no-color", "-auto-approve", "-input=false")
	cmd.Dir = w.dir
	cmd.Env = w.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-tenCreated:
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			t.Fatal(err)
		}
	case err := <-done:
		t.Fatalf("apply finished before the interrupt (%v):\n%s", err, out.String())
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		t.Fatalf("the mock never saw 10 creates:\n%s", out.String())
	}
	err := <-done
	w.tenant.OnRequest(nil)
	if err == nil {
		t.Fatalf("the interrupted apply exited 0:\n%s", out.String())
	}
	first := w.tenant.AWX.Count()
	if first >= 30 {
		t.Fatalf("the interrupt came too late to test anything: %d of 30 created", first)
	}
	if got := len(stateSecrets(t, w.dir, "registrar_awx_oauth_application")); got != first {
		t.Fatalf("after the interrupt the mock holds %d applications but the state %d: an object was lost", first, got)
	}

	w.run(0, "apply", "-auto-approve", "-input=false")
	if n := w.tenant.AWX.Count(); n != 30 {
		t.Fatalf("after the second apply the mock holds %d applications, want 30", n)
	}
	secrets := stateSecrets(t, w.dir, "registrar_awx_oauth_application")
	if len(secrets) != 30 {
		t.Fatalf("the state holds %d applications, want 30", len(secrets))
	}
	for _, a := range w.tenant.AWX.All() {
		if secrets[strconv.Itoa(a.ID)] != a.ClientSecret || a.ClientSecret == "" {
			t.Fatalf("application %d: the secret in state is not the one AWX issued", a.ID)
		}
	}
	t.Logf("interrupted after %d of 30 creates; the second apply created the other %d", first, 30-first)
}
