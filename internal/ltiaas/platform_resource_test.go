package ltiaas_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

const addr = "registrar_ltiaas_platform.test"

var hexID = regexp.MustCompile(`^[0-9a-f]{32}$`)

// Test keys: one RSA key per test binary (RSA generation is slow), in the three
// shapes auth_config accepts.
var (
	keysOnce                  sync.Once
	rsaPEM, rsaPKCS1PEM, jwkJ string
)

func testKeys(t *testing.T) (pkix, pkcs1, jwk string) {
	t.Helper()
	keysOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		der, _ := x509.MarshalPKIXPublicKey(&k.PublicKey)
		rsaPEM = string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
		rsaPKCS1PEM = string(pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(&k.PublicKey)}))
		b, _ := json.Marshal(map[string]string{
			"kty": "RSA", "alg": "RS256", "use": "sig", "kid": "test",
			"n": base64.RawURLEncoding.EncodeToString(k.N.Bytes()),
			"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(k.E)).Bytes()),
		})
		jwkJ = string(b)
	})
	return rsaPEM, rsaPKCS1PEM, jwkJ
}

// platform is the test's view of the resource's arguments.
type platform struct {
	URL, ClientID, Name, AuthEndpoint, TokenEndpoint string
	Method, Key                                      string
	AuthorizationServer                              string
	Active                                           string // "" leaves it unset
}

func base(clientID string) platform {
	return platform{
		URL: "https://canvas.example.edu", ClientID: clientID, Name: "Canvas",
		AuthEndpoint: "https://canvas.example.edu/api/lti/authorize_redirect", TokenEndpoint: "https://canvas.example.edu/login/oauth2/token",
		Method: "JWK_SET", Key: "https://canvas.example.edu/api/lti/security/jwks",
	}
}

func (p platform) hcl(name string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "resource \"registrar_ltiaas_platform\" %q {\n", name)
	fmt.Fprintf(&b, "  url                     = %q\n  client_id               = %q\n  name                    = %q\n", p.URL, p.ClientID, p.Name)
	fmt.Fprintf(&b, "  authentication_endpoint = %q\n  access_token_endpoint   = %q\n", p.AuthEndpoint, p.TokenEndpoint)
	fmt.Fprintf(&b, "  auth_config = {\n    method = %q\n    key    = %q\n  }\n", p.Method, p.Key)
	if p.AuthorizationServer != "" {
		fmt.Fprintf(&b, "  authorization_server = %q\n", p.AuthorizationServer)
	}
	if p.Active != "" {
		fmt.Fprintf(&b, "  active = %s\n", p.Active)
	}
	b.WriteString("}\n")
	return b.String()
}

// stateID reads the id of addr from state into *id.
func stateID(id *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s is not in state", addr)
		}
		*id = rs.Primary.ID
		return nil
	}
}

// inMock checks the mock's copy of the platform in state.
func inMock(tn *mockapi.Tenant, f func(p *mockapi.LTIaaSPlatform) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s is not in state", addr)
		}
		p := tn.LTIaaS.Get(rs.Primary.ID)
		if p == nil {
			return fmt.Errorf("the mock has no platform %s", rs.Primary.ID)
		}
		if rs.Primary.Attributes["public_key"] != p.PublicKey {
			return fmt.Errorf("public_key in state is not the mock's key")
		}
		return f(p)
	}
}

func checkDestroyed(tn *mockapi.Tenant) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := tn.LTIaaS.Count(); n != 0 {
			return fmt.Errorf("after destroy the mock still holds %d platforms", n)
		}
		return nil
	}
}

