package provider_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
	"github.com/registrar-dev/terraform-provider-registrar/internal/ansible"
	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// listPlatform is a platform with a list resource, as the list tests need it.
type listPlatform struct {
	typ    string
	idAttr string // the identity attribute the resource's import takes
	// block is the platform's provider block; settings its settings for the tenant.
	block    string
	settings func(tn *mockapi.Tenant) map[string]string
	// seed registers n plain objects behind Terraform's back; rich registers two
	// with every optional argument the platform keeps set (or left as the platform
	// sets it), which the generated configuration must reproduce.
	seed func(t *testing.T, tn *mockapi.Tenant, n int)
	rich func(t *testing.T, tn *mockapi.Tenant)
	// pages: with perPage set, listing 2 × perPage + 1 objects takes three requests
	// (method, path as in acctest.CountRequests).
	perPage            int
	pageMethod, pageRe string
}

func (p listPlatform) server(t *testing.T, env *acctest.Env) *acctest.ListServer {
	return env.NewListServer(t, map[string]map[string]string{p.block: p.settings(env.Tenant)})
}

// ansibleSeed registers applications on AWX or the AAP gateway through the API
// client, as another tool would.
func ansibleSeed(t *testing.T, cfg ansible.Config, ins ...ansible.CreateInput) {
	t.Helper()
	c, err := ansible.NewClient(transport.DefaultSettings(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range ins {
		if _, err := c.Create(context.Background(), in); err != nil {
			t.Fatalf("creating %s: %v", in.Name, err)
		}
	}
}

func awxSeed(t *testing.T, tn *mockapi.Tenant, ins ...ansible.CreateInput) {
	t.Helper()
	ansibleSeed(t, ansible.Config{Platform: "AWX", BaseURL: tn.URL(), DefaultAPIPath: "/api/v2/", Token: tn.Creds.AWXToken}, ins...)
}

func aapSeed(t *testing.T, tn *mockapi.Tenant, ins ...ansible.CreateInput) {
	t.Helper()
	ansibleSeed(t, ansible.Config{Platform: "AAP", BaseURL: tn.URL(), DefaultAPIPath: "/api/gateway/v1/", Token: tn.Creds.AAPToken}, ins...)
}

// ansibleSeeds pairs the AWX and AAP gateway lists with the seed that registers
// applications on each.
var ansibleSeeds = []struct {
	listPlatform
	seed func(t *testing.T, tn *mockapi.Tenant, ins ...ansible.CreateInput)
}{{awxList, awxSeed}, {aapList, aapSeed}}

// ansibleList is AWX's or the AAP gateway's list, seeded by seed.
func ansibleList(typ, block string, token func(mockapi.Credentials) string, seed func(t *testing.T, tn *mockapi.Tenant, ins ...ansible.CreateInput)) listPlatform {
	return listPlatform{
		typ: typ, idAttr: "id", block: block,
		settings: func(tn *mockapi.Tenant) map[string]string {
			return map[string]string{"base_url": tn.URL(), "token": token(tn.Creds)}
		},
		seed: func(t *testing.T, tn *mockapi.Tenant, n int) {
			ins := make([]ansible.CreateInput, n)
			for i := range ins {
				ins[i] = ansible.CreateInput{Name: fmt.Sprintf("app-%03d", i), Organization: 1, ClientType: "public", AuthorizationGrantType: "password"}
			}
			seed(t, tn, ins...)
		},
		rich: func(t *testing.T, tn *mockapi.Tenant) {
			seed(t, tn,
				ansible.CreateInput{Name: "web", Description: "the web app", Organization: 1, ClientType: "confidential", AuthorizationGrantType: "authorization-code",
					RedirectURIs: "https://a.example.com/cb https://b.example.com/cb", SkipAuthorization: true},
				ansible.CreateInput{Name: "cli", Organization: 2, ClientType: "public", AuthorizationGrantType: "password"},
			)
		},
		perPage: 200, pageMethod: "GET", pageRe: `/applications/$`,
	}
}

func ltiaasRegister(tn *mockapi.Tenant, url, clientID string) mockapi.LTIaaSPlatform {
	return tn.LTIaaS.Register(mockapi.LTIaaSPlatform{
		URL: url, ClientID: clientID, Name: "LMS " + clientID,
		AuthenticationEndpoint: url + "/auth", AccesstokenEndpoint: url + "/token",
		AuthConfig: mockapi.LTIaaSAuthConfig{Method: "JWK_SET", Key: url + "/jwks"}, Active: true,
	})
}

var (
	awxList    = ansibleList("registrar_awx_oauth_application", "awx", func(c mockapi.Credentials) string { return c.AWXToken }, awxSeed)
	aapList    = ansibleList("registrar_aap_oauth_application", "aap", func(c mockapi.Credentials) string { return c.AAPToken }, aapSeed)
	ltiaasList = listPlatform{
		typ: "registrar_ltiaas_platform", idAttr: "id",
		block: "ltiaas", settings: func(tn *mockapi.Tenant) map[string]string {
			return map[string]string{"base_url": tn.URL(), "api_key": tn.Creds.LTIaaSAPIKey}
		},
		seed: func(_ *testing.T, tn *mockapi.Tenant, n int) {
			for i := range n {
				ltiaasRegister(tn, fmt.Sprintf("https://lms%d.example.com", i%3), fmt.Sprintf("client-%03d", i))
			}
		},
		rich: func(_ *testing.T, tn *mockapi.Tenant) {
			ltiaasRegister(tn, "https://canvas.example.edu", "10000000000001")
			p := ltiaasRegister(tn, "https://moodle.example.edu", "abc")
			tn.LTIaaS.Edit(p.ID, func(p *mockapi.LTIaaSPlatform) {
				p.Active = false
				p.AuthorizationServer = "https://moodle.example.edu/aud"
			})
		},
	}
	tppList = listPlatform{
		typ: "registrar_tpp_oauth_application", idAttr: "application_id",
		block: "tpp", settings: func(tn *mockapi.Tenant) map[string]string {
			c := tn.Creds
			return map[string]string{"base_url": tn.URL(), "username": c.TPPUsername, "password": c.TPPPassword, "client_id": c.TPPClientID}
		},
		seed: func(_ *testing.T, tn *mockapi.Tenant, n int) {
			for i := range n {
				tn.TPP.Put(mockapi.TPPApp{ID: fmt.Sprintf("app-%03d", i), Name: fmt.Sprintf("App %d", i), Scope: "certificate", MaximumScope: "certificate"})
			}
		},
		rich: func(_ *testing.T, tn *mockapi.Tenant) {
			tn.TPP.Put(mockapi.TPPApp{ID: "registrar-ci", Name: "Registrar CI", Vendor: "Example Corp", Description: "CI", URL: "https://ci.example.com",
				Scope: "certificate:manage", MaximumScope: "certificate:manage,revoke", AccessValidity: 3600, GrantValidity: 86400, Renewable: true})
			tn.TPP.Put(mockapi.TPPApp{ID: "other", Name: "Other", Vendor: "Other Corp", Scope: "certificate", MaximumScope: "certificate"})
		},
		perPage: 100, pageMethod: "POST", pageRe: `(?i)/EnumerateApplications$`,
	}
	listPlatforms = []listPlatform{awxList, aapList, ltiaasList, tppList}
)

// TestListResource_everyObjectOnce: every object, across several pages where the
// platform pages, each once with its identity, which is the object's own; no resource
// object unless asked for; the request's limit; the provider's bound, which truncates
// with a warning. Not parallel: the bound is a package variable.
func TestListResource_everyObjectOnce(t *testing.T) {
	for _, p := range listPlatforms {
		t.Run(strings.TrimPrefix(p.typ, "registrar_"), func(t *testing.T) {
			env := acctest.New(t)
			n := 120
			if p.perPage > 0 {
				n = 2*p.perPage + 1
			}
			p.seed(t, env.Tenant, n)
			s := p.server(t, env)

			all, diags := s.List(p.typ, nil, false, 0)
			if len(all) != n || len(diags) != 0 {
				t.Fatalf("listed %d objects, want %d; diagnostics %+v", len(all), n, diags)
			}
			seen := map[string]bool{}
			for _, r := range all {
				id := r.Identity[p.idAttr]
				if id == "" || seen[id] {
					t.Fatalf("identity %v missing or listed twice", r.Identity)
				}
				seen[id] = true
				if r.Resource != nil {
					t.Fatalf("resource object returned without include_resource")
				}
			}
			if p.perPage > 0 {
				if got := acctest.CountRequests(env.Tenant, p.pageMethod, p.pageRe); got != 3 {
					t.Errorf("%d list pages requested, want 3 (%d per page)", got, p.perPage)
				}
			}
			withObjects, _ := s.List(p.typ, nil, true, 0)
			for _, r := range withObjects {
				if id := r.Identity[p.idAttr]; !strings.Contains(r.Resource[p.idAttr].String(), id) {
					t.Fatalf("identity %v is not the object's (%s)", r.Identity, r.Resource[p.idAttr])
				}
			}
			if limited, _ := s.List(p.typ, nil, false, 7); len(limited) != 7 {
				t.Fatalf("limit 7: %d results", len(limited))
			}

			saved := tfx.MaxListItems
			t.Cleanup(func() { tfx.MaxListItems = saved })
			tfx.MaxListItems = 50
			rs, diags := s.List(p.typ, nil, false, 0)
			if len(rs) != 50 || len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityWarning || diags[0].Summary != "List truncated" {
				t.Fatalf("bound 50: %d results, diagnostics %+v", len(rs), diags)
			}
		})
	}
}

// TestListResource_generatedConfigPlansClean: what `terraform query
// -generate-config-out` would write from the list results plans clean: imports and
// no change.
func TestListResource_generatedConfigPlansClean(t *testing.T) {
	for _, p := range listPlatforms {
		t.Run(strings.TrimPrefix(p.typ, "registrar_"), func(t *testing.T) {
			env := acctest.New(t)
			p.rich(t, env.Tenant)
			s := p.server(t, env)
			rs, diags := s.List(p.typ, nil, true, 0)
			if len(rs) != 2 || len(diags) != 0 {
				t.Fatalf("results %+v, diagnostics %+v", rs, diags)
			}
			var body strings.Builder
			var checks []plancheck.PlanCheck
			for i, r := range rs {
				name := fmt.Sprintf("listed_%d", i)
				body.WriteString(s.GeneratedConfig(p.typ, name, r.Identity[p.idAttr], r) + "\n")
				checks = append(checks, plancheck.ExpectResourceAction(p.typ+"."+name, plancheck.ResourceActionNoop))
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:           env.Config(body.String()),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: checks},
				}},
			})
		})
	}
}

