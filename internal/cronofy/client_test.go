package cronofy

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport/transporttest"
)

// mockClient is a client for the tenant's Cronofy with its admin key and cfg's
// other settings.
func mockClient(t *testing.T, tn *mockapi.Tenant, cfg Config) *Client {
	t.Helper()
	cfg.AdminAPIKey, cfg.BaseURL = tn.Creds.CronofyAdminAPIKey, tn.URL()
	c, err := NewClient(testSettings(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func testSettings() transport.Settings {
	s := transport.DefaultSettings()
	s.MaxRetries = 2
	s.RetryMaxWait = 100 * time.Millisecond
	s.RequestTimeout = 10 * time.Second
	return s
}

// tlsMock serves the mock over TLS and returns a dialer that reaches it whatever
// host the client asks for, so the documented https hosts can be used unchanged.
func tlsMock(t *testing.T) (*mockapi.Server, func(ctx context.Context, network, addr string) (net.Conn, error), func() []string) {
	t.Helper()
	s := mockapi.New()
	srv := httptest.NewTLSServer(s)
	t.Cleanup(srv.Close)
	s.SetURL(srv.URL)
	var mu sync.Mutex
	var dialed []string
	var d net.Dialer
	return s, func(ctx context.Context, network, addr string) (net.Conn, error) {
			mu.Lock()
			dialed = append(dialed, addr)
			mu.Unlock()
			return d.DialContext(ctx, network, srv.Listener.Addr().String())
		}, func() []string {
			mu.Lock()
			defer mu.Unlock()
			return append([]string(nil), dialed...)
		}
}

// TestClient_dataCentersReachTheirDocumentedHosts proves that each data center's
// create goes to its documented https host (contributing/platform-apis.md §5.1): the TLS mock records
// the Host header of every application it provisions.
func TestClient_dataCentersReachTheirDocumentedHosts(t *testing.T) {
	s, dial, dialed := tlsMock(t)
	tn := s.Tenant("default") // requests without /t/<tenant> go to the default tenant
	want := map[string]string{
		"au": "api-au.cronofy.com",
		"ca": "api-ca.cronofy.com",
		"de": "api-de.cronofy.com",
		"sg": "api-sg.cronofy.com",
		"uk": "api-uk.cronofy.com",
		"us": "api.cronofy.com",
	}
	if got := DataCenters(); len(got) != len(want) {
		t.Fatalf("DataCenters() = %v", got)
	}
	c, err := NewClient(testSettings(), Config{
		AdminAPIKey: tn.Creds.CronofyAdminAPIKey,
		// transport.Options has no field for a custom CA pool, so this test skips
		// verification of the httptest certificate; the scheme stays https.
		InsecureSkipVerify: true,
		DialContext:        dial,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.trs) != 0 {
		t.Fatalf("transports are built before use: %d", len(c.trs))
	}
	for _, dc := range DataCenters() {
		oc, err := c.Create(context.Background(), dc, CreateInput{Name: "app-" + dc, URL: "https://app.example.com"})
		if err != nil {
			t.Fatalf("%s: %v", dc, err)
		}
		if got := tn.Cronofy.Host(oc.ClientID); got != want[dc] {
			t.Errorf("data center %s: the application was created through Host %q, want %q", dc, got, want[dc])
		}
		if app := tn.Cronofy.Get(oc.ClientID); app == nil || app.ClientSecret != oc.ClientSecret || app.Name != "app-"+dc {
			t.Errorf("data center %s: stored %+v", dc, app)
		}
		if d := dialed(); len(d) == 0 || d[len(d)-1] != want[dc]+":443" {
			t.Errorf("data center %s: dialed %q, want %q last", dc, d, want[dc]+":443")
		}
	}
	// The provider's data center is the default of a call that names none.
	oc, err := c.Create(context.Background(), "", CreateInput{Name: "default", URL: "https://app.example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if got := tn.Cronofy.Host(oc.ClientID); got != "api.cronofy.com" {
		t.Errorf("default data center: Host %q", got)
	}
	if len(c.trs) != 6 {
		t.Errorf("one transport per data center used: got %d", len(c.trs))
	}
	for _, r := range tn.Requests() {
		if r.Method != http.MethodPost || r.Path != "/v1/applications" {
			t.Errorf("unexpected request %s %s", r.Method, r.Path)
		}
	}
}

func TestClient_baseURLOverridesEveryHost(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	c := mockClient(t, tn, Config{DataCenter: "de"})
	u, _ := url.Parse(tn.URL())
	host := u.Host
	for _, dc := range []string{"de", "au", "us"} {
		oc, err := c.Create(context.Background(), dc, CreateInput{Name: "x", URL: "https://x.example"})
		if err != nil {
			t.Fatalf("%s: %v", dc, err)
		}
		if got := tn.Cronofy.Host(oc.ClientID); got != host {
			t.Errorf("%s: Host %q, want the base_url's %q", dc, got, host)
		}
	}
	if len(c.trs) != 1 {
		t.Errorf("base_url: %d transports, want 1", len(c.trs))
	}
	if c.DataCenter() != "de" {
		t.Errorf("DataCenter() = %q", c.DataCenter())
	}
}

func TestClient_errors(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	tn.Cronofy.Reject("url", "https://bad.example", "errors.invalid", "is not allowed")
	c := mockClient(t, tn, Config{})
	_, err := c.Create(context.Background(), "", CreateInput{Name: " ", URL: "https://bad.example"})
	fe := FieldErrors(err)
	if transport.StatusOf(err) != http.StatusUnprocessableEntity || len(fe) != 2 ||
		fe["name"][0].Description != "required" || fe["url"][0].Description != "is not allowed" || fe["url"][0].Key != "errors.invalid" {
		t.Fatalf("422: %v %+v", err, fe)
	}
	if !strings.Contains(err.Error(), "name: required; url: is not allowed") {
		t.Fatalf("message: %v", err)
	}

	bad, _ := NewClient(testSettings(), Config{AdminAPIKey: "canary-not-the-key", BaseURL: tn.URL()})
	_, err = bad.Create(context.Background(), "", CreateInput{Name: "a", URL: "https://a.example"})
	if transport.StatusOf(err) != http.StatusUnauthorized || strings.Contains(err.Error(), "canary") {
		t.Fatalf("401: %v", err)
	}
	if tn.Cronofy.Count() != 0 {
		t.Fatal("a failed create was stored")
	}
}

// TestClient_lostResponseIsNotResent: Cronofy has no unique key, so a create whose
// answer was lost after it was sent must not be sent again.
func TestClient_lostResponseIsNotResent(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	tn.SetFaults(mockapi.Faults{DropCreates: 1})
	c := mockClient(t, tn, Config{})
	_, err := c.Create(context.Background(), "", CreateInput{Name: "a", URL: "https://a.example"})
	if err == nil || !transport.MaybeApplied(err) {
		t.Fatalf("want a maybe-applied error, got %v", err)
	}
	if n := tn.Cronofy.Count(); n != 1 {
		t.Fatalf("the mock holds %d applications, want 1 (no resend)", n)
	}
	if n := len(tn.Requests()); n != 1 {
		t.Fatalf("%d requests, want 1", n)
	}
}

func TestNewClient_rejectsBadSettings(t *testing.T) {
	for _, cfg := range []Config{
		{AdminAPIKey: "k", DataCenter: "eu"},
		{AdminAPIKey: ""},
		{AdminAPIKey: "k", BaseURL: "ftp://x"},
	} {
		if _, err := NewClient(testSettings(), cfg); err == nil {
			t.Errorf("%+v: no error", cfg)
		}
	}
	c, err := NewClient(testSettings(), Config{AdminAPIKey: "k"})
	if err != nil || c.DataCenter() != "us" {
		t.Fatalf("default data center: %v %v", c, err)
	}
	u, _ := c.BaseURL("us")
	if pu, _ := url.Parse(u); pu.Scheme != "https" || pu.Host != "api.cronofy.com" {
		t.Fatalf("us base URL %q", u)
	}
}

// TestClient_503IsResentOnce: a 503 says Cronofy did not handle the create, so it is
// resent, and the one application the mock then holds is the one returned.
func TestClient_503IsResentOnce(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	tn.SetFaults(mockapi.Faults{Next503: 2})
	c := mockClient(t, tn, Config{})
	oc, err := c.Create(context.Background(), "", CreateInput{Name: "a", URL: "https://a.example"})
	if err != nil {
		t.Fatalf("create through two 503s: %v", err)
	}
	all := tn.Cronofy.All()
	if len(all) != 1 || all[0].ClientID != oc.ClientID || all[0].ClientSecret != oc.ClientSecret {
		t.Fatalf("the mock holds %v, want exactly the returned application", all)
	}
	if n := len(tn.Requests()); n != 3 {
		t.Fatalf("%d requests, want 3 (two 503s, then the create)", n)
	}
	// The caller learns that the create was resent after 503s (an earlier attempt may
	// have registered an application too), and a plain create says none was.
	if oc.Resent503 != 2 {
		t.Fatalf("Resent503 = %d, want 2", oc.Resent503)
	}
	oc, err = c.Create(context.Background(), "", CreateInput{Name: "b", URL: "https://b.example"})
	if err != nil || oc.Resent503 != 0 {
		t.Fatalf("a create without 503: Resent503 %v, %v", oc, err)
	}
}

// TestClient_createResponseIsNeverQuoted: a malformed 2xx create answer (truncated,
// trailing bytes, without oauth_client) is reported as maybe applied, without a byte
// of the body, which holds the new client secret.
func TestClient_createResponseIsNeverQuoted(t *testing.T) {
	const secret = "CRONOFY-issued-secret-77aa"
	transporttest.CheckCreateNeverQuoted(t,
		func(baseURL string) (*Client, error) {
			return NewClient(testSettings(), Config{AdminAPIKey: "admin-key-canary", BaseURL: baseURL})
		},
		func(ctx context.Context, c *Client) (any, error) {
			return c.Create(ctx, "", CreateInput{Name: "a", URL: "https://a.example"})
		},
		transport.MaybeApplied, http.StatusCreated, []string{
			`{"oauth_client":{"client_id":"c1","client_secret":"` + secret + `"`,
			`{"oauth_client":{"client_id":"c1","client_secret":"` + secret + `"}}}`,
			`{"client_secret":"` + secret + `"}`,
			`null`,
		}, secret[:10])
}