func TestPlatform_lifecycle(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	pkix, _, jwk := testKeys(t)
	samePublicKey := statecheck.CompareValue(compare.ValuesSame())
	sameID := statecheck.CompareValue(compare.ValuesSame())

	p1 := base("10000000000001")
	p2 := p1
	p2.Name = "Canvas (production)"
	p2.AuthEndpoint = "https://sso.example.edu/authorize"
	p2.TokenEndpoint = "https://sso.example.edu/token"
	p2.Method, p2.Key = "RSA_KEY", pkix
	p2.AuthorizationServer = "https://sso.example.edu/token-aud"
	p3 := p2
	p3.Method, p3.Key = "JWK_KEY", jwk
	p3.AuthorizationServer = ""

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(tn),
		Steps: []resource.TestStep{
			{
				Config: env.Config(p1.hcl("test")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(hexID)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("public_key"), knownvalue.StringRegexp(regexp.MustCompile(`^-----BEGIN PUBLIC KEY-----\n`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("authorization_server"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("auth_config"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"method": knownvalue.StringExact("JWK_SET"), "key": knownvalue.StringExact(p1.Key),
					})),
					samePublicKey.AddStateValue(addr, tfjsonpath.New("public_key")),
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
				},
				Check: inMock(tn, func(p *mockapi.LTIaaSPlatform) error {
					if p.URL != p1.URL || p.ClientID != p1.ClientID || p.Name != p1.Name || p.AccesstokenEndpoint != p1.TokenEndpoint ||
						p.AuthConfig.Method != "JWK_SET" || !p.Active {
						return fmt.Errorf("the mock holds %+v", p)
					}
					if n := acctest.CountRequests(tn, "POST", `^/admin/platforms$`); n != 1 {
						return fmt.Errorf("%d create requests, want 1", n)
					}
					return nil
				}),
			},
			{ // import by id
				ResourceName:      addr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{ // an import id that cannot be a platform id
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: "https://canvas.example.edu,10000000000001",
				ExpectError:   regexp.MustCompile(`Invalid import id`),
			},
			{ // in-place update of the name, the endpoints and auth_config
				Config:           env.Config(p2.hcl("test")),
				ConfigPlanChecks: acctest.PreApply(plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)),
				ConfigStateChecks: []statecheck.StateCheck{
					samePublicKey.AddStateValue(addr, tfjsonpath.New("public_key")),
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("authorization_server"), knownvalue.StringExact(p2.AuthorizationServer)),
				},
				Check: inMock(tn, func(p *mockapi.LTIaaSPlatform) error {
					if p.Name != p2.Name || p.AuthenticationEndpoint != p2.AuthEndpoint || p.AccesstokenEndpoint != p2.TokenEndpoint ||
						p.AuthConfig.Method != "RSA_KEY" || p.AuthConfig.Key != pkix || p.AuthorizationServer != p2.AuthorizationServer {
						return fmt.Errorf("the update did not reach LTIaaS: %+v", p)
					}
					if n := acctest.CountRequests(tn, "PUT", `^/admin/platforms/[0-9a-f]{32}$`); n != 1 {
						return fmt.Errorf("%d PUT requests, want 1", n)
					}
					return nil
				}),
			},
			{ // JWK_KEY, and authorization_server removed (LTIaaS merges: the provider sends "" to clear it)
				Config:           env.Config(p3.hcl("test")),
				ConfigPlanChecks: acctest.PreApply(plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("authorization_server"), knownvalue.Null()),
				},
				Check: inMock(tn, func(p *mockapi.LTIaaSPlatform) error {
					if p.AuthConfig.Method != "JWK_KEY" || p.AuthConfig.Key != jwk || p.AuthorizationServer != "" {
						return fmt.Errorf("the update did not reach LTIaaS: %+v", p)
					}
					return nil
				}),
			},
			{ // no changes after apply
				Config:   env.Config(p3.hcl("test")),
				PlanOnly: true,
			},
		},
	})
}

// TestPlatform_authorizationServer: LTIaaS merges updates and reports the access
// token endpoint when no authorization server is set. Removing authorization_server
// from the configuration clears it (no "inconsistent result after apply"), and a
// value equal to the access token endpoint is kept as configured.
func TestPlatform_authorizationServer(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	set := base("31000000000003")
	set.AuthorizationServer = "https://canvas.example.edu/aud"
	unset := base("31000000000003")
	same := base("31000000000003")
	same.AuthorizationServer = same.TokenEndpoint
	stored := func(want string) resource.TestCheckFunc {
		return inMock(tn, func(p *mockapi.LTIaaSPlatform) error {
			if p.AuthorizationServer != want {
				return fmt.Errorf("LTIaaS holds authorizationServer %q, want %q", p.AuthorizationServer, want)
			}
			return nil
		})
	}
	// applied applies p, planned as action, and checks that state and LTIaaS hold its
	// authorization_server (null when unset) and that the next plan is empty.
	applied := func(p platform, action plancheck.ResourceActionType) []resource.TestStep {
		var want knownvalue.Check = knownvalue.Null()
		if p.AuthorizationServer != "" {
			want = knownvalue.StringExact(p.AuthorizationServer)
		}
		return []resource.TestStep{
			{
				Config:            env.Config(p.hcl("test")),
				ConfigPlanChecks:  acctest.PreApply(plancheck.ExpectResourceAction(addr, action)),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("authorization_server"), want)},
				Check:             stored(p.AuthorizationServer),
			},
			{Config: env.Config(p.hcl("test")), PlanOnly: true},
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(tn),
		Steps: slices.Concat(
			applied(set, plancheck.ResourceActionCreate),
			applied(unset, plancheck.ResourceActionUpdate), // removed from the configuration: cleared in place
			applied(same, plancheck.ResourceActionUpdate),  // set to the access token endpoint (LTIaaS's default): kept as configured
			applied(unset, plancheck.ResourceActionUpdate), // and removed again
		),
	})
}

