package provider_test

// The one home of plan-time validation: every invalid argument of every resource,
// and every invalid provider setting, is rejected at plan with a message that names
// the attribute and says what is wrong, and before any request reaches a platform.

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

func TestMain(m *testing.M) { acctest.Main(m) }

// valid arguments of each resource; a bad-input case changes one or two of them.
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
	"registrar_aap_oauth_application": {
		"name": `"ok"`, "organization": `1`, "client_type": `"confidential"`,
		"authorization_grant_type": `"authorization-code"`, "redirect_uris": `["https://app.example.com/cb"]`,
	},
}

func resourceHCL(typ string, changes map[string]string) string {
	return acctest.Resource(typ, "test", acctest.With(valid[typ], changes))
}

type badCase struct {
	name    string
	changes map[string]string
	want    []string // the parts of the error message, in order
}

// runBad plans each case and expects its error; an accepted change plans cleanly.
func runBad(t *testing.T, typ string, cases []badCase, accepted ...map[string]string) {
	env := acctest.New(t)
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      env.Config(resourceHCL(typ, c.changes)),
			PlanOnly:    true,
			ExpectError: acctest.ErrorMatching(append([]string{"Error:"}, c.want...)...),
		})
	}
	for _, changes := range accepted {
		steps = append(steps, resource.TestStep{Config: env.Config(resourceHCL(typ, changes)), PlanOnly: true, ExpectNonEmptyPlan: true})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProviderFactories, Steps: steps})
	if len(accepted) == 0 {
		acctest.ExpectNoRequests(t, env.Tenant)
		return
	}
	// An accepted change plans a create, which checks the credentials once per plan:
	// only that call may reach the mock.
	if n := acctest.CountRequests(env.Tenant, "", "") - acctest.CountRequests(env.Tenant, "", credentialCheckPaths); n != 0 {
		t.Fatalf("%d requests besides the credential check reached the mock, want none", n)
	}
}

// credentialCheckPaths are the calls a plan that creates makes to check the credentials.
const credentialCheckPaths = `(/me/|/vedauth/authorize/(oauth|verify)|/auth/1\.0/token|/platforms)$`

const pemPrivate = `"-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----\n"`

func TestBadInput_awx(t *testing.T) {
	runBad(t, "registrar_awx_oauth_application", []badCase{
		{"client_type enum", map[string]string{"client_type": `"secret"`}, []string{"client_type", "value must be one of"}},
		{"grant enum", map[string]string{"authorization_grant_type": `"implicit"`}, []string{"authorization_grant_type", "value must be one of"}},
		{"empty name", map[string]string{"name": `""`}, []string{"name", "length must be between 1 and 255"}},
		{"long name", map[string]string{"name": `"` + strings.Repeat("n", 256) + `"`}, []string{"name", "length must be between 1 and 255, got: 256"}},
		{"relative redirect", map[string]string{"redirect_uris": `["/cb"]`}, []string{"redirect_uris", "absolute http or https URL"}},
		{"redirect with space", map[string]string{"redirect_uris": `["https://a.example.com/x y"]`}, []string{"redirect_uris"}},
		{"authorization-code without redirects", map[string]string{"redirect_uris": ""}, []string{"Redirect URIs required", "set redirect_uris"}},
		{"public authorization-code without redirects", map[string]string{"redirect_uris": "", "client_type": `"public"`}, []string{"Redirect URIs required", "set redirect_uris"}},
		{"write-only secret without version", map[string]string{"client_secret_wo": `"s3cr3t-value"`}, []string{"client_secret_wo_version"}},
		{"redirect with a fragment", map[string]string{"redirect_uris": `["https://a.example.com/cb#top"]`}, []string{"redirect_uris", "must not contain a fragment"}},
	})
}

