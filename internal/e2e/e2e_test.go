// Package e2e runs the real provider binary under the real CLI (through
// dev_overrides), the way users run it: terraform on PATH, or the terraform or tofu
// binary TF_ACC_TERRAFORM_PATH names, for what in-process acceptance tests cannot
// show: what Terraform and the provider print and log, and a CLI interrupted by SIGINT.
package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

var (
	pluginDir string
	mock      *mockapi.Server
	tfBin     string
	// cli is the CLI the tests run: TF_ACC_TERRAFORM_PATH (terraform or tofu), or
	// terraform on PATH.
	cli acctest.CLI
)

// skipWithoutTFAcc is terraform-plugin-testing's own message.
const skipWithoutTFAcc = "Acceptance tests skipped unless env 'TF_ACC' set"

// TestMain builds the provider and starts the mock once. Like the acceptance
// tests, these tests run only with TF_ACC set (each skips itself otherwise); with
// TF_ACC set and no CLI, the package fails.
func TestMain(m *testing.M) {
	if os.Getenv("TF_ACC") == "" {
		os.Exit(m.Run())
	}
	var err error
	cli, err = acctest.SetupCLI()
	if err != nil {
		fmt.Fprintln(os.Stderr, "FAIL: "+err.Error())
		os.Exit(1)
	}
	tfBin = cli.Path
	tmp, err := os.MkdirTemp("", "registrar-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	pluginDir = tmp
	build := exec.Command("go", "build", "-o", filepath.Join(tmp, "terraform-provider-registrar"), "github.com/registrar-dev/terraform-provider-registrar")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "FAIL: building the provider: %v\n%s", err, out)
		os.Exit(1)
	}
	mock = mockapi.New()
	if _, err := mock.Start("127.0.0.1:0"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	mock.Close()
	_ = os.RemoveAll(tmp)
	os.Exit(code)
}

// workspace is one test's terraform working directory with its own mock tenant.
type workspace struct {
	t      *testing.T
	dir    string
	tenant *mockapi.Tenant
	env    []string
	// out collects everything every command printed, and logs every TF_LOG file.
	out  bytes.Buffer
	logs []string
}

func newWorkspace(t *testing.T) *workspace {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip(skipWithoutTFAcc)
	}
	dir := t.TempDir()
	rc := filepath.Join(dir, "terraformrc")
	cfg := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"registrar-dev/registrar\" = %q\n  }\n  direct {}\n}\n", pluginDir)
	if err := os.WriteFile(rc, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	tn := mock.NewTenant(t.Name())
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	// The provider finds the tenant the way users find the mock: through the
	// variables registrar-mock -print-env prints.
	for k, v := range tn.ProviderEnv() {
		env = append(env, k+"="+v)
	}
	return &workspace{t: t, dir: dir, tenant: tn, env: env}
}

func (w *workspace) write(name, content string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, name), []byte(content), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// run runs terraform with TF_LOG=trace into a log file, records its output, and
// returns it; it fails the test when the exit code is not want.
func (w *workspace) run(want int, args ...string) string {
	w.t.Helper()
	logFile := filepath.Join(w.dir, fmt.Sprintf("tf-%d.log", len(w.logs)))
	w.logs = append(w.logs, logFile)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	sub := 1
	if args[0] == "state" {
		sub = 2
	}
	full := append(append(append([]string(nil), args[:sub]...), "-no-color"), args[sub:]...)
	cmd := exec.CommandContext(ctx, tfBin, full...)
	cmd.Dir = w.dir
	cmd.Env = append(append([]string(nil), w.env...), "TF_LOG=trace", "TF_LOG_PATH="+logFile)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		w.t.Fatalf("%s %s: %v", cli.Name(), strings.Join(args, " "), err)
	}
	w.out.WriteString("\n$ " + cli.Name() + " " + strings.Join(args, " ") + "\n" + out.String())
	if code != want {
		w.t.Fatalf("%s %s exited %d, want %d:\n%s", cli.Name(), strings.Join(args, " "), code, want, out.String())
	}
	return out.String()
}

// everything is all output and all logs of the workspace so far.
func (w *workspace) everything() string {
	w.t.Helper()
	var b strings.Builder
	b.WriteString(w.out.String())
	for _, f := range w.logs {
		data, err := os.ReadFile(f)
		if err != nil && !os.IsNotExist(err) {
			w.t.Fatal(err)
		}
		b.Write(data)
	}
	return b.String()
}

// assertAbsent fails when any of the values appears in the output or the logs.
func (w *workspace) assertAbsent(what string, values ...string) {
	w.t.Helper()
	all := w.everything()
	if len(all) < 1000 {
		w.t.Fatalf("the logs are nearly empty (%d bytes): TF_LOG=trace did not work, so the check proves nothing", len(all))
	}
	for _, v := range values {
		if v == "" {
			continue
		}
		if strings.Contains(all, v) {
			i := strings.Index(all, v)
			w.t.Errorf("%s %q appears in the output or logs, near: %q", what, v[:min(6, len(v))]+"…", all[max(0, i-200):i])
		}
	}
}

func (w *workspace) credentials() []string {
	c := w.tenant.Creds
	return []string{c.AWXToken, c.AWXPassword, c.LTIaaSAPIKey, c.TPPPassword, c.TimebackToken, c.TimebackClientSecret, c.CronofyAdminAPIKey, c.AAPToken, c.AAPPassword}
}
