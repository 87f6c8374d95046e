// Package acctest is the harness of the acceptance tests: one in-process mock
// server per test binary, a fresh mock tenant per test (so tests run in parallel
// without seeing each other's objects or faults), provider factories, and the
// provider configuration that points every platform at the tenant.
package acctest

import (
	"fmt"
	"maps"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
	"github.com/registrar-dev/terraform-provider-registrar/internal/provider"
)

// ProviderFactories serve the provider in-process to the terraform CLI, through the
// same server wrapper as the released binary (provider.NewProtocol6).
var ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"registrar": provider.NewProtocol6WithError("test"),
}

var (
	mockOnce sync.Once
	mock     *mockapi.Server
	mockErr  error
)

// Mock returns the test binary's shared mock server, started on first use.
func Mock(t testing.TB) *mockapi.Server {
	t.Helper()
	mockOnce.Do(func() {
		mock = mockapi.New()
		_, mockErr = mock.Start("127.0.0.1:0")
	})
	if mockErr != nil {
		t.Fatalf("starting the mock server: %v", mockErr)
	}
	return mock
}

// Main runs a package's tests. Without TF_ACC the unit tests run and every
// acceptance test skips itself (terraform-plugin-testing's own check in
// resource.Test); with TF_ACC set (make test and CI set it) they all run, and a
// missing CLI fails the package loudly instead of letting terraform-plugin-testing
// try to download one. The CLI is TF_ACC_TERRAFORM_PATH, or terraform on PATH;
// when it is OpenTofu, Main sets what OpenTofu needs (see SetupCLI). Call it from
// TestMain.
func Main(m *testing.M) {
	_ = os.Setenv("CHECKPOINT_DISABLE", "1")
	if os.Getenv(resource.EnvTfAcc) != "" {
		cli, err := SetupCLI()
		if err != nil {
			fmt.Fprintln(os.Stderr, "FAIL: "+err.Error())
			os.Exit(1)
		}
		_ = os.Setenv("TF_ACC_TERRAFORM_PATH", cli.Path)
	}
	code := m.Run()
	if mock != nil {
		mock.Close()
	}
	cleanupCLI()
	os.Exit(code)
}

// CLI is the command line tool the acceptance and end-to-end tests run.
type CLI struct {
	Path     string
	OpenTofu bool
	// Version is the first line of `version`, such as "Terraform v1.11.4" or "OpenTofu v1.12.6".
	Version string
}

// Name is the CLI's command name as users type it: "terraform" or "tofu".
func (c CLI) Name() string {
	if c.OpenTofu {
		return "tofu"
	}
	return "terraform"
}

var (
	cliOnce    sync.Once
	cli        CLI
	cliErr     error
	cliCleanup []string
)

// SetupCLI finds the CLI (TF_ACC_TERRAFORM_PATH, else terraform on PATH), tells
// Terraform from OpenTofu by its `version` output, and sets in the process
// environment what the CLI needs to run offline under the test harness:
//
//   - TF_CLI_CONFIG_FILE pointing at a file that exists. Terraform only warns about
//     a missing one on stderr, but OpenTofu prints the warning on stdout, where
//     terraform-exec parses `version` and fails.
//   - for OpenTofu, TF_ACC_PROVIDER_HOST=registry.opentofu.org and
//     TF_ACC_PROVIDER_NAMESPACE=hashicorp, so that the in-process provider's address
//     is the one OpenTofu resolves "registrar" to (OpenTofu's default registry host is
//     registry.opentofu.org, Terraform's registry.terraform.io).
//
// Settings already in the environment are kept. It runs once per test binary.
func SetupCLI() (CLI, error) {
	cliOnce.Do(func() { cli, cliErr = setupCLI() })
	return cli, cliErr
}

