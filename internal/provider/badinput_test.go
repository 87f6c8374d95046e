package provider_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

func TestMain(m *testing.M) { acctest.Main(m) }

// valid arguments of each resource; a bad-input case overrides one or two of them.
var valid = map[string]map[string]string{
	"registrar_awx_oauth_application": {
		"name": `"ok"`, "organization": `1`, "client_type": `"confidential"`,
		"authorization_grant_type": `"authorization-code"`, "redirect_uris": `["https://app.example.com/cb"]`,
	},
	"registrar_ltiaas_platform": {
		"url": `"https://lms.example.edu"`, "client_id": `"c1"`, "name": `"LMS"`,
		"authentication_endpoint": `"https://lms.example.edu/auth"`, "access_token_endpoint": `"https://lms.example.edu/token"`,
		"auth_config": `{ method = "JWK_SET", key = "https://lms.example.edu/jwks" }`,
	},
	"registrar_tpp_oauth_application": {
		"application_id": `"app-1"`, "name": `"App"`, "vendor": `"Example"`,
		"scope": `"certificate:manage"`, "maximum_scope": `"certificate:manage,revoke"`,
	},
	"registrar_timeback_application": {
		"name": `"Quiz"`, "description": `"Quizzes"`, "launch_url": `"https://quiz.example.com/launch"`,
	},
	"registrar_cronofy_application": {
		"name": `"Scheduler"`, "url": `"https://scheduler.example.com"`,
	},
}

func resourceHCL(typ string, override map[string]string) string {
	args := map[string]string{}
	for k, v := range valid[typ] {
		args[k] = v
	}
	for k, v := range override {
		if v == "" {
			delete(args, k)
		} else {
			args[k] = v
		}
	}
	keys := make([]string, 0, len(args))
	for k := range args {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "resource %q \"test\" {\n", typ)
	for _, k := range keys {
		fmt.Fprintf(&b, "  %s = %s\n", k, args[k])
	}
	b.WriteString("}\n")
	return b.String()
}

type badCase struct {
	name     string
	override map[string]string
	want     string // the attribute the error must name
}

func runBad(t *testing.T, typ string, cases []badCase) {
	env := acctest.New(t)
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      env.Config(resourceHCL(typ, c.override)),
			PlanOnly:    true,
			ExpectError: acctest.ErrorMatching("Error:", c.want),
		})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProviderFactories, Steps: steps})
	if reqs := env.Tenant.Requests(); len(reqs) != 0 {
		t.Fatalf("invalid configurations sent %d requests to the platform, want none: %+v", len(reqs), reqs[0])
	}
}

const pemPrivate = `"-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----\n"`

func TestBadInput_awx(t *testing.T) {
	runBad(t, "registrar_awx_oauth_application", []badCase{
		{"client_type enum", map[string]string{"client_type": `"secret"`}, "client_type"},
		{"grant enum", map[string]string{"authorization_grant_type": `"implicit"`}, "authorization_grant_type"},
		{"empty name", map[string]string{"name": `""`}, "name"},
		{"long name", map[string]string{"name": `"` + strings.Repeat("n", 256) + `"`}, "name"},
		{"relative redirect", map[string]string{"redirect_uris": `["/cb"]`}, "redirect_uris"},
		{"redirect with space", map[string]string{"redirect_uris": `["https://a.example.com/x y"]`}, "redirect_uris"},
		{"authorization-code without redirects", map[string]string{"redirect_uris": ""}, "redirect_uris"},
		{"write-only secret without version", map[string]string{"client_secret_wo": `"s3cr3t-value"`}, "client_secret_wo_version"},
	})
}

func TestBadInput_ltiaas(t *testing.T) {
	runBad(t, "registrar_ltiaas_platform", []badCase{
		{"url not http", map[string]string{"url": `"ftp://lms.example.edu"`}, "url"},
		{"url plain http", map[string]string{"url": `"http://lms.example.edu"`}, "url"},
		{"auth endpoint relative", map[string]string{"authentication_endpoint": `"/auth"`}, "authentication_endpoint"},
		{"token endpoint not a URL", map[string]string{"access_token_endpoint": `"token"`}, "access_token_endpoint"},
		{"method enum", map[string]string{"auth_config": `{ method = "X509", key = "https://lms.example.edu/jwks" }`}, "auth_config"},
		{"JWK_SET key not a URL", map[string]string{"auth_config": `{ method = "JWK_SET", key = "not a url" }`}, "auth_config"},
		{"JWK_KEY not JSON", map[string]string{"auth_config": `{ method = "JWK_KEY", key = "kty=RSA" }`}, "auth_config"},
		{"JWK_KEY private", map[string]string{"auth_config": `{ method = "JWK_KEY", key = jsonencode({ kty = "EC", crv = "P-256", x = "a", y = "b", d = "c" }) }`}, "auth_config"},
		{"RSA_KEY not PEM", map[string]string{"auth_config": `{ method = "RSA_KEY", key = "MIIBIjANBg" }`}, "auth_config"},
		{"RSA_KEY private", map[string]string{"auth_config": `{ method = "RSA_KEY", key = ` + pemPrivate + ` }`}, "auth_config"},
	})
}

