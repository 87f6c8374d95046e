package transport

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"unicode/utf8"
)

// routeTo returns a DialContext that sends every connection for addr (host:port)
// to the given listener address, so a test can serve "https://example.com" (port
// 443) and "http://example.com" (port 80) from two local servers.
func routeTo(routes map[string]string) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		to, ok := routes[addr]
		if !ok {
			return nil, errors.New("test dialer: no route to " + addr)
		}
		var d net.Dialer
		return d.DialContext(ctx, network, to)
	}
}

// TestRedirectNeverChangesSchemeOrPort: https://example.com answers 307 with a
// Location on http://example.com (same host name, port 80) or on another port; the
// client refuses to follow, so the credential and the body never go out in clear.
func TestRedirectNeverChangesSchemeOrPort(t *testing.T) {
	var leaked atomic.Int32
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked.Add(1)
		body, _ := io.ReadAll(r.Body)
		t.Errorf("the plain-text server received %s %s (Authorization %q, body %q)", r.Method, r.URL, r.Header.Get("Authorization"), body)
	}))
	defer plain.Close()
	secure := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/downgrade":
			http.Redirect(w, r, "http://example.com/landing", http.StatusTemporaryRedirect)
		case "/moved":
			http.Redirect(w, r, "http://example.com/landing", http.StatusMovedPermanently)
		case "/port":
			http.Redirect(w, r, "https://example.com:8443/landing", http.StatusTemporaryRedirect)
		case "/explicit-default-port":
			http.Redirect(w, r, "https://example.com:443/landing", http.StatusTemporaryRedirect)
		case "/landing":
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte(`{}`))
		}
	}))
	defer secure.Close()
	c := newTestClient(t, "https://example.com", func(o *Options) {
		o.InsecureSkipVerify = true
		o.DialContext = routeTo(map[string]string{
			"example.com:443":  secure.Listener.Addr().String(),
			"example.com:80":   plain.Listener.Addr().String(),
			"example.com:8443": plain.Listener.Addr().String(),
		})
		o.Auth = Bearer("redirect-canary")
	})
	for _, tc := range []struct{ method, path, want string }{
		{"POST", "/downgrade", "http://example.com:80"},
		{"GET", "/moved", "http://example.com:80"},
		{"GET", "/port", "https://example.com:8443"},
	} {
		_, err := c.Do(context.Background(), Request{Method: tc.method, Path: tc.path, Body: map[string]string{"secret": "body-canary"}})
		if !errors.Is(err, ErrRedirect) {
			t.Fatalf("%s %s: the redirect was followed or failed otherwise: %v", tc.method, tc.path, err)
		}
		if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "https://example.com:443") {
			t.Errorf("%s: the error does not name both ends: %v", tc.path, err)
		}
		if MaybeApplied(err) {
			t.Errorf("%s: a refused redirect counts as maybe applied", tc.path)
		}
	}
	if leaked.Load() != 0 {
		t.Fatalf("%d request(s) reached the plain-text server", leaked.Load())
	}
	// The same origin written with its default port is the same origin.
	if _, err := c.Do(context.Background(), Request{Method: "GET", Path: "/explicit-default-port"}); err != nil {
		t.Fatalf("a redirect to the same origin with an explicit default port was refused: %v", err)
	}
}

// TestDecodeErrorNeverQuotesTheBody: a 2xx body that is not valid JSON (truncated,
// or followed by trailing bytes) may hold a secret the platform just issued: the
// error says what went wrong and that the request may have been carried out, but
// never repeats a byte of the body.
func TestDecodeErrorNeverQuotesTheBody(t *testing.T) {
	const secret = "issued-secret-4f1c9a"
	bodies := map[string]string{
		"/truncated": `{"client_secret":"` + secret + `","id":`,
		"/trailing":  `{"id":1}{"client_secret":"` + secret + `"}`,
		"/type":      `{"id":"` + secret + `"}`,
		"/garbage":   secret + ` not json`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(bodies[r.URL.Path]))
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, nil)
	for path := range bodies {
		resp, err := c.Do(context.Background(), Request{Method: "POST", Path: path})
		if err != nil {
			t.Fatal(err)
		}
		var out struct {
			ID int64 `json:"id"`
		}
		err = resp.Decode(&out)
		var de *DecodeError
		if !errors.As(err, &de) || !MaybeApplied(err) {
			t.Fatalf("%s: want a DecodeError that counts as maybe applied, got %v", path, err)
		}
		for _, part := range []string{secret, secret[:6], "client_secret", "not json"} {
			if strings.Contains(err.Error(), part) {
				t.Errorf("%s: the error quotes the body (%q): %s", path, part, err)
			}
		}
		if !strings.Contains(err.Error(), "HTTP 201") {
			t.Errorf("%s: the error does not name the status: %s", path, err)
		}
	}
}

