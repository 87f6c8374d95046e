package ltiaas

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"strings"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport/transporttest"
)

func testClient(t *testing.T, baseSuffix, prefix string) (*Client, *mockapi.Tenant) {
	t.Helper()
	settings := transport.DefaultSettings()
	settings.MaxRetries = 0
	tn := mockapi.NewTestTenant(t)
	return tenantClient(t, tn, settings, Config{BaseURL: tn.URL() + baseSuffix, PathPrefix: prefix}), tn
}

// tenantClient is a client with the tenant's API key and cfg's other settings.
func tenantClient(t *testing.T, tn *mockapi.Tenant, s transport.Settings, cfg Config) *Client {
	t.Helper()
	cfg.APIKey = tn.Creds.LTIaaSAPIKey
	c, err := NewClient(s, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestClient_notFoundIsConfirmed(t *testing.T) {
	ctx := context.Background()
	c, tn := testClient(t, "", "")
	if c.PathPrefix() != "/admin" {
		t.Fatalf("default prefix %q", c.PathPrefix())
	}
	p, err := c.Create(ctx, Input{URL: "https://lms.example.com", ClientID: "c", Name: "n",
		AuthenticationEndpoint: "https://lms.example.com/a", AccesstokenEndpoint: "https://lms.example.com/t",
		AuthConfig: AuthConfig{Method: "JWK_SET", Key: "https://lms.example.com/jwks"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := c.Lookup(ctx, p.ID); err != nil || got == nil || got.ID != p.ID {
		t.Fatalf("Lookup of an existing platform: %v, %v", got, err)
	}
	tn.LTIaaS.Delete(p.ID)
	if got, err := c.Lookup(ctx, p.ID); err != nil || got != nil {
		t.Fatalf("Lookup of a deleted platform: %v, %v (want nil, nil)", got, err)
	}
	if err := c.Delete(ctx, p.ID); err != nil {
		t.Fatalf("Delete of a deleted platform: %v (want nil)", err)
	}

	// A wrong base path answers 404 to everything: that must not look like "gone".
	wrong, _ := testClient(t, "/nope", "")
	if got, err := wrong.Lookup(ctx, p.ID); err == nil || !transport.IsNotFound(err) {
		t.Fatalf("Lookup on a wrong path: %v, %v (want a 404 error)", got, err)
	}
	if err := wrong.Delete(ctx, p.ID); err == nil {
		t.Fatalf("Delete on a wrong path counted as done")
	}
}

func TestClient_errors(t *testing.T) {
	ctx := context.Background()
	c, tn := testClient(t, "", "/api")
	a := tn.LTIaaS.Register(mockapi.LTIaaSPlatform{URL: "https://lms.example.com", ClientID: "a", Name: "A"})
	b := tn.LTIaaS.Register(mockapi.LTIaaSPlatform{URL: "https://lms.example.com", ClientID: "b", Name: "B"})
	in := Input{URL: a.URL, ClientID: a.ClientID, Name: "B", AuthenticationEndpoint: "https://x/a", AccesstokenEndpoint: "https://x/t",
		AuthConfig: AuthConfig{Method: "JWK_SET", Key: "https://x/jwks"}}
	_, err := c.Update(ctx, b.ID, in)
	if !IsCollision(err) || ErrorCode(err) != "URL_CLIENT_ID_COMBINATION_ALREADY_EXISTS" {
		t.Fatalf("colliding update: %v (code %q)", err, ErrorCode(err))
	}
	in.AuthConfig.Method = "PEM"
	_, err = c.Create(ctx, in)
	if ErrorCode(err) != "INVALID_AUTHCONFIG_METHOD" || IsConflict(err) {
		t.Fatalf("invalid method: %v", err)
	}

	bad, _ := NewClient(transport.DefaultSettings(), Config{BaseURL: tn.URL(), APIKey: "wrong-key"})
	_, err = bad.List(ctx, nil)
	if transport.StatusOf(err) != 401 || !strings.Contains(err.Error(), "Unauthorized: INVALID_LTIK_AUTH_AUTHORIZATION_HEADER (Invalid API key)") {
		t.Fatalf("401: %v", err)
	}
	if strings.Contains(err.Error(), "wrong-key") {
		t.Fatalf("the API key appears in the error: %v", err)
	}
}

func TestErrorMessage(t *testing.T) {
	cases := map[string]string{
		`{"status":401,"error":"Unauthorized","details":{"message":"INVALID_LTIK_AUTH_AUTHORIZATION_HEADER","description":"Invalid API key"}}`: "Unauthorized: INVALID_LTIK_AUTH_AUTHORIZATION_HEADER (Invalid API key)",
		`{"status":404,"error":"Not Found"}`:                                        "Not Found",
		`{"status":400,"error":"Bad Request","details":{"code":"X","message":"Y"}}`: "Bad Request: X Y",
		`<html>bad gateway</html>`:                                                  "",
	}
	for body, want := range cases {
		if got := ErrorMessage(0, []byte(body)); got != want {
			t.Errorf("ErrorMessage(%s) = %q, want %q", body, got, want)
		}
	}
}

func TestCheckKey(t *testing.T) {
	rk, _ := rsa.GenerateKey(rand.Reader, 1024)
	der, _ := x509.MarshalPKIXPublicKey(&rk.PublicKey)
	pkix := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	pkcs1 := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(&rk.PublicKey)}))
	ek, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	eder, _ := x509.MarshalPKIXPublicKey(&ek.PublicKey)
	ec := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: eder}))
	privDER, _ := x509.MarshalPKCS8PrivateKey(rk)
	priv := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: privDER}))

	ok := [][2]string{
		{"JWK_SET", "https://lms.example.com/jwks"},
		{"JWK_SET", "http://127.0.0.1:8080/jwks"},
		{"JWK_SET", "http://localhost/jwks"},
		{"JWK_KEY", `{"kty":"RSA","n":"abc","e":"AQAB"}`},
		{"RSA_KEY", pkix},
		{"RSA_KEY", pkcs1},
		{"RSA_KEY", "\n  " + pkix},
	}
	for _, c := range ok {
		if s, d, good := CheckKey(c[0], c[1]); !good {
			t.Errorf("CheckKey(%s, %.30q) = %s: %s", c[0], c[1], s, d)
		}
	}
	bad := []struct{ method, key, want string }{
		{"JWK_SET", "jwks.json", "https URL"},
		{"JWK_SET", "ftp://lms.example.com/jwks", "https URL"},
		{"JWK_SET", "http://lms.example.com/jwks", "plain http"},
		{"JWK_KEY", "nope", "not a JSON object"},
		{"JWK_KEY", `["kty"]`, "not a JSON object"},
		{"JWK_KEY", `{"kty":1}`, `no string "kty" member`},
		{"JWK_KEY", pkix, `use method = "RSA_KEY"`},
		{"JWK_KEY", "https://lms.example.com/jwks", `use method = "JWK_SET"`},
		{"JWK_KEY", `{"kty":"RSA","n":"a","e":"AQAB","d":"secret"}`, "private or secret members d"},
		{"JWK_KEY", `{"kty":"oct","k":"secret"}`, "members k"},
		{"RSA_KEY", "MIIB", "not a PEM block"},
		{"RSA_KEY", ec, "ecdsa key, not an RSA key"},
		{"RSA_KEY", priv, "PRIVATE KEY block"},
		{"RSA_KEY", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", `"CERTIFICATE" block`},
		{"RSA_KEY", "-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----\n", "does not parse"},
	}
	for _, c := range bad {
		_, d, good := CheckKey(c.method, c.key)
		if good || !strings.Contains(d, c.want) {
			t.Errorf("CheckKey(%s, %.30q): ok=%t, %q does not say %q", c.method, c.key, good, d, c.want)
		}
		if strings.Contains(d, "secret\"") || strings.Contains(d, "MII") {
			t.Errorf("CheckKey(%s) quotes key material: %s", c.method, d)
		}
	}
}

