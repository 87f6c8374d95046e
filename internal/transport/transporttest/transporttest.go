// Package transporttest helps test and fuzz the platform clients: a local server
// that answers with whatever the fuzzer chose, a check that no credential or secret
// of the input reached an error, and client construction against a test server.
package transporttest

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// Server answers every request with the status and body last set.
type Server struct {
	*httptest.Server
	mu     sync.Mutex
	status int
	body   []byte
}

// NewServer starts a server closed at the end of the test.
func NewServer(tb testing.TB) *Server {
	s := &Server{status: http.StatusOK}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		status, body := s.status, s.body
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}))
	tb.Cleanup(s.Close)
	return s
}

// Set chooses the next answers. Status is mapped into 200..599; 429 and 503 become
// 500 so that no retry waits (the fuzzed clients run without retries anyway).
func (s *Server) Set(status int, body []byte) int {
	if status < 200 || status > 599 {
		status = 200 + (status%400+400)%400
	}
	if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable || (status >= 300 && status < 400) {
		status = http.StatusInternalServerError
	}
	s.mu.Lock()
	s.status, s.body = status, body
	s.mu.Unlock()
	return status
}

// Encode writes secret in one of the forms a server may echo it in, chosen by form:
// raw, JSON-escaped, URL-encoded (query, path) or base64-encoded.
func Encode(secret string, form byte) string {
	switch form % 5 {
	case 1:
		b, _ := json.Marshal(secret)
		return string(b[1 : len(b)-1])
	case 2:
		return url.QueryEscape(secret)
	case 3:
		return url.PathEscape(secret)
	case 4:
		return base64.StdEncoding.EncodeToString([]byte(secret))
	}
	return secret
}

// Body builds a fuzzed answer: the fuzzer's prefix and suffix around a secret in
// the chosen form, so that every input carries something that must not leak.
func Body(prefix, suffix []byte, secret string, form byte) []byte {
	return []byte(string(prefix) + Encode(secret, form) + string(suffix))
}

// CheckError fails the test when err's text is not valid UTF-8 or holds any
// secret in any of the forms Encode writes.
func CheckError(t *testing.T, err error, secrets ...string) {
	t.Helper()
	if err == nil {
		return
	}
	text := err.Error()
	if !utf8.ValidString(text) {
		t.Fatalf("the error is not valid UTF-8: %q", text)
	}
	for _, s := range secrets {
		for form := byte(0); form < 5; form++ {
			if f := Encode(s, form); f != "" && strings.Contains(text, f) {
				t.Fatalf("a secret (form %d) reached the error: %s", form, text)
			}
		}
	}
}

// NoRetries is the default transport settings without retries (and with
// millisecond waits, should a test turn retries back on).
func NoRetries() transport.Settings {
	s := transport.DefaultSettings()
	s.MaxRetries = 0
	s.RetryMinWait, s.RetryMaxWait = time.Millisecond, time.Millisecond
	return s
}

// Builder returns what the helpers here take to build a client against a test
// server: newClient without retries, with the Config that config gives for the
// server's base URL.
func Builder[C, Cfg any](newClient func(transport.Settings, Cfg) (C, error), config func(baseURL string) Cfg) func(baseURL string) (C, error) {
	return func(baseURL string) (C, error) { return newClient(NoRetries(), config(baseURL)) }
}

