package acctest

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// issuers find, for a resource type, the secret the platform issued for the object a
// resource instance in state stands for ("" when the mock has no such object).
var issuers = map[string]func(tn *mockapi.Tenant, values map[string]any) (key, secret string){
	"registrar_awx_oauth_application": func(tn *mockapi.Tenant, v map[string]any) (string, string) {
		id, _ := v["id"].(string)
		n, err := strconv.Atoi(id)
		if a := tn.AWX.Get(n); err == nil && a != nil {
			return "id " + id, a.ClientSecret
		}
		return "id " + id, ""
	},
	"registrar_timeback_application": func(tn *mockapi.Tenant, v map[string]any) (string, string) {
		id, _ := v["id"].(string)
		if a := tn.Timeback.Get(id); a != nil {
			return "id " + id, a.ClientSecret
		}
		return "id " + id, ""
	},
	"registrar_cronofy_application": func(tn *mockapi.Tenant, v map[string]any) (string, string) {
		id, _ := v["client_id"].(string)
		if a := tn.Cronofy.Get(id); a != nil {
			return "client_id " + id, a.ClientSecret
		}
		return "client_id " + id, ""
	},
}

type secretIssued struct {
	tn        *mockapi.Tenant
	addresses []string
}

// SecretIssued checks that the client_secret in state of each resource at the
// addresses ("registrar_awx_oauth_application.test", "….many[3]") is the secret the
// platform issued for that object, and not empty. Without addresses it checks
// every resource in state whose platform issues secrets, and that there is one.
// Its failure messages name the resource, never a secret.
func SecretIssued(tn *mockapi.Tenant, addresses ...string) statecheck.StateCheck {
	return secretIssued{tn: tn, addresses: addresses}
}

func (c secretIssued) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
		resp.Error = fmt.Errorf("the state is empty")
		return
	}
	byAddr := map[string]map[string]any{}
	var all []string
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Mode != "managed" {
			continue
		}
		byAddr[r.Address] = r.AttributeValues
		if _, ok := issuers[r.Type]; ok {
			all = append(all, r.Address)
		}
	}
	addrs := c.addresses
	if len(addrs) == 0 {
		if len(all) == 0 {
			resp.Error = fmt.Errorf("the state holds no resource with an issued secret")
			return
		}
		sort.Strings(all)
		addrs = all
	}
	for _, a := range addrs {
		values, ok := byAddr[a]
		if !ok {
			resp.Error = fmt.Errorf("%s is not in state", a)
			return
		}
		typ, _, _ := strings.Cut(a, ".")
		issuer, ok := issuers[typ]
		if !ok {
			resp.Error = fmt.Errorf("%s: the mock issues no secret for %s", a, typ)
			return
		}
		key, want := issuer(c.tn, values)
		if want == "" {
			resp.Error = fmt.Errorf("%s: the mock has no object with %s, or it has no secret", a, key)
			return
		}
		if got, _ := values["client_secret"].(string); got != want {
			resp.Error = fmt.Errorf("%s (%s): the client_secret in state is not the secret the platform issued", a, key)
			return
		}
	}
}

// CountRequests counts the tenant's requests with this method ("" for any) whose
// path matches pathRe ("" for any).
func CountRequests(tn *mockapi.Tenant, method, pathRe string) int {
	re := regexp.MustCompile(pathRe)
	n := 0
	for _, r := range tn.Requests() {
		if (method == "" || r.Method == method) && re.MatchString(r.Path) {
			n++
		}
	}
	return n
}

// CountFaults counts the tenant's requests that met an injected fault.
func CountFaults(tn *mockapi.Tenant) int {
	n := 0
	for _, r := range tn.Requests() {
		if r.Fault != "" {
			n++
		}
	}
	return n
}

// ExpectRequests is a check that exactly want requests as in CountRequests have
// reached the tenant.
func ExpectRequests(tn *mockapi.Tenant, method, pathRe string, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := CountRequests(tn, method, pathRe); n != want {
			what := strings.TrimSpace(method + " " + pathRe)
			if what == "" {
				what = "all"
			}
			return fmt.Errorf("%d requests (%s) reached the mock, want %d", n, what, want)
		}
		return nil
	}
}

// ExpectNoRequests fails the test when any request reached the tenant: for
// configurations that must be rejected before the provider calls a platform.
func ExpectNoRequests(t testing.TB, tn *mockapi.Tenant) {
	t.Helper()
	if reqs := tn.Requests(); len(reqs) != 0 {
		t.Fatalf("%d requests reached the mock, want none; the first: %s %s (HTTP %d)", len(reqs), reqs[0].Method, reqs[0].Path, reqs[0].Status)
	}
}