// A 503 before processing is retried for the create (duplicate-safe: LTIaaS
// upserts on url and clientId) and for activate/deactivate, without duplicates.
func TestClient_retries503(t *testing.T) {
	ctx := context.Background()
	tn := mockapi.NewTestTenant(t)
	settings := transport.DefaultSettings()
	settings.RetryMaxWait = 0
	c := tenantClient(t, tn, settings, Config{BaseURL: tn.URL()})
	tn.SetFaults(mockapi.Faults{Next503: 2})
	p, err := c.Create(ctx, Input{URL: "https://lms.example.com", ClientID: "c", Name: "n",
		AuthenticationEndpoint: "https://lms.example.com/a", AccesstokenEndpoint: "https://lms.example.com/t",
		AuthConfig: AuthConfig{Method: "JWK_SET", Key: "https://lms.example.com/jwks"}})
	if err != nil {
		t.Fatalf("create through two 503s: %v", err)
	}
	tn.SetFaults(mockapi.Faults{Next503: 1})
	if err := c.SetActive(ctx, p.ID, false); err != nil {
		t.Fatalf("deactivate through a 503: %v", err)
	}
	if tn.LTIaaS.Count() != 1 || tn.LTIaaS.Get(p.ID).Active {
		t.Fatalf("count %d, platform %+v", tn.LTIaaS.Count(), tn.LTIaaS.Get(p.ID))
	}
}

// TestClient_getRejectsBodiesOfAnotherObject: GET /platforms/{id} answering {},
// null, no id or another id is a WrongObjectError, not a platform that replaces the state.
func TestClient_getRejectsBodiesOfAnotherObject(t *testing.T) {
	transporttest.CheckRejectsOtherObjects(t, apiKeyClient("api-key-canary"), "p1", []string{`{}`, `null`, `{"name":"x"}`, `{"id":"other","name":"x"}`},
		func(ctx context.Context, c *Client) (any, error) { return c.Get(ctx, "p1") },
		func(ctx context.Context, c *Client) (any, error) { return c.Lookup(ctx, "p1") },
		func(ctx context.Context, c *Client) (any, error) { return c.Update(ctx, "p1", Input{}) })
}

// TestClient_createResponseIsNeverQuoted: a malformed 2xx create answer is maybe
// applied and quotes nothing of the body.
func TestClient_createResponseIsNeverQuoted(t *testing.T) {
	const canary = "ltiaas-body-canary-41"
	transporttest.CheckCreateNeverQuoted(t, apiKeyClient("api-key-canary"),
		func(ctx context.Context, c *Client) (any, error) { return c.Create(ctx, Input{}) },
		transport.MaybeApplied, http.StatusCreated, []string{`{"id":"p1","publicKey":"` + canary, `{"id":"p1"}` + canary, `null`}, canary[:8])
}

// apiKeyClient builds clients with the API key, without retries.
func apiKeyClient(key string) func(baseURL string) (*Client, error) {
	return transporttest.Builder(NewClient, func(u string) Config { return Config{BaseURL: u, APIKey: key} })
}