func setupCLI() (CLI, error) {
	p := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if p == "" {
		var err error
		p, err = exec.LookPath("terraform")
		if err != nil {
			return CLI{}, fmt.Errorf("TF_ACC is set and the acceptance tests need the terraform CLI (1.11 or later) on PATH, and it was not found: " +
				"install it from your package manager or https://developer.hashicorp.com/terraform/install, or set TF_ACC_TERRAFORM_PATH " +
				"to a terraform or tofu binary (or unset TF_ACC to run the unit tests only)")
		}
	}
	if cf := os.Getenv("TF_CLI_CONFIG_FILE"); cf != "" {
		if _, err := os.Stat(cf); err != nil {
			f, err := os.CreateTemp("", "registrar-acc-*.tfrc")
			if err != nil {
				return CLI{}, err
			}
			_ = f.Close()
			cliCleanup = append(cliCleanup, f.Name())
			_ = os.Setenv("TF_CLI_CONFIG_FILE", f.Name())
		}
	}
	cmd := exec.Command(p, "version")
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	if err != nil {
		return CLI{}, fmt.Errorf("TF_ACC is set and %s version failed (%v): TF_ACC_TERRAFORM_PATH must name a terraform or tofu binary", p, err)
	}
	c := CLI{Path: p}
	for _, l := range strings.Split(string(out), "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "Terraform v") || strings.HasPrefix(l, "OpenTofu v") {
			c.Version = l
			c.OpenTofu = strings.HasPrefix(l, "OpenTofu")
			break
		}
	}
	if c.Version == "" {
		return CLI{}, fmt.Errorf("%s version printed neither \"Terraform v…\" nor \"OpenTofu v…\": %q", p, out)
	}
	if c.OpenTofu {
		if os.Getenv("TF_ACC_PROVIDER_HOST") == "" {
			_ = os.Setenv("TF_ACC_PROVIDER_HOST", "registry.opentofu.org")
		}
		if os.Getenv("TF_ACC_PROVIDER_NAMESPACE") == "" {
			_ = os.Setenv("TF_ACC_PROVIDER_NAMESPACE", "hashicorp")
		}
	}
	return c, nil
}

func cleanupCLI() {
	for _, f := range cliCleanup {
		_ = os.Remove(f)
	}
}

// Env is one test's tenant on the shared mock.
type Env struct {
	Tenant *mockapi.Tenant
	// Top holds extra top-level provider settings (HCL lines), such as "requests_per_second = 10".
	Top []string
}

// New gives the test a fresh tenant.
func New(t testing.TB) *Env {
	t.Helper()
	return &Env{Tenant: Mock(t).NewTenant(t.Name())}
}

// blocks renders each platform's provider block pointing at the tenant. A platform
// without resources yet is left out.
var blocks = map[string]func(url string, c mockapi.Credentials) string{
	"awx": func(u string, c mockapi.Credentials) string {
		return fmt.Sprintf("  awx {\n    base_url = %q\n    token    = %q\n  }\n", u, c.AWXToken)
	},
	"ltiaas": func(u string, c mockapi.Credentials) string {
		return fmt.Sprintf("  ltiaas {\n    base_url = %q\n    api_key  = %q\n  }\n", u, c.LTIaaSAPIKey)
	},
	"tpp": func(u string, c mockapi.Credentials) string {
		return fmt.Sprintf("  tpp {\n    base_url  = %q\n    username  = %q\n    password  = %q\n    client_id = %q\n  }\n", u, c.TPPUsername, c.TPPPassword, c.TPPClientID)
	},
	"timeback": func(u string, c mockapi.Credentials) string {
		return fmt.Sprintf("  timeback {\n    base_url = %q\n    token    = %q\n  }\n", u, c.TimebackToken)
	},
	"aap": func(u string, c mockapi.Credentials) string {
		return fmt.Sprintf("  aap {\n    base_url = %q\n    token    = %q\n  }\n", u, c.AAPToken)
	},
	"cronofy": func(u string, c mockapi.Credentials) string {
		return fmt.Sprintf("  cronofy {\n    base_url      = %q\n    admin_api_key = %q\n  }\n", u, c.CronofyAdminAPIKey)
	},
}

// ProviderConfig is the provider block for the tenant: every registered platform,
// fast retries, and any Top settings. Override lets a test replace one platform's
// block ("awx" → its HCL).
func (e *Env) ProviderConfig(override map[string]string) string {
	var b strings.Builder
	b.WriteString("provider \"registrar\" {\n")
	top := map[string]string{"max_retries": "4", "retry_max_wait_seconds": "1"}
	for _, l := range e.Top {
		k, v, _ := strings.Cut(l, "=")
		top[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	keys := slices.Sorted(maps.Keys(top))
	for _, k := range keys {
		fmt.Fprintf(&b, "  %s = %s\n", k, top[k])
	}
	for _, p := range provider.Platforms() {
		if hcl, ok := override[p.Block]; ok {
			b.WriteString(hcl)
			continue
		}
		if f, ok := blocks[p.Block]; ok && len(p.Resources) > 0 {
			b.WriteString(f(e.Tenant.URL(), e.Tenant.Creds))
		}
	}
	b.WriteString("}\n")
	return b.String()
}

// Config is the provider block followed by the test's resources.
func (e *Env) Config(body string) string { return e.ProviderConfig(nil) + "\n" + body }

// ErrorMatching matches a diagnostic that contains the parts in order. Terraform
// wraps long diagnostics, so any white space in a part matches any run of white space.
func ErrorMatching(parts ...string) *regexp.Regexp {
	quoted := make([]string, len(parts))
	for i, p := range parts {
		words := strings.Fields(p)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		quoted[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, `.*`))
}
