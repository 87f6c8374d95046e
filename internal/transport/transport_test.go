package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

func fastSettings() Settings {
	return Settings{MaxRetries: 3, RetryMinWait: time.Millisecond, RetryMaxWait: 20 * time.Millisecond, RequestTimeout: 5 * time.Second, UserAgent: "terraform-provider-registrar/test"}
}

func newTestClient(t *testing.T, url string, mod func(*Options)) *Client {
	t.Helper()
	o := Options{Platform: "Test", BaseURL: url}
	if mod != nil {
		mod(&o)
	}
	c, err := New(fastSettings(), o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestRetryMatrix: method x answer → how many attempts the client makes.
func TestRetryMatrix(t *testing.T) {
	cases := []struct {
		method        string
		status        int // 0: the server drops the connection after reading the request
		duplicateSafe bool
		wantAttempts  int
	}{
		{"GET", 429, false, 4}, {"GET", 502, false, 4}, {"GET", 503, false, 4}, {"GET", 504, false, 4},
		{"GET", 500, false, 1}, {"GET", 400, false, 1}, {"GET", 404, false, 1}, {"GET", 0, false, 4},
		{"PUT", 503, false, 4}, {"DELETE", 503, false, 4}, {"DELETE", 0, false, 4},
		{"POST", 429, false, 4}, {"POST", 503, false, 4}, {"POST", 502, false, 1}, {"POST", 504, false, 1},
		{"POST", 500, false, 1}, {"POST", 0, false, 1},
		{"POST", 502, true, 4}, {"POST", 503, true, 4}, {"POST", 504, true, 4}, {"POST", 0, true, 1},
		{"PATCH", 429, false, 4}, {"PATCH", 503, false, 4}, {"PATCH", 502, false, 1}, {"PATCH", 504, false, 1}, {"PATCH", 0, false, 1},
	}
	for _, tc := range cases {
		t.Run(tc.method+"-"+http.StatusText(tc.status)+map[bool]string{true: "-dupsafe"}[tc.duplicateSafe], func(t *testing.T) {
			var n atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				n.Add(1)
				_, _ = io.ReadAll(r.Body)
				if tc.status == 0 {
					conn, _, _ := w.(http.Hijacker).Hijack()
					_ = conn.Close()
					return
				}
				w.WriteHeader(tc.status)
			}))
			defer srv.Close()
			c := newTestClient(t, srv.URL, nil)
			_, err := c.Do(context.Background(), Request{Method: tc.method, Path: "/x", Body: map[string]string{"a": "b"}, DuplicateSafe: tc.duplicateSafe})
			if err == nil {
				t.Fatal("expected an error")
			}
			if got := int(n.Load()); got != tc.wantAttempts {
				t.Fatalf("attempts = %d, want %d (err: %v)", got, tc.wantAttempts, err)
			}
			if tc.status == 0 && !MaybeApplied(err) {
				t.Fatalf("a dropped connection after the request was written must count as maybe applied: %v", err)
			}
		})
	}
}

// A POST whose connection fails before the request is written is retried.
func TestRetryPOSTBeforeWrite(t *testing.T) {
	var srvN atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		srvN.Add(1)
		w.WriteHeader(201)
		_, _ = w.Write([]byte(`{"ok":true}`))
	}))
	defer srv.Close()
	var dials atomic.Int32
	c := newTestClient(t, srv.URL, func(o *Options) {
		o.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
			if dials.Add(1) == 1 {
				return nil, errors.New("connection refused (injected)")
			}
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		}
	})
	resp, err := c.Do(context.Background(), Request{Method: "POST", Path: "/x", Body: map[string]int{"a": 1}})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Attempts != 2 || srvN.Load() != 1 {
		t.Fatalf("attempts = %d, server saw %d, want 2 and 1", resp.Attempts, srvN.Load())
	}
}

