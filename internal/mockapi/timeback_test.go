package mockapi_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// do sends a Timeback API request with the bearer token.
func (h *tenantFixture) do(method, path, token string, body any) (int, map[string]any) {
	h.t.Helper()
	return mockapi.SendJSON(h.t, method, h.tn.URL()+path, map[string]string{"Authorization": mockapi.Bearer(token)}, body)
}

func draft(name string) map[string]any {
	return map[string]any{"name": name, "description": "d", "launchUrl": "https://app.example.com/launch"}
}

func TestTimeback_createReadCredentials(t *testing.T) {
	h := newFixture(t)
	tok := h.tn.Creds.TimebackToken
	// The sandbox pair is in the create answer by default.
	st, m := h.do("POST", "/applications/1.0/drafts", tok, draft("one"))
	if st != http.StatusCreated {
		t.Fatalf("create: %d %v", st, m)
	}
	id, _ := m["applicationId"].(string)
	if m["appUrn"] != "urn:uuid:"+id || m["clientSecret"] == "" || m["clientId"] == "" || m["publisherId"] != h.tn.Timeback.Publishers()[0] {
		t.Fatalf("create body: %v", m)
	}
	sb, _ := m["sandboxCredentials"].(map[string]any)
	if sb["clientId"] == "" || sb["clientSecret"] == "" {
		t.Fatalf("sandbox credentials missing: %v", m)
	}
	st, m = h.do("GET", "/applications/1.0/"+id, tok, nil)
	if st != 200 || m["sourcedId"] != id || m["name"] != "one" || m["applicationType"] != "learning_app" {
		t.Fatalf("get: %d %v", st, m)
	}
	st, m = h.do("GET", "/applications/1.0/"+id+"/credentials", tok, nil)
	pc, _ := m["productionCredentials"].(map[string]any)
	if st != 200 || pc["clientId"] != h.tn.Timeback.Get(id).ClientID || pc["tokenUrl"] == nil {
		t.Fatalf("credentials: %d %v", st, m)
	}
	// sandboxCredentials sits next to productionCredentials: client id, scopes, token URL.
	sc, _ := m["sandboxCredentials"].(map[string]any)
	if sc["clientId"] != sb["clientId"] || sc["tokenUrl"] != mockapi.TimebackSandboxTokenURL || fmt.Sprint(sc["scopes"]) != fmt.Sprint(mockapi.TimebackSandboxScopes) {
		t.Fatalf("sandbox credentials: %v", m)
	}
	raw, _ := json.Marshal(m)
	if strings.Contains(string(raw), h.tn.Timeback.Get(id).ClientSecret) || strings.Contains(strings.ToLower(string(raw)), "secret") {
		t.Fatalf("credentials carry a secret: %s", raw)
	}
	if st, _ := h.do("GET", "/applications/1.0/"+mockapi.RandomUUID(), tok, nil); st != 404 {
		t.Fatalf("unknown id: %d", st)
	}
}

// TestTimeback_sandboxOff: SetSandboxCredentials(false) leaves the sandbox pair out of
// the create answer and the credentials read.
func TestTimeback_sandboxOff(t *testing.T) {
	h := newFixture(t)
	tok := h.tn.Creds.TimebackToken
	h.tn.Timeback.SetSandboxCredentials(false)
	st, m := h.do("POST", "/applications/1.0/drafts", tok, draft("one"))
	if _, ok := m["sandboxCredentials"]; st != http.StatusCreated || ok {
		t.Fatalf("create: %d %v, want no sandboxCredentials", st, m)
	}
	id, _ := m["applicationId"].(string)
	st, m = h.do("GET", "/applications/1.0/"+id+"/credentials", tok, nil)
	if _, ok := m["sandboxCredentials"]; st != 200 || ok {
		t.Fatalf("credentials: %d %v, want no sandboxCredentials", st, m)
	}
}

func TestTimeback_auth(t *testing.T) {
	h := newFixture(t)
	for _, tok := range []string{"", "wrong"} {
		if st, m := h.do("GET", "/applications/1.0/"+mockapi.RandomUUID(), tok, nil); st != 401 || m["error"] != "unauthorized" {
			t.Fatalf("token %q: %d %v", tok, st, m)
		}
	}
	if st, _ := h.do("POST", "/applications/1.0/drafts", "", draft("x")); st != 401 || h.tn.Timeback.Count() != 0 {
		t.Fatalf("unauthenticated create: %d", st)
	}
}

// clientCredentials asks Timeback's token endpoint for a token with HTTP Basic id and secret.
func (h *tenantFixture) clientCredentials(id, secret, grant string) (int, map[string]any) {
	h.t.Helper()
	basic := base64.StdEncoding.EncodeToString([]byte(id + ":" + secret))
	return mockapi.SendJSON(h.t, http.MethodPost, h.tn.URL()+"/auth/1.0/token",
		map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Authorization": "Basic " + basic},
		url.Values{"grant_type": {grant}}.Encode())
}