func TestBadInput_aap(t *testing.T) {
	runBad(t, "registrar_aap_oauth_application", []badCase{
		{"client_type enum", map[string]string{"client_type": `"secret"`}, []string{"client_type", "value must be one of"}},
		{"grant enum", map[string]string{"authorization_grant_type": `"implicit"`}, []string{"authorization_grant_type", "value must be one of"}},
		{"empty name", map[string]string{"name": `""`}, []string{"name", "length must be between 1 and 255"}},
		{"long name", map[string]string{"name": `"` + strings.Repeat("n", 256) + `"`}, []string{"name", "length must be between 1 and 255, got: 256"}},
		{"relative redirect", map[string]string{"redirect_uris": `["/cb"]`}, []string{"redirect_uris", "absolute http or https URL"}},
		{"redirect with a fragment", map[string]string{"redirect_uris": `["https://a.example.com/cb#top"]`}, []string{"redirect_uris", "must not contain a fragment"}},
		{"ftp redirect", map[string]string{"redirect_uris": `["ftp://a.example.com/cb"]`}, []string{"redirect_uris", "absolute http or https URL"}},
		{"post-logout with a fragment", map[string]string{"post_logout_redirect_uris": `["https://a.example.com/bye#x"]`}, []string{"post_logout_redirect_uris", "must not contain a fragment"}},
		{"relative origin", map[string]string{"allowed_origins": `["portal.example.com"]`}, []string{"allowed_origins", "absolute http or https URL"}},
		{"app_url not a URL", map[string]string{"app_url": `"portal"`}, []string{"app_url", "absolute http or https URL"}},
		{"algorithm enum", map[string]string{"algorithm": `"ES256"`}, []string{"algorithm", "value must be one of"}},
		{"authorization-code without redirects", map[string]string{"redirect_uris": ""}, []string{"Redirect URIs required", "set redirect_uris"}},
		{"write-only secret without version", map[string]string{"client_secret_wo": `"s3cr3t-value"`}, []string{"client_secret_wo_version"}},
	}, map[string]string{"algorithm": `""`, "pkce_required": `false`, "app_url": `""`})
}

// ltiaasKeys: an EC public key in PEM, and a private RSA JWK (a public one with "d").
func ltiaasKeys(t *testing.T) (ecPEM, privateJWK string) {
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKIXPublicKey(&ecKey.PublicKey)
	ecPEM = string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	b64 := base64.RawURLEncoding.EncodeToString
	j, _ := json.Marshal(map[string]string{
		"kty": "RSA", "n": b64(rsaKey.N.Bytes()), "e": b64(big.NewInt(int64(rsaKey.E)).Bytes()), "d": "AAAA",
	})
	return ecPEM, string(j)
}