func TestPlatform_active(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	off, on, unset := base("20000000000002"), base("20000000000002"), base("20000000000002")
	off.Active, on.Active = "false", "true"
	isActive := func(want bool) resource.TestCheckFunc {
		return inMock(tn, func(p *mockapi.LTIaaSPlatform) error {
			if p.Active != want {
				return fmt.Errorf("the mock's platform has active = %t, want %t", p.Active, want)
			}
			return nil
		})
	}
	update := acctest.PreApply(plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(tn),
		Steps: []resource.TestStep{
			{ // created inactive: POST, then deactivate
				Config: env.Config(off.hcl("test")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("active"), knownvalue.Bool(false)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(isActive(false), func(*terraform.State) error {
					if n := acctest.CountRequests(tn, "POST", `/deactivate$`); n != 1 {
						return fmt.Errorf("%d deactivate calls, want 1", n)
					}
					return nil
				}),
			},
			{ // activated in place
				Config:           env.Config(on.hcl("test")),
				ConfigPlanChecks: update,
				Check: resource.ComposeAggregateTestCheckFunc(isActive(true), func(*terraform.State) error {
					if n := acctest.CountRequests(tn, "POST", `/activate$`); n != 1 {
						return fmt.Errorf("%d activate calls, want 1", n)
					}
					if n := acctest.CountRequests(tn, "PUT", `.`); n != 0 {
						return fmt.Errorf("%d PUT requests for an active-only change, want 0", n)
					}
					return nil
				}),
			},
			{ // active defaults to true: nothing to do
				Config:   env.Config(unset.hcl("test")),
				PlanOnly: true,
			},
			{ // deactivated in place
				Config:           env.Config(off.hcl("test")),
				ConfigPlanChecks: update,
				Check:            isActive(false),
			},
		},
	})
}

func TestPlatform_preExistingRegistration(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	p := base("30000000000003")
	existing := tn.LTIaaS.Register(mockapi.LTIaaSPlatform{
		URL: p.URL, ClientID: p.ClientID, Name: "Registered in the portal",
		AuthenticationEndpoint: p.AuthEndpoint, AccesstokenEndpoint: p.TokenEndpoint,
		AuthConfig: mockapi.LTIaaSAuthConfig{Method: "JWK_SET", Key: p.Key}, Active: true,
	})
	importBlock := fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", addr, existing.ID)
	acctest.Run(t, []resource.TestStep{
		{
			Config:      env.Config(p.hcl("test")),
			ExpectError: regexp.MustCompile(`(?s)already registered.*` + existing.ID + `.*terraform\s+import\s+registrar_ltiaas_platform`),
		},
		{ // the fix the error names: import it (and then manage it)
			PreConfig: func() {
				if got := tn.LTIaaS.Get(existing.ID); got == nil || got.Name != "Registered in the portal" || tn.LTIaaS.Count() != 1 {
					t.Fatalf("the failed create changed the existing registration: %+v", got)
				}
				if n := acctest.CountRequests(tn, "POST", `^/admin/platforms$`); n != 0 {
					t.Fatalf("%d create requests were sent for an existing registration", n)
				}
			},
			Config: env.Config(importBlock + p.hcl("test")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(existing.ID)),
			},
			Check: inMock(tn, func(got *mockapi.LTIaaSPlatform) error {
				if got.Name != p.Name {
					return fmt.Errorf("the imported platform was not updated: %+v", got)
				}
				return nil
			}),
		},
	})
}