// TestListResource_filters: each filter lets through the objects it names and only
// them.
func TestListResource_filters(t *testing.T) {
	type query struct {
		filters map[string]any
		want    int
		match   func(r acctest.ListResult) bool
	}
	has := func(attr, part string) func(r acctest.ListResult) bool {
		return func(r acctest.ListResult) bool { return strings.Contains(r.Resource[attr].String(), part) }
	}
	type filterCase struct {
		listPlatform
		seed    func(t *testing.T, tn *mockapi.Tenant)
		queries []query
	}
	var cases []filterCase
	for _, a := range ansibleSeeds {
		cases = append(cases, filterCase{
			// two organizations, over several pages
			listPlatform: a.listPlatform,
			seed: func(t *testing.T, tn *mockapi.Tenant) {
				var ins []ansible.CreateInput
				for i := range 430 {
					ins = append(ins, ansible.CreateInput{Name: fmt.Sprintf("app-%03d", i), Organization: 1, ClientType: "public", AuthorizationGrantType: "password"})
				}
				for i := range 25 {
					ins = append(ins, ansible.CreateInput{Name: fmt.Sprintf("eng-%02d", i), Organization: 2, ClientType: "public", AuthorizationGrantType: "password"})
				}
				a.seed(t, tn, ins...)
			},
			queries: []query{
				{map[string]any{"organization": int64(2)}, 25, func(r acctest.ListResult) bool {
					return has("organization", "2")(r) && strings.HasPrefix(r.DisplayName, "eng-")
				}},
				{map[string]any{"organization": int64(1), "name": "app-042"}, 1, func(r acctest.ListResult) bool { return strings.HasPrefix(r.DisplayName, "app-042 ") }},
			},
		})
	}
	cases = append(cases, filterCase{
		// three urls in turn
		listPlatform: ltiaasList,
		seed:         func(t *testing.T, tn *mockapi.Tenant) { ltiaasList.seed(t, tn, 120) },
		queries: []query{
			{map[string]any{"url": "https://lms1.example.com"}, 40, has("url", "lms1.example.com")},
			{map[string]any{"client_id": "client-007"}, 1, has("client_id", "client-007")},
		},
	})
	for _, c := range cases {
		t.Run(strings.TrimPrefix(c.typ, "registrar_"), func(t *testing.T) {
			env := acctest.New(t)
			c.seed(t, env.Tenant)
			s := c.server(t, env)
			for _, q := range c.queries {
				rs, diags := s.List(c.typ, q.filters, true, 0)
				if len(rs) != q.want || len(diags) != 0 {
					t.Fatalf("%v: %d results, want %d; diagnostics %+v", q.filters, len(rs), q.want, diags)
				}
				for _, r := range rs {
					if !q.match(r) {
						t.Fatalf("%v let through %s", q.filters, r.DisplayName)
					}
				}
			}
		})
	}
}