// Client starts a server answering with h, closed at the end of the test, and
// builds a client against its URL, failing the test when the build fails.
func Client[C any](t testing.TB, h http.HandlerFunc, build func(baseURL string) (C, error)) C {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := build(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Answer sets the next answer to the fuzzer's prefix and suffix around secret in
// the chosen form (Body), and returns the status Set chose and the body.
func (s *Server) Answer(status int, prefix, suffix []byte, secret string, form byte) (int, []byte) {
	body := Body(prefix, suffix, secret, form)
	return s.Set(status, body), body
}

// Credential is one credential set a fuzzed client is built with.
type Credential[C any] struct {
	// Secret is what the fuzzed server echoes; it must never reach an error.
	Secret string
	// Also are other strings that must not reach an error either (a Basic pair).
	Also []string
	// New builds the client against the fuzzed server.
	New func(baseURL string) (C, error)
	// Reset, when set, runs before each input: it forgets what an earlier input left
	// behind (a token fetched from a fuzzed answer).
	Reset func(C)
}

// Op is one client call a fuzz input may make; what it returns besides the error
// is not looked at.
type Op[C any] func(ctx context.Context, c C) (any, error)

// Fuzz runs a platform client's fuzz target. Each input (status, prefix, suffix,
// form, op) sets the server's answer to the fuzzer's prefix and suffix around the
// chosen credential set's secret in the chosen form (Server.Answer); op>>2 picks the
// credential set and op the call, each modulo their number. The call's error must
// be valid UTF-8 and hold no credential in any form (CheckError); then check, when
// not nil, gets the answer and the error, to run the package's error parsers (which
// must not panic either) and any assertion of its own.
func Fuzz[C any](f *testing.F, creds []Credential[C], ops []Op[C], check func(t *testing.T, status int, body []byte, err error)) {
	f.Helper()
	srv := NewServer(f)
	clients := make([]C, len(creds))
	for i, cr := range creds {
		c, err := cr.New(srv.URL)
		if err != nil {
			f.Fatal(err)
		}
		clients[i] = c
	}
	f.Fuzz(func(t *testing.T, status int, prefix, suffix []byte, form, op byte) {
		i := int(op>>2) % len(creds)
		c, cred := clients[i], creds[i]
		if cred.Reset != nil {
			cred.Reset(c)
		}
		status, body := srv.Answer(status, prefix, suffix, cred.Secret, form)
		_, err := ops[int(op)%len(ops)](context.Background(), c)
		CheckError(t, err, append([]string{cred.Secret}, cred.Also...)...)
		if check != nil {
			check(t, status, body, err)
		}
	})
}

// Bench runs call in the benchmark loop and reports allocations; an error fails the
// benchmark.
func Bench(b *testing.B, call func() error) {
	b.ReportAllocs()
	for b.Loop() {
		if err := call(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchParallel is Bench with call run on parallel goroutines, as with terraform
// -parallelism; the first error stops the goroutine that met it and fails the benchmark.
func BenchParallel(b *testing.B, call func() error) {
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := call(); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// CheckRateLimit makes n calls, all at once when concurrent or one after another,
// and fails the test when they were released faster than perSecond. The timestamps
// are the caller's: a call's start before it enters the limiter, its end after the
// answer came back, so the moment the limiter released it lies between them. Every
// call inside a window [start(a), end(b)] was released inside it, and k releases
// take at least (k−1)/perSecond. Load can only stretch the windows, never shorten
// them, so the check does not depend on the machine's speed.
func CheckRateLimit(t *testing.T, n int, perSecond float64, concurrent bool, call func() error) {
	t.Helper()
	start, end := make([]time.Time, n), make([]time.Time, n)
	one := func(i int) {
		start[i] = time.Now()
		if err := call(); err != nil {
			t.Error(err)
		}
		end[i] = time.Now()
	}
	if concurrent {
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { one(i) })
		}
		wg.Wait()
	} else {
		for i := range n {
			one(i)
		}
	}
	interval := time.Duration(float64(time.Second) / perSecond)
	for a := range n {
		for b := range n {
			k := 0
			for i := range n {
				if !start[i].Before(start[a]) && !end[i].After(end[b]) {
					k++
				}
			}
			if span, least := end[b].Sub(start[a]), time.Duration(k-1)*interval; k > 1 && span < least {
				t.Fatalf("%d calls were released within %v: faster than %v per second (at least %v)", k, span, perSecond, least)
			}
		}
	}
}

// Answering builds a client with build against a server, closed at the end of the
// test, that answers every request with status and body.
func Answering[C any](t testing.TB, status int, body string, build func(baseURL string) (C, error)) C {
	t.Helper()
	return Client(t, func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}, build)
}

// CheckCreateNeverQuoted checks a create answered with status and each of bodies
// (malformed, or without the new object's id): it must fail with an error that
// maybeApplied accepts, since the platform may have created the object, and that
// holds none of hidden: parts of the body, which may carry the secret just issued.
func CheckCreateNeverQuoted[C any](t *testing.T, build func(baseURL string) (C, error), create Op[C], maybeApplied func(error) bool, status int, bodies []string, hidden ...string) {
	t.Helper()
	for _, body := range bodies {
		_, err := create(context.Background(), Answering(t, status, body, build))
		if err == nil || !maybeApplied(err) {
			t.Errorf("body %s: want an error that counts as maybe applied, got %v", body, err)
			continue
		}
		for _, h := range hidden {
			if strings.Contains(err.Error(), h) {
				t.Errorf("body %s: the error quotes the body (%q): %v", body, h, err)
			}
		}
	}
}

// CheckRejectsOtherObjects checks reads of the object with id want answered 200 with
// each of bodies, none of which describes that object ({}, null, no id, another
// id): every read must fail with a *transport.WrongObjectError that names want, and
// return nothing that could replace what the state knows.
func CheckRejectsOtherObjects[C any](t *testing.T, build func(baseURL string) (C, error), want string, bodies []string, reads ...Op[C]) {
	t.Helper()
	for _, body := range bodies {
		c := Answering(t, http.StatusOK, body, build)
		for i, read := range reads {
			v, err := read(context.Background(), c)
			switch {
			case !transport.IsWrongObject(err) || !isNil(v):
				t.Errorf("read %d, body %s: got %+v, %v; want a WrongObjectError", i, body, v, err)
			case !strings.Contains(err.Error(), strconv.Quote(want)):
				t.Errorf("read %d, body %s: the error does not name the id asked for: %v", i, body, err)
			}
		}
	}
}

// isNil tells a nil result, also a typed nil pointer, map or slice in an interface.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Interface, reflect.Func, reflect.Chan:
		return rv.IsNil()
	}
	return false
}

// CheckUnusableTokenAnswers checks a call whose token request is answered 200 with
// each of bodies, none of which holds a usable access token (build(i) builds the
// client for bodies[i]): the call must fail as an authentication failure that is not
// maybe applied and says so, with no *transport.DecodeError in its chain (that would
// read as a lost create), and no request for which isAPI is true may have reached
// the server: the API call the token was for was never sent.
func CheckUnusableTokenAnswers[C any](t *testing.T, bodies []string, build func(i int) func(baseURL string) (C, error), call Op[C], isAPI func(*http.Request) bool) {
	t.Helper()
	for i, body := range bodies {
		var sent atomic.Int32
		c := Client(t, func(w http.ResponseWriter, r *http.Request) {
			if isAPI(r) {
				sent.Add(1)
			}
			_, _ = w.Write([]byte(body))
		}, build(i))
		_, err := call(context.Background(), c)
		var de *transport.DecodeError
		switch {
		case err == nil || transport.MaybeApplied(err) || !transport.IsAuthFailure(err):
			t.Errorf("body %s: want an authentication failure that is not maybe applied, got %v", body, err)
		case !strings.Contains(err.Error(), "authentication failed") || !strings.Contains(err.Error(), "not sent"):
			t.Errorf("body %s: the message does not say what happened: %v", body, err)
		case errors.As(err, &de):
			t.Errorf("body %s: a DecodeError in the chain would be reported as a lost create: %v", body, err)
		}
		if n := sent.Load(); n != 0 {
			t.Errorf("body %s: the API request was sent %d time(s)", body, n)
		}
	}
}