// TestRedactionCoversEncodedForms: a server that echoes the request in its error
// message may return a credential JSON-escaped (once or twice), URL-encoded or
// base64-encoded; none of those forms may reach the error, nor any part of the
// credential around an escaped quote.
func TestRedactionCoversEncodedForms(t *testing.T) {
	const password = `pa"ss\w/rd<&>%+ 9`
	const user = "admin"
	basic := base64.StdEncoding.EncodeToString([]byte(user + ":" + password))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		echo := map[string]string{
			"error":             "invalid_grant",
			"error_description": "bad request body " + string(body) + " form " + url.Values{"password": {password}}.Encode() + " path " + url.PathEscape(password) + " b64 " + base64.StdEncoding.EncodeToString([]byte(password)) + " header " + r.Header.Get("Authorization"),
		}
		b, _ := json.Marshal(echo)
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write(b)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, func(o *Options) {
		o.Secrets = []string{password}
		o.Auth = Basic(user, password)
		o.ErrorMessage = func(_ int, body []byte) string {
			var e struct {
				Error       string `json:"error"`
				Description string `json:"error_description"`
			}
			_ = json.Unmarshal(body, &e)
			return e.Error + ": " + e.Description
		}
	})
	_, err := c.Do(context.Background(), Request{Method: "POST", Path: "/token", Body: map[string]string{"username": user, "password": password}})
	var ae *APIError
	if !errors.As(err, &ae) {
		t.Fatal(err)
	}
	jsonOnce, _ := json.Marshal(password)
	for _, leak := range []string{password, string(jsonOnce[1 : len(jsonOnce)-1]), url.QueryEscape(password), url.PathEscape(password),
		base64.StdEncoding.EncodeToString([]byte(password)), basic, "ss\\", "w/rd", "9"} {
		if leak == "9" {
			continue // too short to be meaningful on its own
		}
		if strings.Contains(err.Error(), leak) || strings.Contains(string(ae.Body), leak) {
			t.Errorf("%q leaked:\nerror: %s\nbody: %s", leak, err, ae.Body)
		}
	}
	if !strings.Contains(err.Error(), "invalid_grant") {
		t.Fatalf("the rest of the message was lost: %s", err)
	}
}

// TestErrorSnippetsAreValidUTF8: a non-JSON error body is cut rune-safe and its
// invalid bytes replaced, so the diagnostic built from it is valid UTF-8.
func TestErrorSnippetsAreValidUTF8(t *testing.T) {
	body := strings.Repeat("a", 79) + "é and more text after the cut" + "\xff\xfe"
	invalid := "bad \xff\xfe bytes"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		if r.URL.Path == "/invalid" {
			_, _ = w.Write([]byte(invalid))
			return
		}
		_, _ = w.Write([]byte(body))
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, nil)
	for _, path := range []string{"/cut", "/invalid"} {
		_, err := c.Do(context.Background(), Request{Method: "GET", Path: path})
		if err == nil {
			t.Fatal("no error")
		}
		if !utf8.ValidString(err.Error()) {
			t.Errorf("%s: the error is not valid UTF-8: %q", path, err.Error())
		}
	}
}

// TestDNSNotFoundIsNotRetried: a host that does not exist does not appear by waiting.
func TestDNSNotFoundIsNotRetried(t *testing.T) {
	var dials atomic.Int32
	c := newTestClient(t, "https://no-such-host.example", func(o *Options) {
		o.DialContext = func(context.Context, string, string) (net.Conn, error) {
			dials.Add(1)
			return nil, &net.DNSError{Err: "no such host", Name: "no-such-host.example", IsNotFound: true}
		}
	})
	_, err := c.Do(context.Background(), Request{Method: "GET", Path: "/"})
	if err == nil || dials.Load() != 1 {
		t.Fatalf("dials = %d (want 1, no retry), err %v", dials.Load(), err)
	}
	if !strings.Contains(err.Error(), "no such host") {
		t.Fatalf("error %v", err)
	}
}

// TestRedactionFollowsTheTokenOfEachRequest: the forms of the Authorization header are
// remembered between requests; when the token changes (a refresh), the new one is
// masked in the next error, and the old one again when it comes back.
func TestRedactionFollowsTheTokenOfEachRequest(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte("rejected " + strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")))
	}))
	defer srv.Close()
	var token string
	c := newTestClient(t, srv.URL, func(o *Options) {
		o.Auth = func(_ context.Context, r *http.Request) error {
			r.Header.Set("Authorization", "Bearer "+token)
			return nil
		}
	})
	for _, tok := range []string{"first-token-1111", "first-token-1111", "second-token-2222", "first-token-1111"} {
		token = tok
		_, err := c.Do(context.Background(), Request{Method: "GET", Path: "/"})
		if err == nil {
			t.Fatal("no error")
		}
		if strings.Contains(err.Error(), tok) || !strings.Contains(err.Error(), "rejected") {
			t.Fatalf("token %q: error %q", tok, err)
		}
	}
}