func TestPlatform_driftDeleted(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	p := base("40000000000004")
	var first, second string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(tn),
		Steps: []resource.TestStep{
			{Config: env.Config(p.hcl("test")), Check: stateID(&first)},
			{
				PreConfig: func() {
					if !tn.LTIaaS.Delete(first) {
						t.Fatalf("the mock had no platform %s", first)
					}
				},
				Config:           env.Config(p.hcl("test")),
				ConfigPlanChecks: acctest.PreApply(plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)),
				Check: resource.ComposeAggregateTestCheckFunc(stateID(&second), func(*terraform.State) error {
					if second == first || tn.LTIaaS.Get(second) == nil || tn.LTIaaS.Count() != 1 {
						return fmt.Errorf("not re-created: first %s, second %s, count %d", first, second, tn.LTIaaS.Count())
					}
					return nil
				}),
			},
		},
	})
}

func TestPlatform_driftEdited(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	p := base("50000000000005")
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(tn),
		Steps: []resource.TestStep{
			{Config: env.Config(p.hcl("test")), Check: stateID(&id)},
			{ // edited in the portal: a refresh shows every field
				PreConfig: func() {
					tn.LTIaaS.Edit(id, func(x *mockapi.LTIaaSPlatform) {
						x.Name = "Edited"
						x.AccesstokenEndpoint = "https://other.example.edu/token"
						x.AuthConfig = mockapi.LTIaaSAuthConfig{Method: "JWK_SET", Key: "https://other.example.edu/jwks"}
						x.AuthorizationServer = "https://other.example.edu/aud"
						x.Active = false
					})
				},
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "name", "Edited"),
					resource.TestCheckResourceAttr(addr, "access_token_endpoint", "https://other.example.edu/token"),
					resource.TestCheckResourceAttr(addr, "auth_config.key", "https://other.example.edu/jwks"),
					resource.TestCheckResourceAttr(addr, "authorization_server", "https://other.example.edu/aud"),
					resource.TestCheckResourceAttr(addr, "active", "false"),
				),
			},
			{ // the next apply puts the configuration back, in place
				Config:           env.Config(p.hcl("test")),
				ConfigPlanChecks: acctest.PreApply(plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)),
				Check: inMock(tn, func(x *mockapi.LTIaaSPlatform) error {
					if x.ID != id || x.Name != p.Name || x.AccesstokenEndpoint != p.TokenEndpoint || x.AuthConfig.Key != p.Key || x.AuthorizationServer != "" || !x.Active {
						return fmt.Errorf("the drift was not corrected: %+v", x)
					}
					return nil
				}),
			},
		},
	})
}

func TestPlatform_badAPIKey(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	block := fmt.Sprintf("  ltiaas {\n    base_url = %q\n    api_key  = %q\n  }\n", tn.URL(), "not-the-key")
	acctest.Run(t, []resource.TestStep{{
		Config:      env.ProviderConfig(map[string]string{"ltiaas": block}) + base("70000000000007").hcl("test"),
		ExpectError: regexp.MustCompile(`(?s)HTTP\s+401.*INVALID_LTIK_AUTH_AUTHORIZATION_HEADER.*api_key.*LTIAAS_API_KEY`),
	}})
	if tn.LTIaaS.Count() != 0 {
		t.Fatalf("a platform was created with a bad key")
	}
}

func TestPlatform_apiPathPrefix(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	block := fmt.Sprintf("  ltiaas {\n    base_url    = %q\n    api_key     = %q\n    path_prefix = \"/api\"\n  }\n", tn.URL(), tn.Creds.LTIaaSAPIKey)
	cfg := func(p platform) string { return env.ProviderConfig(map[string]string{"ltiaas": block}) + p.hcl("test") }
	p1 := base("80000000000008")
	p2 := p1
	p2.Name, p2.Active = "Renamed", "false"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: resource.ComposeAggregateTestCheckFunc(checkDestroyed(tn), func(*terraform.State) error {
			var api int
			for _, r := range tn.Requests() {
				switch {
				case strings.HasPrefix(r.Path, "/admin/"):
					return fmt.Errorf("path_prefix = \"/api\" but the provider called %s %s", r.Method, r.Path)
				case strings.HasPrefix(r.Path, "/api/platforms"):
					api++
				}
			}
			for _, want := range [][2]string{{"POST", `^/api/platforms$`}, {"GET", `^/api/platforms/[0-9a-f]{32}$`}, {"PUT", `^/api/platforms/[0-9a-f]{32}$`},
				{"POST", `^/api/platforms/[0-9a-f]{32}/deactivate$`}, {"DELETE", `^/api/platforms/[0-9a-f]{32}$`}} {
				if acctest.CountRequests(tn, want[0], want[1]) == 0 {
					return fmt.Errorf("no %s %s request", want[0], want[1])
				}
			}
			if api == 0 {
				return fmt.Errorf("no /api/platforms requests")
			}
			return nil
		}),
		Steps: []resource.TestStep{
			{Config: cfg(p1), Check: inMock(tn, func(*mockapi.LTIaaSPlatform) error { return nil })},
			{
				Config:           cfg(p2),
				ConfigPlanChecks: acctest.PreApply(plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)),
				Check: inMock(tn, func(x *mockapi.LTIaaSPlatform) error {
					if x.Name != "Renamed" || x.Active {
						return fmt.Errorf("the update did not reach LTIaaS: %+v", x)
					}
					return nil
				}),
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
		},
	})
}