func TestBadInput_ltiaas(t *testing.T) {
	ecPEM, privateJWK := ltiaasKeys(t)
	auth := func(method, key string) map[string]string {
		return map[string]string{"auth_config": "{ method = " + acctest.String(method) + ", key = " + acctest.String(key) + " }"}
	}
	runBad(t, "registrar_ltiaas_platform", []badCase{
		{"url not http", map[string]string{"url": `"ftp://lms.example.edu"`}, []string{"url"}},
		{"url plain http", map[string]string{"url": `"http://lms.example.edu"`}, []string{"Insecure URL", "url"}},
		{"auth endpoint relative", map[string]string{"authentication_endpoint": `"/auth"`}, []string{"Invalid URL", "authentication_endpoint"}},
		{"token endpoint not a URL", map[string]string{"access_token_endpoint": `"token"`}, []string{"Invalid URL", "access_token_endpoint"}},
		{"token endpoint relative", map[string]string{"access_token_endpoint": `"/login/oauth2/token"`}, []string{"Invalid URL"}},
		{"method enum", auth("X509", "https://lms.example.edu/jwks"), []string{"auth_config.method", "JWK_SET"}},
		{"method PEM", auth("PEM", "https://lms.example.edu/jwks"), []string{"auth_config.method", "JWK_SET"}},
		{"JWK_SET key not a URL", auth("JWK_SET", "not a url"), []string{"Invalid JWK set URL", "JWK_SET", "https URL"}},
		{"JWK_SET key a file name", auth("JWK_SET", "jwks.json"), []string{"Invalid JWK set URL", "JWK_SET", "https URL"}},
		{"JWK_SET key plain http", auth("JWK_SET", "http://lms.example.com/jwks"), []string{"Insecure JWK set URL"}},
		{"JWK_KEY not JSON", auth("JWK_KEY", "kty=RSA"), []string{"Invalid JSON Web Key", `"kty"`}},
		{"JWK_KEY without kty", auth("JWK_KEY", `{"n":"abc","e":"AQAB"}`), []string{`no string "kty" member`}},
		{"JWK_KEY given a key set", auth("JWK_KEY", `{"keys":[]}`), []string{"got a key set"}},
		{"JWK_KEY private EC", map[string]string{"auth_config": `{ method = "JWK_KEY", key = jsonencode({ kty = "EC", crv = "P-256", x = "a", y = "b", d = "c" }) }`}, []string{"Private key material"}},
		{"JWK_KEY private RSA", auth("JWK_KEY", privateJWK), []string{"Private key material"}},
		{"RSA_KEY not PEM", auth("RSA_KEY", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"), []string{"Invalid PEM public key", "-----BEGIN PUBLIC KEY-----"}},
		{"RSA_KEY bad DER", auth("RSA_KEY", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"), []string{"does not parse"}},
		{"RSA_KEY given EC", auth("RSA_KEY", ecPEM), []string{"ecdsa key, not an RSA key"}},
		{"RSA_KEY private", map[string]string{"auth_config": `{ method = "RSA_KEY", key = ` + pemPrivate + ` }`}, []string{"Private key in auth_config.key"}},
		{"RSA_KEY private, no algorithm", auth("RSA_KEY", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"), []string{"Private key in auth_config.key"}},
	})
}

func TestBadInput_tpp(t *testing.T) {
	runBad(t, "registrar_tpp_oauth_application", []badCase{
		{"empty scope part", map[string]string{"scope": `"certificate:manage;;configuration"`}, []string{"Invalid TPP scope", "part 2 is empty"}},
		{"empty scope part, no restriction", map[string]string{"scope": `"certificate;;configuration"`}, []string{"Invalid TPP scope", "part 2 is empty"}},
		{"empty restriction", map[string]string{"scope": `"certificate:"`}, []string{"Invalid TPP scope"}},
		{"scope with space", map[string]string{"scope": `"certificate manage"`}, []string{"Invalid TPP scope"}},
		{"maximum scope empty part", map[string]string{"maximum_scope": `";admin"`}, []string{"Invalid TPP scope"}},
		{"maximum scope empty restriction", map[string]string{"maximum_scope": `"certificate:manage,,revoke"`}, []string{"Invalid TPP scope"}},
		{"maximum scope empty", map[string]string{"maximum_scope": `""`}, []string{"Invalid TPP scope"}},
		{"negative access validity", map[string]string{"access_validity": `-1`}, []string{"access_validity", "at least 0"}},
		{"negative grant validity", map[string]string{"grant_validity": `-5`}, []string{"grant_validity", "at least 0"}},
		{"application_id with space", map[string]string{"application_id": `"has space"`}, []string{"application_id", "without white space"}},
		{"empty name", map[string]string{"name": `""`}, []string{"name", "at least 1"}},
	},
		map[string]string{"url": `"not a URI at all"`}, // url is free text: a scheme-less value plans
	)
}

func TestBadInput_timeback(t *testing.T) {
	runBad(t, "registrar_timeback_application", []badCase{
		{"empty name", map[string]string{"name": `""`}, []string{"Attribute name string length must be between 1 and 256, got: 0"}},
		{"long name", map[string]string{"name": `"` + strings.Repeat("n", 257) + `"`}, []string{"Attribute name string length must be between 1 and 256, got: 257"}},
		{"empty description", map[string]string{"description": `""`}, []string{"Attribute description string length must be between 1 and 1024, got: 0"}},
		{"long description", map[string]string{"description": `"` + strings.Repeat("d", 1025) + `"`}, []string{"Attribute description string length must be between 1 and 1024, got: 1025"}},
		{"launch_url not a URL", map[string]string{"launch_url": `"launch"`}, []string{`"launch" must be an absolute http or https URL`}},
		{"relative launch_url", map[string]string{"launch_url": `"/lti/launch"`}, []string{`"/lti/launch" must be an absolute http or https URL`}},
		{"long launch_url", map[string]string{"launch_url": `"https://app.example.com/` + strings.Repeat("p", 500) + `"`}, []string{"Attribute launch_url string length must be at most 512, got: 524"}},
		{"application_type enum", map[string]string{"application_type": `"game"`}, []string{`Attribute application_type value must be one of: ["learning_app" "assessment" "internal"], got: "game"`}},
		{"publisher_id not a UUID", map[string]string{"publisher_id": `"acme"`}, []string{"Attribute publisher_id must be a UUID"}},
	})
}

func TestBadInput_cronofy(t *testing.T) {
	runBad(t, "registrar_cronofy_application", []badCase{
		{"empty name", map[string]string{"name": `""`}, []string{"Attribute name string length must be at least 1"}},
		{"blank name", map[string]string{"name": `"   "`}, []string{"Blank value", `name must contain a character other than white space; got "   "`}},
		{"url not a URL", map[string]string{"url": `"scheduler"`}, []string{"url", "must be an absolute http or https URI"}},
		{"relative url", map[string]string{"url": `"/callback"`}, []string{`url "/callback" must be an absolute http or https URI`, "not an OAuth redirect URI"}},
		{"url not http", map[string]string{"url": `"ftp://scheduler.example.com"`}, []string{"must be an absolute http or https URI"}},
		{"data_center enum", map[string]string{"data_center": `"eu"`}, []string{"Attribute data_center value must be one of"}},
		{"write-only secret without version", map[string]string{"client_secret_wo": `"x"`}, []string{"client_secret_wo_version"}},
		{"redirect_uris without contact_email", map[string]string{"redirect_uris": `["https://scheduler.example.com/cb"]`}, []string{"contact_email", "must be specified when", "redirect_uris"}},
		{"http redirect URI", map[string]string{"redirect_uris": `["http://scheduler.example.com/cb"]`, "contact_email": `"ops@example.com"`}, []string{"Invalid redirect URI", "not an absolute https URL"}},
		{"relative redirect URI", map[string]string{"redirect_uris": `["/cb"]`, "contact_email": `"ops@example.com"`}, []string{"Invalid redirect URI", `"/cb" is not an absolute https URL`}},
		{"redirect URI with a fragment", map[string]string{"redirect_uris": `["https://scheduler.example.com/cb#x"]`, "contact_email": `"ops@example.com"`}, []string{"Invalid redirect URI", "fragment"}},
		{"empty redirect_uris", map[string]string{"redirect_uris": `[]`, "contact_email": `"ops@example.com"`}, []string{"redirect_uris", "set must contain at least 1 elements"}},
		{"contact_email not an email", map[string]string{"redirect_uris": `["https://scheduler.example.com/cb"]`, "contact_email": `"ops"`}, []string{"contact_email", "must be an email address"}},
		{"contact_email without redirect_uris", map[string]string{"contact_email": `"ops@example.com"`}, []string{"redirect_uris", "must be specified when", "contact_email"}},
		{"contact_display_name without redirect_uris", map[string]string{"contact_display_name": `"Ops"`}, []string{"redirect_uris", "must be specified when", "contact_display_name"}},
	})
}

// Bad provider settings: each is rejected before any request is sent.
func TestBadInput_provider(t *testing.T) {
	env := acctest.New(t)
	u := acctest.String(env.Tenant.URL())
	body := resourceHCL("registrar_cronofy_application", nil)
	cases := []struct {
		top      []string
		override map[string]string
		want     []string
	}{
		{[]string{"max_retries = -1"}, nil, []string{"max_retries"}},
		{[]string{"max_retries = 99"}, nil, []string{"max_retries"}},
		{[]string{"retry_max_wait_seconds = 0"}, nil, []string{"retry_max_wait_seconds"}},
		{[]string{"requests_per_second = -1"}, nil, []string{"requests_per_second"}},
		{[]string{"request_timeout_seconds = 0"}, nil, []string{"request_timeout_seconds"}},
		{nil, map[string]string{"awx": acctest.Block("awx", map[string]string{"base_url": u, "token": `"t"`, "username": `"u"`, "password": `"p"`})}, []string{"token"}},
		{nil, map[string]string{"awx": acctest.Block("awx", map[string]string{"base_url": u, "username": `"u"`})}, []string{"password"}},
		{nil, map[string]string{"cronofy": acctest.Block("cronofy", map[string]string{"admin_api_key": `"k"`, "data_center": `"eu"`})}, []string{"Attribute cronofy.data_center value must be one of"}},
		{nil, map[string]string{"cronofy": acctest.Block("cronofy", map[string]string{"base_url": u, "admin_api_key": `"k"`, "data_center": `"eu"`})}, []string{"Attribute cronofy.data_center value must be one of"}},
		{nil, map[string]string{"cronofy": acctest.Block("cronofy", map[string]string{"data_center": `"uk"`})}, []string{"Cronofy admin_api_key is not set", "CRONOFY_ADMIN_API_KEY"}},
		{nil, map[string]string{"ltiaas": acctest.Block("ltiaas", map[string]string{"base_url": u, "api_key": `"k"`, "path_prefix": `"/v1"`})}, []string{"path_prefix"}},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		e := *env
		e.Top = c.top
		steps = append(steps, resource.TestStep{
			Config:      e.ProviderConfig(c.override) + body,
			PlanOnly:    true,
			ExpectError: acctest.ErrorMatching(append([]string{"Error:"}, c.want...)...),
		})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProviderFactories, Steps: steps})
	acctest.ExpectNoRequests(t, env.Tenant)
}
