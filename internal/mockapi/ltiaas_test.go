package mockapi

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"net/http/httptest"
	"regexp"
	"testing"
)

type ltiaasCall struct {
	t    *testing.T
	base string
	key  string
}

func (c ltiaasCall) do(method, path string, body any) (int, map[string]any) {
	c.t.Helper()
	return SendJSON(c.t, method, c.base+path, map[string]string{"Authorization": Bearer(c.key)}, body)
}

func ltiaasBody(url, clientID, name, method string) map[string]any {
	return map[string]any{
		"url": url, "clientId": clientID, "name": name,
		"authenticationEndpoint": "https://lms.example.com/auth",
		"accesstokenEndpoint":    "https://lms.example.com/token",
		"authConfig":             map[string]string{"method": method, "key": "https://lms.example.com/jwks"},
	}
}

func newLTIaaSServer(t *testing.T) (ltiaasCall, *Tenant) {
	s := New()
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	s.SetURL(ts.URL)
	tn := s.NewTenant(t.Name())
	return ltiaasCall{t: t, base: tn.URL(), key: tn.Creds.LTIaaSAPIKey}, tn
}

func envelope(t *testing.T, m map[string]any, status int, message string) {
	t.Helper()
	if int(m["status"].(float64)) != status {
		t.Errorf("envelope status = %v, want %d", m["status"], status)
	}
	if _, ok := m["error"].(string); !ok {
		t.Errorf("envelope has no error string: %v", m)
	}
	d, _ := m["details"].(map[string]any)
	if d["message"] != message {
		t.Errorf("details.message = %v, want %s", d["message"], message)
	}
}

func TestLTIaaS_auth(t *testing.T) {
	c, _ := newLTIaaSServer(t)
	for _, key := range []string{"", "wrong"} {
		bad := c
		bad.key = key
		st, m := bad.do("GET", "/admin/platforms", nil)
		if st != 401 {
			t.Fatalf("status %d, want 401", st)
		}
		envelope(t, m, 401, "INVALID_LTIK_AUTH_AUTHORIZATION_HEADER")
		if m["details"].(map[string]any)["description"] != "Invalid API key" {
			t.Errorf("description: %v", m)
		}
	}
}

