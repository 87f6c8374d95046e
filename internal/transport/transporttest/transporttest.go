// Package transporttest helps fuzz the platform clients: a local server that
// answers with whatever the fuzzer chose, and a check that no credential or secret
// of the input reached an error.
package transporttest

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
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
