package ltiaas_test

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

const listType = "registrar_ltiaas_platform"

func listServer(t *testing.T, env *acctest.Env) *acctest.ListServer {
	return env.NewListServer(t, map[string]map[string]string{"ltiaas": {"base_url": env.Tenant.URL(), "api_key": env.Tenant.Creds.LTIaaSAPIKey}})
}

func register(tn *mockapi.Tenant, url, clientID string) mockapi.LTIaaSPlatform {
	return tn.LTIaaS.Register(mockapi.LTIaaSPlatform{
		URL: url, ClientID: clientID, Name: "LMS " + clientID,
		AuthenticationEndpoint: url + "/auth", AccesstokenEndpoint: url + "/token",
		AuthConfig: mockapi.LTIaaSAuthConfig{Method: "JWK_SET", Key: url + "/jwks"}, Active: true,
	})
}

// Every registration, each once with its identity; the url and client_id filters;
// the limit; the provider's bound.
func TestListResource_filtersAndBounds(t *testing.T) {
	env := acctest.New(t)
	for i := range 120 {
		register(env.Tenant, fmt.Sprintf("https://lms%d.example.com", i%3), fmt.Sprintf("client-%03d", i))
	}
	s := listServer(t, env)

	all, diags := s.List(listType, nil, false, 0)
	if len(all) != 120 || len(diags) != 0 {
		t.Fatalf("%d results, diagnostics %+v", len(all), diags)
	}
	seen := map[string]bool{}
	for _, r := range all {
		if id := r.Identity["id"]; id == "" || seen[id] {
			t.Fatalf("identity %v missing or listed twice", r.Identity)
		}
		seen[r.Identity["id"]] = true
	}
	byURL, _ := s.List(listType, map[string]any{"url": "https://lms1.example.com"}, true, 0)
	if len(byURL) != 40 {
		t.Fatalf("url filter: %d results, want 40", len(byURL))
	}
	for _, r := range byURL {
		if !strings.Contains(r.Resource["url"].String(), "lms1.example.com") {
			t.Fatalf("url filter let through %s", r.Resource["url"])
		}
	}
	one, _ := s.List(listType, map[string]any{"client_id": "client-007"}, true, 0)
	if len(one) != 1 || !strings.Contains(one[0].Resource["client_id"].String(), "client-007") {
		t.Fatalf("client_id filter: %+v", one)
	}
	if limited, _ := s.List(listType, nil, false, 5); len(limited) != 5 {
		t.Fatalf("limit 5: %d results", len(limited))
	}

	saved := tfx.MaxListItems
	t.Cleanup(func() { tfx.MaxListItems = saved })
	tfx.MaxListItems = 50
	rs, diags := s.List(listType, nil, false, 0)
	if len(rs) != 50 || len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityWarning || diags[0].Summary != "List truncated" {
		t.Fatalf("bound 50: %d results, diagnostics %+v", len(rs), diags)
	}
}

// An API error (here a wrong key) is an error diagnostic, not an empty listing.
func TestListResource_apiError(t *testing.T) {
	env := acctest.New(t)
	s := env.NewListServer(t, map[string]map[string]string{"ltiaas": {"base_url": env.Tenant.URL(), "api_key": "wrong"}})
	rs, diags := s.List(listType, nil, false, 0)
	if len(rs) != 0 || len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityError || !strings.Contains(diags[0].Summary, "Could not list LTIaaS platforms") {
		t.Fatalf("results %+v, diagnostics %+v", rs, diags)
	}
}

// What `terraform query -generate-config-out` would write plans clean.
func TestListResource_generatedConfigPlansClean(t *testing.T) {
	env := acctest.New(t)
	register(env.Tenant, "https://canvas.example.edu", "10000000000001")
	p := register(env.Tenant, "https://moodle.example.edu", "abc")
	env.Tenant.LTIaaS.Edit(p.ID, func(p *mockapi.LTIaaSPlatform) {
		p.Active = false
		p.AuthorizationServer = "https://moodle.example.edu/aud"
	})
	s := listServer(t, env)
	rs, diags := s.List(listType, nil, true, 0)
	if len(rs) != 2 || len(diags) != 0 {
		t.Fatalf("results %+v, diagnostics %+v", rs, diags)
	}
	var body strings.Builder
	var checks []plancheck.PlanCheck
	for i, r := range rs {
		name := fmt.Sprintf("lms_%d", i)
		body.WriteString(s.GeneratedConfig(listType, name, r.Identity["id"], r) + "\n")
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