func TestRetryAfterHonouredAndCapped(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if d, ok := RetryAfter("3", now); !ok || d != 3*time.Second {
		t.Fatalf("seconds: %v %v", d, ok)
	}
	if d, ok := RetryAfter(now.Add(5*time.Second).Format(http.TimeFormat), now); !ok || d != 5*time.Second {
		t.Fatalf("date: %v %v", d, ok)
	}
	if _, ok := RetryAfter("soon", now); ok {
		t.Fatal("garbage accepted")
	}
	resp := &http.Response{Header: http.Header{"Retry-After": {"2"}}}
	if d := Backoff(time.Millisecond, 10*time.Second, 0, resp); d != 2*time.Second {
		t.Fatalf("Retry-After 2 gave %v", d)
	}
	resp.Header.Set("Retry-After", "120")
	if d := Backoff(time.Millisecond, 5*time.Second, 0, resp); d != 5*time.Second {
		t.Fatalf("Retry-After 120 capped at 5s gave %v", d)
	}
}

func TestBackoffJitterBounds(t *testing.T) {
	minW, maxW := 100*time.Millisecond, 2*time.Second
	for attempt := 0; attempt < 8; attempt++ {
		base := min(minW<<attempt, maxW)
		seen := map[time.Duration]bool{}
		for i := 0; i < 200; i++ {
			d := Backoff(minW, maxW, attempt, nil)
			if d < base/2 || d > base {
				t.Fatalf("attempt %d: %v outside [%v, %v]", attempt, d, base/2, base)
			}
			seen[d] = true
		}
		if len(seen) < 10 {
			t.Fatalf("attempt %d: only %d distinct waits: no jitter", attempt, len(seen))
		}
	}
}

// The server sees Retry-After honoured: the second attempt comes no earlier than asked.
func TestRetryAfterEndToEnd(t *testing.T) {
	var mu sync.Mutex
	var times []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		n := len(times)
		mu.Unlock()
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(429)
			return
		}
		w.WriteHeader(200)
	}))
	defer srv.Close()
	s := fastSettings()
	s.RetryMaxWait = 5 * time.Second
	c, _ := New(s, Options{Platform: "Test", BaseURL: srv.URL})
	if _, err := c.Do(context.Background(), Request{Method: "GET", Path: "/"}); err != nil {
		t.Fatal(err)
	}
	if gap := times[1].Sub(times[0]); gap < 900*time.Millisecond {
		t.Fatalf("second attempt after %v, Retry-After asked for 1s", gap)
	}
}

func TestAPIErrorAndMessages(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/json":
			w.WriteHeader(400)
			_, _ = w.Write([]byte(`{"detail":"bad thing"}`))
		case "/html":
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(400)
			_, _ = w.Write([]byte(`<html><body>Bad gateway</body></html>`))
		case "/notjson":
			_, _ = w.Write([]byte(`{"truncated":`))
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, func(o *Options) {
		o.ErrorMessage = func(_ int, body []byte) string {
			var d struct{ Detail string }
			_ = json.Unmarshal(body, &d)
			return d.Detail
		}
	})
	_, err := c.Do(context.Background(), Request{Method: "GET", Path: "/json"})
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != 400 || ae.Message != "bad thing" || StatusOf(err) != 400 {
		t.Fatalf("got %#v", err)
	}
	if !strings.Contains(err.Error(), "HTTP 400") || !strings.Contains(err.Error(), "bad thing") {
		t.Fatalf("message %q", err)
	}
	_, err = c.Do(context.Background(), Request{Method: "GET", Path: "/html"})
	if !errors.As(err, &ae) || !strings.Contains(ae.Message, "HTML page") {
		t.Fatalf("html: %v", err)
	}
	resp, err := c.Do(context.Background(), Request{Method: "GET", Path: "/notjson"})
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	var de *DecodeError
	if err := resp.Decode(&out); !errors.As(err, &de) {
		t.Fatalf("truncated JSON decoded: %v", err)
	}
}

