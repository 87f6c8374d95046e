package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestModuleLTITool runs the lti-tool example module's own `terraform test` suite
// (examples/modules/lti-tool/tests) with the real provider binary against the mock,
// the way a module author runs it: validation runs, mock_provider unit runs, and
// apply runs that register, rotate and deactivate against the platforms. It also
// checks what the suite left on the mock and that no secret reached any output or log.
func TestModuleLTITool(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t)
	src, err := filepath.Abs("../../examples/modules/lti-tool")
	if err != nil {
		t.Fatal(err)
	}
	mod := filepath.Join(w.dir, "lti-tool")
	if err := os.CopyFS(mod, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	w.dir = mod
	// Installed as users install it: `init` from a filesystem mirror (the suite's
	// setup module needs init; dev_overrides would skip the installation). The mirror
	// holds the provider under both registry hosts: Terraform resolves
	// "registrar-dev/registrar" to registry.terraform.io, OpenTofu to registry.opentofu.org.
	mirror := filepath.Join(w.dir, "..", "mirror")
	var include []string
	for _, host := range []string{"registry.terraform.io", "registry.opentofu.org"} {
		bin := filepath.Join(mirror, host, "registrar-dev/registrar/0.1.0", runtime.GOOS+"_"+runtime.GOARCH, "terraform-provider-registrar_v0.1.0")
		if err := os.MkdirAll(filepath.Dir(bin), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(pluginDir, "terraform-provider-registrar"), bin); err != nil {
			t.Fatal(err)
		}
		include = append(include, fmt.Sprintf("%q", host+"/registrar-dev/registrar"))
	}
	rc := filepath.Join(w.dir, "..", "mirror.tfrc")
	list := strings.Join(include, ", ")
	w.write("../mirror.tfrc", fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path    = %q\n    include = [%s]\n  }\n  direct {\n    exclude = [%s]\n  }\n}\n", mirror, list, list))
	w.env = append(w.env, "TF_CLI_CONFIG_FILE="+rc)
	w.run(0, "init", "-input=false")
	out := w.run(0, "test")
	for _, want := range []string{
		`run "registers_the_tool"... pass`,
		`run "rotates_the_automation_secret"... pass`,
		`run "deactivates_the_lms_and_drops_automation"... pass`,
		`run "wires_the_inputs"... pass`,
		`run "organization_is_a_positive_id"... pass`,
		"Success! 12 passed, 0 failed.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("%s test output lacks %q:\n%s", cli.Name(), want, out)
		}
	}

	// What the apply runs did on the platforms, seen from the mock.
	tn := w.tenant
	tb := tn.Timeback.All()
	if len(tb) != 1 || !strings.HasPrefix(tb[0].Name, "Registrar module test v") {
		t.Fatalf("Timeback holds %+v, want the one draft the suite registered (Timeback cannot delete it)", tb)
	}
	if n := tn.LTIaaS.Count(); n != 0 {
		t.Errorf("LTIaaS holds %d platforms after the suite's destroy, want 0", n)
	}
	if n := tn.AWX.Count(); n != 0 {
		t.Errorf("AWX holds %d applications after the suite's destroy, want 0", n)
	}
	var awxCreates, ltiaasCreates int
	for _, r := range tn.Requests() {
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/applications/") {
			awxCreates++
		}
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/platforms") {
			ltiaasCreates++
		}
	}
	if awxCreates != 2 || ltiaasCreates != 1 {
		t.Errorf("%d AWX and %d LTIaaS creates, want 2 (the rotation replaces it) and 1 (deactivated in place)", awxCreates, ltiaasCreates)
	}
	w.assertAbsent("a client secret", tb[0].ClientSecret)
	w.assertAbsent("a credential", w.credentials()...)
}
