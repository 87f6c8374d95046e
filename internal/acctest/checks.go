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
// resource instance in state stands for; attr reads a top-level attribute of the
// instance. key names the object in failure messages.
var issuers = map[string]func(tn *mockapi.Tenant, attr func(string) string) (key, secret string, err error){
	"registrar_awx_oauth_application": ansibleIssuer(func(tn *mockapi.Tenant) *mockapi.AnsibleApps { return tn.AWX }),
	"registrar_aap_oauth_application": ansibleIssuer(func(tn *mockapi.Tenant) *mockapi.AnsibleApps { return tn.AAP }),
	"registrar_timeback_application": func(tn *mockapi.Tenant, attr func(string) string) (string, string, error) {
		id := attr("id")
		if a := tn.Timeback.Get(id); a != nil {
			return "id " + id, a.ClientSecret, nil
		}
		return "id " + id, "", nil
	},
	"registrar_cronofy_application": func(tn *mockapi.Tenant, attr func(string) string) (string, string, error) {
		id := attr("client_id")
		if attr("id") != id {
			return "", "", fmt.Errorf("id %q is not the client_id %q", attr("id"), id)
		}
		if a := tn.Cronofy.Get(id); a != nil {
			return "client_id " + id, a.ClientSecret, nil
		}
		return "client_id " + id, "", nil
	},
}

// ansibleIssuer finds the secret of an AWX or AAP gateway application by its numeric id.
func ansibleIssuer(apps func(*mockapi.Tenant) *mockapi.AnsibleApps) func(*mockapi.Tenant, func(string) string) (string, string, error) {
	return func(tn *mockapi.Tenant, attr func(string) string) (string, string, error) {
		id := attr("id")
		n, err := strconv.Atoi(id)
		if a := apps(tn).Get(n); err == nil && a != nil {
			return "id " + id, a.ClientSecret, nil
		}
		return "id " + id, "", nil
	}
}

// checkIssued compares one instance's client_secret with the issued one.
func checkIssued(tn *mockapi.Tenant, address, typ string, attr func(string) string) error {
	issuer, ok := issuers[typ]
	if !ok {
		return fmt.Errorf("%s: the mock issues no secret for %s", address, typ)
	}
	key, want, err := issuer(tn, attr)
	switch {
	case err != nil:
		return fmt.Errorf("%s: %w", address, err)
	case want == "":
		return fmt.Errorf("%s: the mock has no object with %s, or it has no secret", address, key)
	case attr("client_secret") != want:
		return fmt.Errorf("%s (%s): the client_secret in state is not the secret the platform issued", address, key)
	}
	return nil
}

type secretIssued struct {
	tn        *mockapi.Tenant
	addresses []string
}

// SecretIssued checks that the client_secret in state of each resource at the
// addresses ("registrar_awx_oauth_application.test", "….many[3]") is the secret the
// platform issued for that object, and not empty. Without addresses it checks
// every resource in state whose platform issues secrets, and that there is one.
// Its failure messages name the resource, never a secret. CheckSecretIssued is the
// same check for a step's Check (refresh-only steps have no state checks).
func SecretIssued(tn *mockapi.Tenant, addresses ...string) statecheck.StateCheck {
	return secretIssued{tn: tn, addresses: addresses}
}

func (c secretIssued) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
		resp.Error = fmt.Errorf("the state is empty")
		return
	}
	type inst struct {
		typ    string
		values map[string]any
	}
	byAddr := map[string]inst{}
	var all []string
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Mode != "managed" {
			continue
		}
		byAddr[r.Address] = inst{r.Type, r.AttributeValues}
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
		in, ok := byAddr[a]
		if !ok {
			resp.Error = fmt.Errorf("%s is not in state", a)
			return
		}
		attr := func(k string) string { s, _ := in.values[k].(string); return s }
		if err := checkIssued(c.tn, a, in.typ, attr); err != nil {
			resp.Error = err
			return
		}
	}
}

// CheckSecretIssued is SecretIssued as a TestCheckFunc; its addresses use the
// legacy form ("….many.3").
func CheckSecretIssued(tn *mockapi.Tenant, addresses ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rm := s.RootModule()
		addrs := addresses
		if len(addrs) == 0 {
			for a, rs := range rm.Resources {
				if _, ok := issuers[rs.Type]; ok {
					addrs = append(addrs, a)
				}
			}
			if len(addrs) == 0 {
				return fmt.Errorf("the state holds no resource with an issued secret")
			}
			sort.Strings(addrs)
		}
		for _, a := range addrs {
			rs, ok := rm.Resources[a]
			if !ok || rs.Primary == nil {
				return fmt.Errorf("%s is not in state", a)
			}
			attr := func(k string) string {
				if k == "id" {
					return rs.Primary.ID
				}
				return rs.Primary.Attributes[k]
			}
			if err := checkIssued(tn, a, rs.Type, attr); err != nil {
				return err
			}
		}
		return nil
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