func TestTimeback_tokenEndpoint(t *testing.T) {
	h := newFixture(t)
	c := h.tn.Creds
	now := time.Now()
	h.tn.Timeback.SetClock(func() time.Time { return now })
	if st, m := h.clientCredentials(c.TimebackClientID, "wrong", "client_credentials"); st != 401 || m["error"] != "invalid_client" {
		t.Fatalf("bad secret: %d %v", st, m)
	}
	if st, m := h.clientCredentials(c.TimebackClientID, c.TimebackClientSecret, "password"); st != 400 || m["error"] != "unsupported_grant_type" {
		t.Fatalf("bad grant: %d %v", st, m)
	}
	st, m := h.clientCredentials(c.TimebackClientID, c.TimebackClientSecret, "client_credentials")
	if st != 200 || m["token_type"] != "Bearer" || m["expires_in"] != float64(3600) {
		t.Fatalf("token: %d %v", st, m)
	}
	tok, _ := m["access_token"].(string)
	if st, _ := h.do("POST", "/applications/1.0/drafts", tok, draft("with-issued")); st != 201 {
		t.Fatalf("issued token refused: %d", st)
	}
	now = now.Add(time.Hour + time.Second)
	if st, m := h.do("GET", "/applications/1.0/"+mockapi.RandomUUID(), tok, nil); st != 401 {
		t.Fatalf("expired token accepted: %d %v", st, m)
	}
	if h.tn.Timeback.TokensIssued() != 1 {
		t.Fatalf("issued %d tokens", h.tn.Timeback.TokensIssued())
	}
}

func TestTimeback_publishers(t *testing.T) {
	h := newFixture(t)
	tok := h.tn.Creds.TimebackToken
	x := h.tn.Timeback

	x.SetPublishers()
	st, m := h.do("POST", "/applications/1.0/drafts", tok, draft("zero"))
	if st != 201 || len(x.Publishers()) != 1 || m["publisherId"] != x.Publishers()[0] {
		t.Fatalf("0 memberships: %d %v %v", st, m, x.Publishers())
	}

	p1, p2 := mockapi.RandomUUID(), mockapi.RandomUUID()
	x.SetPublishers(p1, p2)
	st, m = h.do("POST", "/applications/1.0/drafts", tok, draft("many"))
	na, _ := m["nextAction"].(map[string]any)
	ids, _ := na["publisherIds"].([]any)
	if st != 400 || m["error"] != "publisher_ambiguous" || len(ids) != 2 || ids[0] != p1 || x.FindByName("many") != nil {
		t.Fatalf("many memberships: %d %v", st, m)
	}
	body := draft("many")
	body["publisherId"] = p2
	if st, m = h.do("POST", "/applications/1.0/drafts", tok, body); st != 201 || m["publisherId"] != p2 {
		t.Fatalf("with publisherId: %d %v", st, m)
	}
	body = draft("stranger")
	body["publisherId"] = mockapi.RandomUUID()
	if st, m = h.do("POST", "/applications/1.0/drafts", tok, body); st != 403 {
		t.Fatalf("foreign publisher: %d %v", st, m)
	}
}

func TestTimeback_validationAndConflict(t *testing.T) {
	h := newFixture(t)
	tok := h.tn.Creds.TimebackToken
	bad := []map[string]any{
		{"description": "d", "launchUrl": "https://a.example"},
		{"name": "", "description": "d", "launchUrl": "https://a.example"},
		{"name": strings.Repeat("n", 257), "description": "d", "launchUrl": "https://a.example"},
		{"name": "n", "description": strings.Repeat("d", 1025), "launchUrl": "https://a.example"},
		{"name": "n", "description": "d", "launchUrl": "relative/path"},
		{"name": "n", "description": "d", "launchUrl": "https://a.example/" + strings.Repeat("p", 512)},
		{"name": "n", "description": "d", "launchUrl": "https://a.example", "applicationType": "game"},
		{"name": "n", "description": "d", "launchUrl": "https://a.example", "publisherId": "not-a-uuid"},
	}
	for i, b := range bad {
		st, m := h.do("POST", "/applications/1.0/drafts", tok, b)
		if d, _ := m["details"].([]any); st != 400 || m["error"] != "validation_error" || len(d) == 0 {
			t.Errorf("case %d: %d %v", i, st, m)
		}
	}
	if h.tn.Timeback.Count() != 0 {
		t.Fatalf("invalid creates stored")
	}
	if st, _ := h.do("POST", "/applications/1.0/drafts", tok, draft("taken")); st != 201 {
		t.Fatal(st)
	}
	if st, m := h.do("POST", "/applications/1.0/drafts", tok, draft("taken")); st != 409 || m["error"] != "name_conflict" {
		t.Fatalf("duplicate: %d %v", st, m)
	}
	h.tn.Timeback.SetConflictStatus(http.StatusUnprocessableEntity)
	if st, _ := h.do("POST", "/applications/1.0/drafts", tok, draft("taken")); st != 422 || h.tn.Timeback.Count() != 1 {
		t.Fatalf("configured duplicate status: %d", st)
	}
}
