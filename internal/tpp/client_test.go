package tpp

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

func testClient(t *testing.T, tn *mockapi.Tenant, cfg Config) *Client {
	t.Helper()
	cfg.BaseURL = tn.URL()
	if cfg.AccessToken == "" && cfg.Username == "" {
		cfg.Username, cfg.Password, cfg.ClientID = tn.Creds.TPPUsername, tn.Creds.TPPPassword, tn.Creds.TPPClientID
	}
	s := transport.DefaultSettings()
	s.RetryMaxWait = 10 * time.Millisecond
	c, err := NewClient(s, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// clientWithApp is a client against a fresh tenant in which it has created
// application "a" (sample) with ctx.
func clientWithApp(t *testing.T, ctx context.Context) (*Client, *mockapi.Tenant) {
	t.Helper()
	tn := mockapi.NewTestTenant(t)
	c := testClient(t, tn, Config{})
	if _, err := c.Create(ctx, sample("a")); err != nil {
		t.Fatal(err)
	}
	return c, tn
}

func sample(id string) Application {
	v := int64(60)
	return Application{ID: id, Name: "n", Vendor: "v", Scope: "certificate", MaximumScope: "certificate", AccessValidity: &v}
}

func countPath(tn *mockapi.Tenant, suffix string) int {
	n := 0
	for _, r := range tn.Requests() {
		if strings.HasSuffix(r.Path, suffix) {
			n++
		}
	}
	return n
}

// One token serves every call of a run, also when the calls run in parallel.
func TestClient_tokenObtainedOnce(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	c := testClient(t, tn, Config{})
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.Create(ctx, sample("app-"+string(rune('a'+i))))
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if g := tn.TPP.TokenGrants(); g != 1 {
		t.Fatalf("%d token requests for 8 calls, want 1", g)
	}
}

// An expired token is refreshed once per failing call, and the call repeated once.
func TestClient_refreshOnInvalidToken(t *testing.T) {
	ctx := context.Background()
	c, tn := clientWithApp(t, ctx)
	tn.TPP.ExpireAccessTokens()
	if _, err := c.Get(ctx, "a"); err != nil {
		t.Fatalf("get after expiry: %v", err)
	}
	if g, r := tn.TPP.TokenGrants(), tn.TPP.TokenRefreshes(); g != 1 || r != 1 {
		t.Fatalf("grants %d, refreshes %d; want 1 and 1", g, r)
	}
	// A token given as access_token has no refresh token: the 401 is returned.
	tok := tn.TPP.IssueToken(tn.Creds.TPPUsername, "admin")
	tn.TPP.ExpireAccessTokens()
	c2 := testClient(t, tn, Config{AccessToken: tok})
	_, err := c2.Get(ctx, "a")
	if ErrorCode(err) != "invalid_token" || transport.StatusOf(err) != http.StatusUnauthorized {
		t.Fatalf("expired access_token: %v", err)
	}
}

// A refused password is asked once per run, not once per call (no account lock-out).
func TestClient_refusedPasswordNotRepeated(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	c := testClient(t, tn, Config{Username: tn.Creds.TPPUsername, Password: "canary-password-123", ClientID: tn.Creds.TPPClientID})
	for range 3 {
		_, err := c.Get(context.Background(), "a")
		if !IsTokenError(err) || ErrorCode(err) != "invalid_grant" {
			t.Fatalf("bad password: %v", err)
		}
		if strings.Contains(err.Error(), "canary-password-123") {
			t.Fatal("the password appears in the error")
		}
	}
	if n := countPath(tn, "/vedauth/authorize/oauth"); n != 1 {
		t.Fatalf("%d token requests, want 1", n)
	}
}

func TestClient_resultErrorsAndNotFound(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	c := testClient(t, tn, Config{})
	ctx := context.Background()
	_, err := c.Get(ctx, "missing")
	var re *ResultError
	if !errors.As(err, &re) || re.Result != ResultApplicationNotFound || !IsNotFound(err) {
		t.Fatalf("get missing: %v", err)
	}
	if !strings.Contains(err.Error(), "HTTP 200") || !strings.Contains(err.Error(), "Result 2 (ApplicationNotFound") {
		t.Fatalf("the error does not name the status and the result: %v", err)
	}
	if err := c.Delete(ctx, "missing"); err != nil {
		t.Fatalf("delete of a missing application: %v", err)
	}
	if err := c.Update(ctx, sample("missing")); !IsNotFound(err) {
		t.Fatalf("update of a missing application: %v", err)
	}
	// Update sends the complete object: a nil validity field is reset by TPP.
	if _, err := c.Create(ctx, sample("a")); err != nil {
		t.Fatal(err)
	}
	if got, err := c.Get(ctx, "a"); err != nil || got.AccessValidity == nil || *got.AccessValidity != 60 {
		t.Fatalf("get: %+v %v (the mock returns the validity fields)", got, err)
	}
	if f, err := c.Find(ctx, "a"); err != nil || f == nil || f.ID != "a" {
		t.Fatalf("find: %+v %v", f, err)
	}
	if f, err := c.Find(ctx, "missing"); err != nil || f != nil {
		t.Fatalf("find missing: %+v %v", f, err)
	}
}

// The other reading of not-found: HTTP 400 invalid_request naming a missing application.
// An HTTP 404 is never not-found (a wrong base_url).
func TestIsNotFound_readings(t *testing.T) {
	for _, c := range []struct {
		status int
		body   string
		want   bool
	}{
		{400, `{"error":"invalid_request","error_description":"Application 'x' does not exist."}`, true},
		{400, `{"error":"invalid_request","error_description":"The application could not be found"}`, true},
		{400, `{"error":"invalid_request","error_description":"The Scope parameter is required."}`, false},
		{404, `{"error":"invalid_request","error_description":"No HTTP resource was found"}`, false},
		{200, `{"Result":1,"Success":false}`, false},
		{200, `{"Result":2,"Success":false}`, true},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(c.status)
			_, _ = w.Write([]byte(c.body))
		}))
		cl, _ := NewClient(transport.DefaultSettings(), Config{BaseURL: srv.URL, AccessToken: "t"})
		_, err := cl.Get(context.Background(), "x")
		srv.Close()
		if err == nil || IsNotFound(err) != c.want {
			t.Errorf("HTTP %d %s: IsNotFound = %v (err %v), want %v", c.status, c.body, IsNotFound(err), err, c.want)
		}
	}
}

// Neither the password nor a token obtained at runtime appears in trace logs.
func TestClient_logsMaskSecrets(t *testing.T) {
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	c, tn := clientWithApp(t, ctx)
	tn.TPP.ExpireAccessTokens()
	if _, err := c.Get(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	if buf.Len() == 0 {
		t.Fatal("no log output was captured")
	}
	c.mu.Lock()
	tok, refresh := c.token, c.refresh
	c.mu.Unlock()
	for _, s := range []string{tn.Creds.TPPPassword, tok, refresh} {
		if s != "" && strings.Contains(buf.String(), s) {
			t.Fatalf("a secret appears in the logs")
		}
	}
}
