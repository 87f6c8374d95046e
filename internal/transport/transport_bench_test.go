package transport_test

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

	"github.com/registrar-dev/terraform-provider-registrar/internal/ansible"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport/transporttest"
)

// benchApp is a response body of a realistic size (an AWX application, about 400 bytes).
var benchApp = []byte(`{"id":42,"type":"o_auth2_application","url":"/api/v2/applications/42/","name":"bench-42",` +
	`"description":"registrar benchmark","client_id":"Xq3S2kE7bOYb1bH0uQ4h0W5Q2hH7p8VwY8rR6d2L",` +
	`"client_secret":"************","client_type":"confidential","redirect_uris":"https://bench.example.com/cb/42",` +
	`"authorization_grant_type":"authorization-code","skip_authorization":false,"organization":1,` +
	`"created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z"}`)

// benchBody is the JSON body of the POST benchmarks: the AWX client's own create.
var benchBody = ansible.CreateInput{
	Name: "bench-42", Description: "registrar benchmark", Organization: 1, ClientType: "confidential",
	AuthorizationGrantType: "authorization-code", RedirectURIs: "https://bench.example.com/cb/42",
}

const (
	benchGetPath  = "/api/v2/applications/42/"
	benchPostPath = "/api/v2/applications/"
)

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

// clientCall returns the call r through transport.Client.Do (retry wrapper, attempt
// tracing, masking context, logging hooks) against a bench server.
func clientCall(b *testing.B, ctx context.Context, r transport.Request) func() error {
	b.Helper()
	c, err := transport.New(transport.DefaultSettings(), transport.Options{
		Platform: "Bench", BaseURL: benchServer(b).URL, Secrets: []string{"bench-token"},
		Auth: transport.Bearer("bench-token"),
	})
	if err != nil {
		b.Fatal(err)
	}
	return func() error {
		_, err := c.Do(ctx, r)
		return err
	}
}

// rawCall returns the baseline: what any Go HTTP client must do for the same call
// (body, when not nil, encoded on each call), against a bench server.
func rawCall(b *testing.B, method, path string, body any) func() error {
	b.Helper()
	url := benchServer(b).URL + path
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 100}, Timeout: time.Minute}
	return func() error {
		var rdr io.Reader
		if body != nil {
			data, err := json.Marshal(body)
			if err != nil {
				return err
			}
			rdr = bytes.NewReader(data)
		}
		req, err := http.NewRequest(method, url, rdr)
		if err != nil {
			return err
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Authorization", "Bearer bench-token")
		if body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		defer func() { _ = resp.Body.Close() }()
		_, err = io.ReadAll(resp.Body)
		return err
	}
}

// BenchmarkRawRoundTripGet: a GET with net/http alone (keep-alive).
func BenchmarkRawRoundTripGet(b *testing.B) {
	transporttest.Bench(b, rawCall(b, http.MethodGet, benchGetPath, nil))
}

// BenchmarkClientDoGet: the same GET through transport.Client.Do, without a tflog
// logger in the context: what the provider pays when TF_LOG is off.
func BenchmarkClientDoGet(b *testing.B) {
	transporttest.Bench(b, clientCall(b, context.Background(), transport.Request{Method: http.MethodGet, Path: benchGetPath}))
}

// BenchmarkClientDoGetTraceLog: the same with a tflog logger at TRACE level writing
// JSON to io.Discard: the cost of logging and masking when TF_LOG=trace.
func BenchmarkClientDoGetTraceLog(b *testing.B) {
	ctx := tflogtest.RootLogger(context.Background(), io.Discard)
	transporttest.Bench(b, clientCall(b, ctx, transport.Request{Method: http.MethodGet, Path: benchGetPath}))
}

// BenchmarkRawRoundTripPost: a POST of a JSON body (encoded in the loop) with net/http alone.
func BenchmarkRawRoundTripPost(b *testing.B) {
	transporttest.Bench(b, rawCall(b, http.MethodPost, benchPostPath, benchBody))
}

// BenchmarkClientDoPost: the same POST through transport.Client.Do.
func BenchmarkClientDoPost(b *testing.B) {
	r := transport.Request{Method: http.MethodPost, Path: benchPostPath, Body: benchBody, DuplicateSafe: true}
	transporttest.Bench(b, clientCall(b, context.Background(), r))
}

// BenchmarkRawRoundTripGetParallel and BenchmarkClientDoGetParallel: concurrent
// requests on one client, as with terraform -parallelism.
func BenchmarkRawRoundTripGetParallel(b *testing.B) {
	transporttest.BenchParallel(b, rawCall(b, http.MethodGet, benchGetPath, nil))
}

func BenchmarkClientDoGetParallel(b *testing.B) {
	transporttest.BenchParallel(b, clientCall(b, context.Background(), transport.Request{Method: http.MethodGet, Path: benchGetPath}))
}