func TestLTIaaS_lifecycleBothPrefixes(t *testing.T) {
	for _, prefix := range []string{"/admin/platforms", "/api/platforms"} {
		t.Run(prefix, func(t *testing.T) {
			c, tn := newLTIaaSServer(t)
			st, p := c.do("POST", prefix, ltiaasBody("https://lms.example.com", "c1", "LMS", "JWK_SET"))
			if st != 200 {
				t.Fatalf("create: %d %v", st, p)
			}
			id, _ := p["id"].(string)
			if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(id) {
				t.Fatalf("id %q is not 32 hex", id)
			}
			if p["active"] != true {
				t.Errorf("a new platform is active: %v", p["active"])
			}
			block, _ := pem.Decode([]byte(p["publicKey"].(string)))
			if block == nil || block.Type != "PUBLIC KEY" {
				t.Fatalf("publicKey is not a PEM public key: %v", p["publicKey"])
			}
			if _, err := x509.ParsePKIXPublicKey(block.Bytes); err != nil {
				t.Fatalf("publicKey does not parse: %v", err)
			}
			// Upsert: the same (url, clientId) updates and returns the same id.
			st, p2 := c.do("POST", prefix, ltiaasBody("https://lms.example.com", "c1", "LMS renamed", "RSA_KEY"))
			if st != 200 || p2["id"] != id || p2["name"] != "LMS renamed" || tn.LTIaaS.Count() != 1 {
				t.Fatalf("upsert: %d %v (count %d)", st, p2, tn.LTIaaS.Count())
			}
			if p2["publicKey"] != p["publicKey"] {
				t.Errorf("the upsert changed the public key")
			}
			// List filters.
			_, l := c.do("GET", prefix+"?url=https://lms.example.com&clientId=c1", nil)
			if n := len(l["platforms"].([]any)); n != 1 {
				t.Fatalf("list by url+clientId: %d", n)
			}
			_, l = c.do("GET", prefix+"?url=https://lms.example.com&clientId=other", nil)
			if n := len(l["platforms"].([]any)); n != 0 {
				t.Fatalf("list by other clientId: %d", n)
			}
			_, l = c.do("GET", prefix+"?id="+id, nil)
			if n := len(l["platforms"].([]any)); n != 1 {
				t.Fatalf("list by id: %d", n)
			}
			// Deactivate, activate.
			if st, _ := c.do("POST", prefix+"/"+id+"/deactivate", nil); st != 200 || tn.LTIaaS.Get(id).Active {
				t.Fatalf("deactivate: %d", st)
			}
			if st, _ := c.do("POST", prefix+"/"+id+"/activate", nil); st != 200 || !tn.LTIaaS.Get(id).Active {
				t.Fatalf("activate: %d", st)
			}
			// A second platform's pair collides.
			_, other := c.do("POST", prefix, ltiaasBody("https://lms.example.com", "c2", "Other", "JWK_SET"))
			st, m := c.do("PUT", prefix+"/"+other["id"].(string), ltiaasBody("https://lms.example.com", "c1", "Other", "JWK_SET"))
			if st != 409 {
				t.Fatalf("colliding PUT: %d %v", st, m)
			}
			envelope(t, m, 409, "URL_CLIENT_ID_COMBINATION_ALREADY_EXISTS")
			body := ltiaasBody("https://lms2.example.com", "c1", "Moved", "JWK_KEY")
			body["authorizationServer"] = "https://lms2.example.com/aud"
			st, p3 := c.do("PUT", prefix+"/"+id, body)
			if st != 200 || p3["url"] != "https://lms2.example.com" || p3["authorizationServer"] != "https://lms2.example.com/aud" {
				t.Fatalf("PUT: %d %v", st, p3)
			}
			// Get, delete, 404s.
			if st, g := c.do("GET", prefix+"/"+id, nil); st != 200 || g["name"] != "Moved" {
				t.Fatalf("GET: %d %v", st, g)
			}
			if st, _ := c.do("DELETE", prefix+"/"+id, nil); st != 204 {
				t.Fatalf("DELETE: %d", st)
			}
			for _, call := range [][2]string{{"GET", ""}, {"DELETE", ""}, {"POST", "/activate"}} {
				st, m := c.do(call[0], prefix+"/"+id+call[1], nil)
				if st != 404 {
					t.Fatalf("%s of a deleted id: %d", call[0], st)
				}
				envelope(t, m, 404, "PLATFORM_NOT_FOUND")
			}
		})
	}
}

func TestLTIaaS_validation(t *testing.T) {
	c, tn := newLTIaaSServer(t)
	cases := []struct {
		mutate  func(map[string]any)
		message string
	}{
		{func(b map[string]any) { delete(b, "clientId") }, "MISSING_PLATFORM_URL_OR_CLIENTID"},
		{func(b map[string]any) { delete(b, "name") }, "MISSING_PARAMS"},
		{func(b map[string]any) { b["authConfig"] = map[string]string{"method": "PEM", "key": "x"} }, "INVALID_AUTHCONFIG_METHOD"},
		{func(b map[string]any) { b["authConfig"] = map[string]string{"method": "RSA_KEY"} }, "MISSING_AUTHCONFIG_KEY"},
	}
	for _, tc := range cases {
		b := ltiaasBody("https://lms.example.com", "c1", "LMS", "JWK_SET")
		tc.mutate(b)
		st, m := c.do("POST", "/admin/platforms", b)
		if st != 400 {
			t.Fatalf("%s: status %d", tc.message, st)
		}
		envelope(t, m, 400, tc.message)
	}
	if tn.LTIaaS.Count() != 0 {
		t.Fatalf("an invalid body was stored")
	}
}

