package awx_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
	"github.com/registrar-dev/terraform-provider-registrar/internal/awx"
	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// seed registers applications behind Terraform's back, through the API client.
func seed(t *testing.T, tn *mockapi.Tenant, ins ...awx.CreateInput) {
	t.Helper()
	c, err := awx.NewClient(transport.DefaultSettings(), awx.Config{BaseURL: tn.URL(), Token: tn.Creds.AWXToken})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range ins {
		if _, err := c.Create(context.Background(), in); err != nil {
			t.Fatalf("creating %s: %v", in.Name, err)
		}
	}
}

func publicApp(name string, org int64) awx.CreateInput {
	return awx.CreateInput{Name: name, Organization: org, ClientType: "public", AuthorizationGrantType: "password"}
}

func listServer(t *testing.T, env *acctest.Env) *acctest.ListServer {
	return env.NewListServer(t, map[string]map[string]string{"awx": {"base_url": env.Tenant.URL(), "token": env.Tenant.Creds.AWXToken}})
}

func errorsOf(diags []acctest.ListDiag) []string {
	var out []string
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			out = append(out, d.Summary+": "+d.Detail)
		}
	}
	return out
}

// Every application across several pages, each once, with its identity; the
// organization and name filters; the request's limit.
func TestListResource_pagingAndFilters(t *testing.T) {
	env := acctest.New(t)
	var ins []awx.CreateInput
	for i := range 430 {
		ins = append(ins, publicApp(fmt.Sprintf("app-%03d", i), 1))
	}
	for i := range 25 {
		ins = append(ins, publicApp(fmt.Sprintf("eng-%02d", i), 2))
	}
	seed(t, env.Tenant, ins...)
	s := listServer(t, env)

	all, diags := s.List("registrar_awx_oauth_application", nil, false, 0)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %+v", diags)
	}
	if len(all) != 455 {
		t.Fatalf("listed %d applications, want 455", len(all))
	}
	seen := map[string]bool{}
	for _, r := range all {
		id := r.Identity["id"]
		if _, err := strconv.Atoi(id); err != nil || seen[id] {
			t.Fatalf("identity id %q missing, not numeric or listed twice", id)
		}
		seen[id] = true
		if r.Resource != nil {
			t.Fatalf("resource object returned without include_resource")
		}
	}
	if got := acctest.CountRequests(env.Tenant, "GET", `/applications/$`); got != 3 {
		t.Errorf("%d list pages requested, want 3 (200 per page)", got)
	}

	eng, _ := s.List("registrar_awx_oauth_application", map[string]any{"organization": int64(2)}, true, 0)
	if len(eng) != 25 {
		t.Fatalf("organization 2: %d applications, want 25", len(eng))
	}
	for _, r := range eng {
		var org = r.Resource["organization"].String()
		if !strings.Contains(org, "2") || !strings.HasPrefix(r.DisplayName, "eng-") {
			t.Fatalf("organization filter let through %s (%s)", r.DisplayName, org)
		}
	}
	one, _ := s.List("registrar_awx_oauth_application", map[string]any{"organization": int64(1), "name": "app-042"}, true, 0)
	if len(one) != 1 || !strings.HasPrefix(one[0].DisplayName, "app-042 ") {
		t.Fatalf("name filter: %+v", one)
	}
	limited, _ := s.List("registrar_awx_oauth_application", nil, false, 7)
	if len(limited) != 7 {
		t.Fatalf("limit 7: %d results", len(limited))
	}
}

// The resource object carries no secret: AWX shows it only at creation, and the
// provider never puts one into a list result.
func TestListResource_noSecret(t *testing.T) {
	env := acctest.New(t)
	seed(t, env.Tenant, awx.CreateInput{Name: "conf", Organization: 1, ClientType: "confidential", AuthorizationGrantType: "authorization-code", RedirectURIs: "https://a.example.com/cb"})
	s := listServer(t, env)
	rs, diags := s.List("registrar_awx_oauth_application", nil, true, 0)
	if len(rs) != 1 || len(diags) != 0 {
		t.Fatalf("results %+v, diagnostics %+v", rs, diags)
	}
	for _, name := range []string{"client_secret", "client_secret_wo", "client_secret_wo_version", "rotate_when_changed"} {
		if v := rs[0].Resource[name]; !v.IsNull() {
			t.Errorf("%s is %s in the list result, want null", name, v)
		}
	}
	if rs[0].Identity["id"] == "" || rs[0].Resource["id"].String() == "" {
		t.Fatalf("no id: %+v", rs[0])
	}
}

// A platform whose next link never ends, and a listing beyond the provider's bound,
// both stop.
func TestListResource_bounds(t *testing.T) {
	env := acctest.New(t)
	seed(t, env.Tenant, publicApp("a", 1), publicApp("b", 1))
	s := listServer(t, env)

	env.Tenant.SetFaults(mockapi.Faults{EndlessNext: "self"})
	rs, diags := s.List("registrar_awx_oauth_application", nil, false, 0)
	if len(rs) != 2 || len(errorsOf(diags)) != 1 || !strings.Contains(errorsOf(diags)[0], "does not advance") && !strings.Contains(errorsOf(diags)[0], "never end") {
		t.Fatalf("self-pointing next: %d results, diagnostics %+v", len(rs), diags)
	}
	env.Tenant.SetFaults(mockapi.Faults{EndlessNext: "advance"})
	before := acctest.CountRequests(env.Tenant, "GET", `/applications/$`)
	rs, diags = s.List("registrar_awx_oauth_application", nil, false, 0)
	if len(rs) != 2 || len(diags) != 0 {
		t.Fatalf("endless advancing next: %d results, diagnostics %+v", len(rs), diags)
	}
	if pages := acctest.CountRequests(env.Tenant, "GET", `/applications/$`) - before; pages != 2 {
		t.Errorf("endless advancing next: %d pages requested, want 2 (the empty page ends it)", pages)
	}
	env.Tenant.SetFaults(mockapi.Faults{})

	saved := tfx.MaxListItems
	t.Cleanup(func() { tfx.MaxListItems = saved })
	tfx.MaxListItems = 1
	rs, diags = s.List("registrar_awx_oauth_application", nil, false, 0)
	if len(rs) != 1 || len(diags) != 1 || diags[0].Summary != "List truncated" {
		t.Fatalf("bound 1: %d results, diagnostics %+v", len(rs), diags)
	}
}

// What `terraform query -generate-config-out` would write from the list results plans
// clean: imports and no change.
func TestListResource_generatedConfigPlansClean(t *testing.T) {
	env := acctest.New(t)
	seed(t, env.Tenant,
		awx.CreateInput{Name: "web", Description: "the web app", Organization: 1, ClientType: "confidential", AuthorizationGrantType: "authorization-code", RedirectURIs: "https://a.example.com/cb https://b.example.com/cb", SkipAuthorization: true},
		publicApp("cli", 2),
	)
	s := listServer(t, env)
	rs, diags := s.List("registrar_awx_oauth_application", nil, true, 0)
	if len(rs) != 2 || len(diags) != 0 {
		t.Fatalf("results %+v, diagnostics %+v", rs, diags)
	}
	var body strings.Builder
	var checks []plancheck.PlanCheck
	for i, r := range rs {
		name := fmt.Sprintf("app_%d", i)
		body.WriteString(s.GeneratedConfig("registrar_awx_oauth_application", name, r.Identity["id"], r) + "\n")
		checks = append(checks, plancheck.ExpectResourceAction("registrar_awx_oauth_application."+name, plancheck.ResourceActionNoop))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:           env.Config(body.String()),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: checks},
		}},
	})
}