func TestHeadersAndCrossHostRedirect(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			t.Errorf("credentials reached another host")
		}
	}))
	defer other.Close()
	var ua string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua = r.Header.Get("User-Agent")
		if r.URL.Path == "/redirect" {
			http.Redirect(w, r, other.URL+"/x", http.StatusFound)
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, func(o *Options) {
		o.Auth = Bearer("s3cr3t")
	})
	if _, err := c.Do(context.Background(), Request{Method: "GET", Path: "/ok"}); err != nil {
		t.Fatal(err)
	}
	if ua != "terraform-provider-registrar/test" {
		t.Fatalf("User-Agent %q", ua)
	}
	_, err := c.Do(context.Background(), Request{Method: "GET", Path: "/redirect"})
	if !errors.Is(err, ErrRedirect) {
		t.Fatalf("cross-host redirect: %v", err)
	}
}

func TestTLSVerification(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, nil)
	_, err := c.Do(context.Background(), Request{Method: "GET", Path: "/"})
	var re *RequestError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "not trusted") || re.Attempts != 1 {
		t.Fatalf("untrusted certificate: %v", err)
	}
	c = newTestClient(t, srv.URL, func(o *Options) { o.InsecureSkipVerify = true })
	if _, err := c.Do(context.Background(), Request{Method: "GET", Path: "/"}); err != nil {
		t.Fatalf("insecure_skip_verify: %v", err)
	}
}

// TestLogsMaskSecrets: the structured log lines carry method, path, status and
// attempt, and never a credential.
func TestLogsMaskSecrets(t *testing.T) {
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(429)
	}))
	defer srv.Close()
	const secret = "canary-token-7f3a"
	c := newTestClient(t, srv.URL, func(o *Options) {
		o.Secrets = []string{secret}
		o.Auth = Bearer(secret)
	})
	_, _ = c.Do(ctx, Request{Method: "GET", Path: "/apps/" + secret})
	out := buf.String()
	if !strings.Contains(out, `"status":429`) || !strings.Contains(out, `"attempt":4`) || !strings.Contains(out, `"method":"GET"`) {
		t.Fatalf("log lines lack the structured fields:\n%s", out)
	}
	if strings.Contains(out, secret) {
		t.Fatalf("the secret reached the log:\n%s", out)
	}
}

// An error body that echoes a credential or a secret is redacted before it can reach a diagnostic.
func TestAPIErrorRedactsSecrets(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(400)
		_, _ = w.Write([]byte(`{"error":"bad request","received":{"authorization":"` + r.Header.Get("Authorization") + `","clientSecret":"s3cr3t-issued-value"}}`))
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, func(o *Options) {
		o.Secrets = []string{"api-key-canary"}
		o.Auth = Bearer("api-key-canary")
	})
	_, err := c.Do(context.Background(), Request{Method: "POST", Path: "/x"})
	var ae *APIError
	if !errors.As(err, &ae) {
		t.Fatal(err)
	}
	for _, leak := range []string{"api-key-canary", "s3cr3t-issued-value"} {
		if strings.Contains(err.Error(), leak) || strings.Contains(string(ae.Body), leak) {
			t.Fatalf("%q leaked: %s / %s", leak, err, ae.Body)
		}
	}
	if !strings.Contains(err.Error(), "bad request") {
		t.Fatalf("the rest of the message was lost: %s", err)
	}
}

// A POST in flight when the caller's context is cancelled (Terraform's stop) still
// completes, so its result can be recorded; a GET is abandoned.
func TestNonIdempotentRequestsSurviveCancellation(t *testing.T) {
	arrived := make(chan struct{}, 2)
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		<-release
		w.WriteHeader(201)
		_, _ = w.Write([]byte(`{"id":1}`))
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, nil)
	for _, method := range []string{"POST", "GET"} {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			_, err := c.Do(ctx, Request{Method: method, Path: "/x"})
			done <- err
		}()
		<-arrived
		cancel()
		if method == "GET" {
			if err := <-done; err == nil {
				t.Fatal("a cancelled GET succeeded")
			}
			release <- struct{}{}
			continue
		}
		release <- struct{}{}
		if err := <-done; err != nil {
			t.Fatalf("a POST cancelled in flight was abandoned: %v", err)
		}
	}
}
