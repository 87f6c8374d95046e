package transport

// Benchmarks of the hot path: one request round trip through Client.Do against an
// httptest server, next to the same round trip with a bare net/http client (keep-alive,
// body read and closed). Client minus Raw is what the provider adds per request
// (target: under 1 ms). They run with `make bench`, never in `make test`:
//
//	go test -run '^$' -bench . -benchmem ./internal/transport/

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// benchApp is a response body of a realistic size (an AWX application, about 400 bytes).
var benchApp = []byte(`{"id":42,"type":"o_auth2_application","url":"/api/v2/applications/42/","name":"bench-42",` +
	`"description":"registrar benchmark","client_id":"Xq3S2kE7bOYb1bH0uQ4h0W5Q2hH7p8VwY8rR6d2L",` +
	`"client_secret":"************","client_type":"confidential","redirect_uris":"https://bench.example.com/cb/42",` +
	`"authorization_grant_type":"authorization-code","skip_authorization":false,"organization":1,` +
	`"created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z"}`)

type benchInput struct {
	Name                   string `json:"name"`
	Description            string `json:"description"`
	Organization           int64  `json:"organization"`
	ClientType             string `json:"client_type"`
	AuthorizationGrantType string `json:"authorization_grant_type"`
	RedirectURIs           string `json:"redirect_uris"`
	SkipAuthorization      bool   `json:"skip_authorization"`
}

var benchBody = benchInput{
	Name: "bench-42", Description: "registrar benchmark", Organization: 1, ClientType: "confidential",
	AuthorizationGrantType: "authorization-code", RedirectURIs: "https://bench.example.com/cb/42",
}

func benchServer(b *testing.B) *httptest.Server {
	b.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		if r.Method == http.MethodPost {
			w.WriteHeader(http.StatusCreated)
		}
		_, _ = w.Write(benchApp)
	}))
	b.Cleanup(srv.Close)
	return srv
}

func benchClient(b *testing.B, url string) *Client {
	b.Helper()
	c, err := New(DefaultSettings(), Options{
		Platform: "Bench", BaseURL: url, Secrets: []string{"bench-token"},
		Auth: func(_ context.Context, r *http.Request) error {
			r.Header.Set("Authorization", "Bearer bench-token")
			return nil
		},
	})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// rawDo is the baseline: what any Go HTTP client must do for the same call.
func rawDo(b *testing.B, hc *http.Client, method, url string, body []byte) {
	var rdr io.Reader
	if body != nil {
		rdr = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rdr)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Authorization", "Bearer bench-token")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := hc.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.ReadAll(resp.Body); err != nil {
		b.Fatal(err)
	}
	_ = resp.Body.Close()
}

func rawClient() *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 100}, Timeout: time.Minute}
}

// BenchmarkRawRoundTripGet: a GET with net/http alone (keep-alive).
func BenchmarkRawRoundTripGet(b *testing.B) {
	srv := benchServer(b)
	hc := rawClient()
	b.ReportAllocs()
	for b.Loop() {
		rawDo(b, hc, http.MethodGet, srv.URL+"/api/v2/applications/42/", nil)
	}
}

// BenchmarkClientDoGet: the same GET through transport.Client.Do (retry wrapper,
// attempt tracing, masking context, logging hooks), without a tflog logger in the
// context: what the provider pays when TF_LOG is off.
func BenchmarkClientDoGet(b *testing.B) {
	srv := benchServer(b)
	c := benchClient(b, srv.URL)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/api/v2/applications/42/"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClientDoGetTraceLog: the same with a tflog logger at TRACE level writing
// JSON to io.Discard: the cost of logging and masking when TF_LOG=trace.
func BenchmarkClientDoGetTraceLog(b *testing.B) {
	srv := benchServer(b)
	c := benchClient(b, srv.URL)
	ctx := tflogtest.RootLogger(context.Background(), io.Discard)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/api/v2/applications/42/"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRawRoundTripPost: a POST of a JSON body (encoded in the loop) with net/http alone.
func BenchmarkRawRoundTripPost(b *testing.B) {
	srv := benchServer(b)
	hc := rawClient()
	b.ReportAllocs()
	for b.Loop() {
		body, err := json.Marshal(benchBody)
		if err != nil {
			b.Fatal(err)
		}
		rawDo(b, hc, http.MethodPost, srv.URL+"/api/v2/applications/", body)
	}
}

// BenchmarkClientDoPost: the same POST through transport.Client.Do.
func BenchmarkClientDoPost(b *testing.B) {
	srv := benchServer(b)
	c := benchClient(b, srv.URL)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Do(ctx, Request{Method: http.MethodPost, Path: "/api/v2/applications/", Body: benchBody, DuplicateSafe: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRawRoundTripGetParallel and BenchmarkClientDoGetParallel: concurrent
// requests on one client, as with terraform -parallelism.
func BenchmarkRawRoundTripGetParallel(b *testing.B) {
	srv := benchServer(b)
	hc := rawClient()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rawDo(b, hc, http.MethodGet, srv.URL+"/api/v2/applications/42/", nil)
		}
	})
}

func BenchmarkClientDoGetParallel(b *testing.B) {
	srv := benchServer(b)
	c := benchClient(b, srv.URL)
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/api/v2/applications/42/"}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkBackoff and BenchmarkCheckRetry: the retry policy's per-attempt cost.
func BenchmarkCheckRetry(b *testing.B) {
	ctx := withAttemptState(context.Background(), &attemptState{method: http.MethodPost})
	resp := &http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"1"}}}
	b.ReportAllocs()
	for b.Loop() {
		if ok, _ := CheckRetry(ctx, resp, nil); !ok {
			b.Fatal("429 must be retried")
		}
		_ = Backoff(250*time.Millisecond, 30*time.Second, 1, resp)
	}
}