// TestListResource_noSecret: the resource object carries no secret: AWX and the AAP
// gateway show it only at creation, and the provider never puts one into a list result.
func TestListResource_noSecret(t *testing.T) {
	for _, a := range ansibleSeeds {
		t.Run(strings.TrimPrefix(a.typ, "registrar_"), func(t *testing.T) {
			env := acctest.New(t)
			a.seed(t, env.Tenant, ansible.CreateInput{Name: "conf", Organization: 1, ClientType: "confidential", AuthorizationGrantType: "authorization-code", RedirectURIs: "https://a.example.com/cb"})
			rs, diags := a.server(t, env).List(a.typ, nil, true, 0)
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
		})
	}
}

// TestListResource_endlessNext: an AWX whose next link never ends stops the listing:
// a next that does not advance is an error, and one that advances over empty pages
// ends at the first empty page.
func TestListResource_endlessNext(t *testing.T) {
	env := acctest.New(t)
	awxList.seed(t, env.Tenant, 2)
	s := awxList.server(t, env)

	env.Tenant.SetFaults(mockapi.Faults{EndlessNext: "self"})
	rs, diags := s.List(awxList.typ, nil, false, 0)
	if len(rs) != 2 || len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityError ||
		!strings.Contains(diags[0].Summary+": "+diags[0].Detail, "does not advance") && !strings.Contains(diags[0].Summary+": "+diags[0].Detail, "never end") {
		t.Fatalf("self-pointing next: %d results, diagnostics %+v", len(rs), diags)
	}
	env.Tenant.SetFaults(mockapi.Faults{EndlessNext: "advance"})
	before := acctest.CountRequests(env.Tenant, "GET", awxList.pageRe)
	rs, diags = s.List(awxList.typ, nil, false, 0)
	if len(rs) != 2 || len(diags) != 0 {
		t.Fatalf("endless advancing next: %d results, diagnostics %+v", len(rs), diags)
	}
	if pages := acctest.CountRequests(env.Tenant, "GET", awxList.pageRe) - before; pages != 2 {
		t.Errorf("endless advancing next: %d pages requested, want 2 (the empty page ends it)", pages)
	}
}

// TestListResource_apiError: an API error (here a wrong LTIaaS key) is an error
// diagnostic, not an empty listing.
func TestListResource_apiError(t *testing.T) {
	env := acctest.New(t)
	s := env.NewListServer(t, map[string]map[string]string{"ltiaas": {"base_url": env.Tenant.URL(), "api_key": "wrong"}})
	rs, diags := s.List(ltiaasList.typ, nil, false, 0)
	if len(rs) != 0 || len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityError || !strings.Contains(diags[0].Summary, "Could not list LTIaaS platforms") {
		t.Fatalf("results %+v, diagnostics %+v", rs, diags)
	}
}