func TestPlatform_urlClientIDCollision(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	p := base("90000000000009")
	other := tn.LTIaaS.Register(mockapi.LTIaaSPlatform{
		URL: p.URL, ClientID: "90000000000010", Name: "Other registration",
		AuthenticationEndpoint: p.AuthEndpoint, AccesstokenEndpoint: p.TokenEndpoint,
		AuthConfig: mockapi.LTIaaSAuthConfig{Method: "JWK_SET", Key: p.Key}, Active: true,
	})
	moved := p
	moved.ClientID = other.ClientID
	var id string
	acctest.Run(t, []resource.TestStep{
		{Config: env.Config(p.hcl("test")), Check: stateID(&id)},
		{
			Config:      env.Config(moved.hcl("test")),
			ExpectError: regexp.MustCompile(`(?s)URL_CLIENT_ID_COMBINATION_ALREADY_EXISTS.*another\s+LTIaaS\s+platform:\s+"Other\s+registration"\s+\(id\s+` + other.ID),
		},
		{ // nothing changed on either side
			PreConfig: func() {
				if got := tn.LTIaaS.Get(id); got == nil || got.ClientID != p.ClientID {
					t.Fatalf("the platform changed: %+v", got)
				}
			},
			Config:   env.Config(p.hcl("test")),
			PlanOnly: true,
		},
	})
	if got := tn.LTIaaS.Get(other.ID); got == nil || got.Name != "Other registration" {
		t.Fatalf("the other platform changed: %+v", got)
	}
}

func TestPlatform_lostCreateResponse(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	p := base("11000000000011")
	acctest.Run(t, []resource.TestStep{{
		PreConfig:   func() { tn.SetFaults(mockapi.Faults{DropCreates: 1}) },
		Config:      env.Config(p.hcl("test")),
		ExpectError: regexp.MustCompile(`(?s)may\s+exist\s+outside\s+Terraform\s+state.*no\s+duplicate.*terraform\s+import\s+registrar_ltiaas_platform`),
	}})
	all := tn.LTIaaS.All()
	if len(all) != 1 {
		t.Fatalf("the mock holds %d platforms, want exactly the one whose response was lost", len(all))
	}
	if n := acctest.CountRequests(tn, "POST", `^/admin/platforms$`); n != 1 {
		t.Fatalf("%d create requests, want 1 (no blind resend)", n)
	}
}

// TestPlatform_methodMismatchPointsAtMethod: a key of another method's shape (a key
// set URL given with JWK_KEY) is reported on auth_config.method, the attribute to
// change, named in the text (Terraform cannot underline an attribute inside an object
// value); an unknown method names auth_config.method too.
func TestPlatform_methodMismatchPointsAtMethod(t *testing.T) {
	env := acctest.New(t)
	mismatch := base("60000000000077")
	mismatch.Method, mismatch.Key = "JWK_KEY", "https://lms.example.com/jwks"
	unknown := base("60000000000078")
	unknown.Method = "PEM"
	acctest.Run(t, []resource.TestStep{
		acctest.PlanError(env.Config(mismatch.hcl("test")), "Invalid JSON Web Key", "auth_config.method is probably wrong", `use method = "JWK_SET"`),
		acctest.PlanError(env.Config(unknown.hcl("test")), "Attribute auth_config.method value must be one of"),
	})
}
