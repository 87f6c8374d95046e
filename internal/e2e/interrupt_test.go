package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// The interrupted-apply test: `terraform apply` of interruptN objects of one resource
// is sent SIGINT once the mock has answered interruptAt creates. Whatever the signal
// cut short (a create in flight, Timeback's reads after its create, LTIaaS's
// deactivate or Cronofy's verification after its create), nothing may be lost: every object the mock holds is
// in state exactly once, untainted, with the secret the mock issued, and the next
// apply converges on interruptN objects.
const (
	interruptN  = 12
	interruptAt = 4
	// interruptParallelism bounds the creates in flight when the signal lands, so
	// that the interrupted apply stops well short of interruptN.
	interruptParallelism = 3
)

// TestInterruptedApply runs the interrupted-apply test for every resource.
func TestInterruptedApply(t *testing.T) {
	t.Parallel()
	for name, c := range resources {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			runInterrupted(t, c)
		})
	}
}

// stateInstance is one instance of a resource in terraform.tfstate.
type stateInstance struct {
	index   any
	id      string
	secret  string
	tainted bool
}

// stateInstances reads every instance of a resource type from terraform.tfstate.
func stateInstances(t *testing.T, dir, resourceType string) []stateInstance {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Resources []struct {
			Mode      string `json:"mode"`
			Type      string `json:"type"`
			Instances []struct {
				IndexKey   any            `json:"index_key"`
				Status     string         `json:"status"`
				Attributes map[string]any `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(data, &st); err != nil {
		t.Fatal(err)
	}
	var out []stateInstance
	for _, r := range st.Resources {
		if r.Mode != "managed" || r.Type != resourceType {
			continue
		}
		for _, in := range r.Instances {
			id, _ := in.Attributes["id"].(string)
			sec, _ := in.Attributes["client_secret"].(string)
			out = append(out, stateInstance{index: in.IndexKey, id: id, secret: sec, tainted: in.Status == "tainted"})
		}
	}
	return out
}

// checkStateMatchesMock checks that every object the mock holds is in state exactly
// once, untainted, with the secret the mock issued, and that the state holds nothing
// else. It returns how many objects the mock holds. Messages never show a secret.
func checkStateMatchesMock(t *testing.T, w *workspace, c testResource, when string) int {
	t.Helper()
	held := c.held(w.tenant)
	seen := map[string]bool{}
	for _, in := range stateInstances(t, w.dir, c.resourceType) {
		addr := fmt.Sprintf("%s.many[%v]", c.resourceType, in.index)
		switch secret, ok := held[in.id]; {
		case in.id == "":
			t.Errorf("%s: %s is in state without an id", when, addr)
		case seen[in.id]:
			t.Errorf("%s: the object %s is in state twice (again as %s)", when, in.id, addr)
		case !ok:
			t.Errorf("%s: %s (id %s) is in state but the mock does not hold it", when, addr, in.id)
		case c.secrets && secret == "":
			t.Errorf("%s: the mock issued no secret for %s (id %s)", when, addr, in.id)
		case in.secret != secret:
			t.Errorf("%s: %s (id %s): the client_secret in state is not the one the platform issued", when, addr, in.id)
		}
		if in.tainted {
			t.Errorf("%s: %s (id %s) is tainted: the next apply would replace it", when, addr, in.id)
		}
		seen[in.id] = true
	}
	for id := range held {
		if !seen[id] {
			t.Errorf("%s: the mock holds %s but the state does not: the object was lost", when, id)
		}
	}
	return len(held)
}

func runInterrupted(t *testing.T, c testResource) {
	w := newWorkspace(t)
	// Latency widens the window in which the signal finds requests in flight; the
	// signal itself is sent at a point the mock's request log defines.
	w.tenant.SetFaults(mockapi.Faults{Latency: 50 * time.Millisecond})
	w.write("main.tf", c.config("many", fmt.Sprintf("  count = %d\n%s", interruptN, c.interruptBody)))

	// The hook sees each request once the mock has handled it and before the
	// response leaves. When the interruptAt-th create has been answered, the test
	// sends SIGINT; responses from then on wait until the signal has been sent, so
	// the follow-up calls of the creates just answered meet the interrupt.
	trigger, signalled := make(chan struct{}), make(chan struct{})
	var mu sync.Mutex
	creates := 0
	w.tenant.OnRequest(func(r mockapi.RequestRecord) {
		if r.Method == "POST" && r.Status/100 == 2 && c.create.MatchString(r.Path) {
			mu.Lock()
			creates++
			if creates == interruptAt {
				close(trigger)
			}
			mu.Unlock()
		}
		select {
		case <-trigger:
			<-signalled
		default:
		}
	})

	logFile := filepath.Join(w.dir, "tf-interrupted.log")
	w.logs = append(w.logs, logFile)
	cmd := exec.Command(tfBin, "apply", "-no-color", "-auto-approve", "-input=false", "-parallelism="+strconv.Itoa(interruptParallelism))
	cmd.Dir = w.dir
	cmd.Env = append(append([]string(nil), w.env...), "TF_LOG=trace", "TF_LOG_PATH="+logFile)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-trigger:
		err := cmd.Process.Signal(os.Interrupt)
		close(signalled)
		if err != nil {
			t.Fatal(err)
		}
	case err := <-done:
		t.Fatalf("apply finished before the interrupt (%v):\n%s", err, out.String())
	case <-time.After(3 * time.Minute):
		// A guard against a hung CLI, not a synchronisation.
		_ = cmd.Process.Kill()
		if err := <-done; err != nil {
			t.Logf("the killed CLI exited: %v", err)
		}
		t.Fatalf("the mock never answered %d creates:\n%s", interruptAt, out.String())
	}
	err := <-done
	w.tenant.OnRequest(nil)
	w.out.WriteString("\n$ terraform apply (interrupted)\n" + out.String())
	if err == nil {
		t.Fatalf("the interrupted apply exited 0:\n%s", out.String())
	}

	first := checkStateMatchesMock(t, w, c, "after the interrupt")
	if first < interruptAt || first >= interruptN {
		t.Fatalf("after the interrupt the mock holds %d objects, want between %d and %d: the test proves nothing", first, interruptAt, interruptN-1)
	}
	if t.Failed() {
		t.Fatalf("the interrupted apply's output:\n%s", out.String())
	}
	warnings := warningSummaries(out.String())

	w.run(0, "apply", "-auto-approve", "-input=false")
	if n := checkStateMatchesMock(t, w, c, "after the second apply"); n != interruptN {
		t.Errorf("after the second apply the mock holds %d objects, want %d", n, interruptN)
	}
	if got := len(stateInstances(t, w.dir, c.resourceType)); got != interruptN {
		t.Errorf("after the second apply the state holds %d instances, want %d", got, interruptN)
	}
	w.run(0, "plan", "-input=false", "-detailed-exitcode")
	if c.converged != nil {
		c.converged(t, w.tenant)
	}
	var secrets []string
	for _, s := range c.held(w.tenant) {
		secrets = append(secrets, s)
	}
	w.assertAbsent("a client secret", secrets...)
	w.assertAbsent("a credential", w.credentials()...)
	t.Logf("%s: interrupted after %d of %d creates; the second apply created the other %d; the interrupted apply warned: %s", c.resourceType, first, interruptN, interruptN-first, warnings)
}

// warningSummaries lists the summaries of the warnings in a command's output, with
// how often each appeared: it shows where the signal landed (a follow-up call it cut
// short is a warning), which the assertions do not depend on.
func warningSummaries(out string) string {
	counts := map[string]int{}
	var order []string
	for _, line := range strings.Split(out, "\n") {
		s, ok := strings.CutPrefix(strings.TrimLeft(line, "│ "), "Warning: ")
		if !ok {
			continue
		}
		if counts[s] == 0 {
			order = append(order, s)
		}
		counts[s]++
	}
	if len(order) == 0 {
		return "nothing"
	}
	parts := make([]string, len(order))
	for i, s := range order {
		parts[i] = fmt.Sprintf("%q ×%d", s, counts[s])
	}
	return strings.Join(parts, ", ")
}