func TestBadInput_tpp(t *testing.T) {
	runBad(t, "registrar_tpp_oauth_application", []badCase{
		{"empty scope part", map[string]string{"scope": `"certificate:manage;;configuration"`}, "scope"},
		{"empty restriction", map[string]string{"scope": `"certificate:"`}, "scope"},
		{"scope with space", map[string]string{"scope": `"certificate manage"`}, "scope"},
		{"maximum scope empty part", map[string]string{"maximum_scope": `";admin"`}, "maximum_scope"},
		{"negative access validity", map[string]string{"access_validity": `-1`}, "access_validity"},
		{"negative grant validity", map[string]string{"grant_validity": `-5`}, "grant_validity"},
	})
}

func TestBadInput_timeback(t *testing.T) {
	runBad(t, "registrar_timeback_application", []badCase{
		{"empty name", map[string]string{"name": `""`}, "name"},
		{"long name", map[string]string{"name": `"` + strings.Repeat("n", 257) + `"`}, "name"},
		{"empty description", map[string]string{"description": `""`}, "description"},
		{"long description", map[string]string{"description": `"` + strings.Repeat("d", 1025) + `"`}, "description"},
		{"launch_url not a URL", map[string]string{"launch_url": `"launch"`}, "launch_url"},
		{"long launch_url", map[string]string{"launch_url": `"https://quiz.example.com/` + strings.Repeat("p", 500) + `"`}, "launch_url"},
		{"application_type enum", map[string]string{"application_type": `"game"`}, "application_type"},
		{"publisher_id not a UUID", map[string]string{"publisher_id": `"acme"`}, "publisher_id"},
	})
}

func TestBadInput_cronofy(t *testing.T) {
	runBad(t, "registrar_cronofy_application", []badCase{
		{"empty name", map[string]string{"name": `""`}, "name"},
		{"url not a URL", map[string]string{"url": `"scheduler"`}, "url"},
		{"relative url", map[string]string{"url": `"/scheduler"`}, "url"},
		{"url not http", map[string]string{"url": `"ftp://scheduler.example.com"`}, "url"},
		{"data_center enum", map[string]string{"data_center": `"eu"`}, "data_center"},
	})
}

// Bad provider settings: each is rejected before any request is sent.
func TestBadInput_provider(t *testing.T) {
	env := acctest.New(t)
	u := env.Tenant.URL()
	body := resourceHCL("registrar_cronofy_application", nil)
	cases := []struct {
		top      []string
		override map[string]string
		want     string
	}{
		{[]string{"max_retries = -1"}, nil, "max_retries"},
		{[]string{"max_retries = 99"}, nil, "max_retries"},
		{[]string{"retry_max_wait_seconds = 0"}, nil, "retry_max_wait_seconds"},
		{[]string{"requests_per_second = -1"}, nil, "requests_per_second"},
		{[]string{"request_timeout_seconds = 0"}, nil, "request_timeout_seconds"},
		{nil, map[string]string{"awx": fmt.Sprintf("  awx {\n    base_url = %q\n    token = \"t\"\n    username = \"u\"\n    password = \"p\"\n  }\n", u)}, "token"},
		{nil, map[string]string{"awx": fmt.Sprintf("  awx {\n    base_url = %q\n    username = \"u\"\n  }\n", u)}, "password"},
		{nil, map[string]string{"cronofy": "  cronofy {\n    admin_api_key = \"k\"\n    data_center = \"eu\"\n  }\n"}, "data_center"},
		{nil, map[string]string{"ltiaas": fmt.Sprintf("  ltiaas {\n    base_url = %q\n    api_key = \"k\"\n    path_prefix = \"/v1\"\n  }\n", u)}, "path_prefix"},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		e := *env
		e.Top = c.top
		steps = append(steps, resource.TestStep{Config: e.ProviderConfig(c.override) + body, PlanOnly: true, ExpectError: acctest.ErrorMatching("Error:", c.want)})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProviderFactories, Steps: steps})
	if reqs := env.Tenant.Requests(); len(reqs) != 0 {
		t.Fatalf("invalid provider settings sent %d requests, want none", len(reqs))
	}
}
