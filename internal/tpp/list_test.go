package tpp_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
)

const listType = "registrar_tpp_oauth_application"

func listServer(t *testing.T, env *acctest.Env) *acctest.ListServer {
	c := env.Tenant.Creds
	return env.NewListServer(t, map[string]map[string]string{"tpp": {"base_url": env.Tenant.URL(), "username": c.TPPUsername, "password": c.TPPPassword, "client_id": c.TPPClientID}})
}

// Every application across several EnumerateApplications pages, each once with its
// identity; the limit; the provider's bound.
func TestListResource_pagingAndBounds(t *testing.T) {
	env := acctest.New(t)
	for i := range 250 {
		env.Tenant.TPP.Put(mockapi.TPPApp{ID: fmt.Sprintf("app-%03d", i), Name: fmt.Sprintf("App %d", i), Scope: "certificate", MaximumScope: "certificate"})
	}
	s := listServer(t, env)
	all, diags := s.List(listType, nil, true, 0)
	if len(all) != 250 || len(diags) != 0 {
		t.Fatalf("%d results, diagnostics %+v", len(all), diags)
	}
	seen := map[string]bool{}
	for _, r := range all {
		id := r.Identity["application_id"]
		if id == "" || seen[id] || !strings.Contains(r.Resource["application_id"].String(), id) {
			t.Fatalf("identity %v missing, listed twice or not the object's", r.Identity)
		}
		seen[id] = true
	}
	if got := acctest.CountRequests(env.Tenant, "POST", `(?i)/EnumerateApplications$`); got != 3 {
		t.Errorf("%d EnumerateApplications pages, want 3 (100 per page)", got)
	}
	if limited, _ := s.List(listType, nil, false, 3); len(limited) != 3 {
		t.Fatalf("limit 3: %d results", len(limited))
	}
	saved := tfx.MaxListItems
	t.Cleanup(func() { tfx.MaxListItems = saved })
	tfx.MaxListItems = 120
	rs, diags := s.List(listType, nil, false, 0)
	if len(rs) != 120 || len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityWarning || diags[0].Summary != "List truncated" {
		t.Fatalf("bound 120: %d results, diagnostics %+v", len(rs), diags)
	}
}

// What `terraform query -generate-config-out` would write plans clean.
func TestListResource_generatedConfigPlansClean(t *testing.T) {
	env := acctest.New(t)
	env.Tenant.TPP.Put(mockapi.TPPApp{ID: "registrar-ci", Name: "Registrar CI", Vendor: "Example Corp", Description: "CI", URL: "https://ci.example.com", Scope: "certificate:manage", MaximumScope: "certificate:manage,revoke", AccessValidity: 3600, GrantValidity: 86400, Renewable: true})
	env.Tenant.TPP.Put(mockapi.TPPApp{ID: "other", Name: "Other", Vendor: "Other Corp", Scope: "certificate", MaximumScope: "certificate"})
	s := listServer(t, env)
	rs, diags := s.List(listType, nil, true, 0)
	if len(rs) != 2 || len(diags) != 0 {
		t.Fatalf("results %+v, diagnostics %+v", rs, diags)
	}
	var body strings.Builder
	var checks []plancheck.PlanCheck
	for i, r := range rs {
		name := fmt.Sprintf("app_%d", i)
		body.WriteString(s.GeneratedConfig(listType, name, r.Identity["application_id"], r) + "\n")
		checks = append(checks, plancheck.ExpectResourceAction(listType+"."+name, plancheck.ResourceActionNoop))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:           env.Config(body.String()),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: checks},
		}},
	})
}