// TestLTIaaS_updateMerges: PUT keeps what the body leaves out, as the core does;
// authorizationServer changes only when present, "" clears it, and every response
// reports the access-token endpoint when none is set.
func TestLTIaaS_updateMerges(t *testing.T) {
	c, tn := newLTIaaSServer(t)
	st, p := c.do("POST", "/admin/platforms", ltiaasBody("https://lms.example.com", "c1", "LMS", "JWK_SET"))
	if st != 200 {
		t.Fatalf("create: %d %v", st, p)
	}
	id := p["id"].(string)
	if p["authorizationServer"] != "https://lms.example.com/token" {
		t.Fatalf("create answer: authorizationServer = %v, want the access-token endpoint", p["authorizationServer"])
	}
	path := "/admin/platforms/" + id

	st, p = c.do("PUT", path, map[string]any{"name": "Renamed", "authorizationServer": "https://lms.example.com/aud"})
	if st != 200 || p["name"] != "Renamed" || p["url"] != "https://lms.example.com" || p["clientId"] != "c1" ||
		p["accesstokenEndpoint"] != "https://lms.example.com/token" || p["authorizationServer"] != "https://lms.example.com/aud" {
		t.Fatalf("partial PUT: %d %v", st, p)
	}
	if ac := p["authConfig"].(map[string]any); ac["method"] != "JWK_SET" || ac["key"] != "https://lms.example.com/jwks" {
		t.Fatalf("partial PUT changed authConfig: %v", ac)
	}

	// A full body without authorizationServer keeps it (the bug the provider must avoid).
	st, p = c.do("PUT", path, ltiaasBody("https://lms.example.com", "c1", "LMS", "RSA_KEY"))
	if st != 200 || p["authorizationServer"] != "https://lms.example.com/aud" || tn.LTIaaS.Get(id).AuthorizationServer != "https://lms.example.com/aud" {
		t.Fatalf("PUT without authorizationServer: %d %v", st, p)
	}
	// Only the method: the key is kept.
	st, p = c.do("PUT", path, map[string]any{"authConfig": map[string]any{"method": "JWK_KEY"}})
	if ac := p["authConfig"].(map[string]any); st != 200 || ac["method"] != "JWK_KEY" || ac["key"] != "https://lms.example.com/jwks" {
		t.Fatalf("PUT of authConfig.method alone: %d %v", st, p)
	}
	// "" clears it: the default (the access-token endpoint) is reported again.
	st, p = c.do("PUT", path, map[string]any{"authorizationServer": ""})
	if st != 200 || p["authorizationServer"] != "https://lms.example.com/token" || tn.LTIaaS.Get(id).AuthorizationServer != "" {
		t.Fatalf(`PUT of authorizationServer "": %d %v`, st, p)
	}
	// The default follows the access-token endpoint, in GET and in the list.
	c.do("PUT", path, map[string]any{"accesstokenEndpoint": "https://lms.example.com/token2"})
	if _, g := c.do("GET", path, nil); g["authorizationServer"] != "https://lms.example.com/token2" {
		t.Fatalf("GET: authorizationServer = %v", g["authorizationServer"])
	}
	if _, l := c.do("GET", "/admin/platforms?id="+id, nil); l["platforms"].([]any)[0].(map[string]any)["authorizationServer"] != "https://lms.example.com/token2" {
		t.Fatalf("list: %v", l)
	}
	// Present but invalid values are still refused.
	st, m := c.do("PUT", path, map[string]any{"authConfig": map[string]any{"method": "PEM"}})
	if st != 400 {
		t.Fatalf("PUT of a bad method: %d %v", st, m)
	}
	envelope(t, m, 400, "INVALID_AUTHCONFIG_METHOD")
	st, m = c.do("PUT", path, map[string]any{"name": ""})
	if st != 400 {
		t.Fatalf("PUT of an empty name: %d %v", st, m)
	}
	envelope(t, m, 400, "MISSING_PARAMS")
}

// TestLTIaaS_publicKeyRSA4096: the platform key is an RSA-4096 public key, like the
// core's; the mock process generates it once and every platform shares it.
func TestLTIaaS_publicKeyRSA4096(t *testing.T) {
	c, tn := newLTIaaSServer(t)
	_, a := c.do("POST", "/admin/platforms", ltiaasBody("https://lms.example.com", "a", "A", "JWK_SET"))
	_, b := c.do("POST", "/api/platforms", ltiaasBody("https://lms.example.com", "b", "B", "JWK_SET"))
	r := tn.LTIaaS.Register(LTIaaSPlatform{URL: "https://lms.example.com", ClientID: "r", Name: "R"})
	block, _ := pem.Decode([]byte(a["publicKey"].(string)))
	if block == nil || block.Type != "PUBLIC KEY" {
		t.Fatalf("publicKey is not a PEM public key: %v", a["publicKey"])
	}
	pub, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	rk, ok := pub.(*rsa.PublicKey)
	if !ok || rk.N.BitLen() != 4096 {
		t.Fatalf("publicKey is %T (%d bits), want an RSA-4096 key", pub, func() int {
			if ok {
				return rk.N.BitLen()
			}
			return 0
		}())
	}
	if b["publicKey"] != a["publicKey"] || r.PublicKey != a["publicKey"] {
		t.Fatalf("the mock generated more than one key pair")
	}
}
