package tpp

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

func hostileClient(t *testing.T, h http.HandlerFunc, cfg Config) *Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	cfg.BaseURL = srv.URL
	s := transport.DefaultSettings()
	s.MaxRetries = 0
	s.RetryMinWait, s.RetryMaxWait = time.Millisecond, time.Millisecond
	c, err := NewClient(s, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestClient_tokenAnswerWithoutTokenIsAnAuthFailure: a token endpoint that answers
// 2xx with null, {} or a broken body means CreateApplication was never sent: the
// error is an authentication failure, never "maybe applied", and it says so.
func TestClient_tokenAnswerWithoutTokenIsAnAuthFailure(t *testing.T) {
	for _, body := range []string{`null`, `{}`, `{"access_token":""}`, `{"access_token":`} {
		var creates atomic.Int32
		c := hostileClient(t, func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == pathCreate {
				creates.Add(1)
			}
			_, _ = w.Write([]byte(body))
		}, Config{Username: "u", Password: "password-canary", ClientID: "cid"})
		_, err := c.Create(context.Background(), sample("app-1"))
		if err == nil || transport.MaybeApplied(err) || !transport.IsAuthFailure(err) || !IsTokenError(err) {
			t.Fatalf("body %s: want an authentication failure that is not maybe applied, got %v", body, err)
		}
		if !strings.Contains(err.Error(), "authentication failed") || !strings.Contains(err.Error(), "not sent") {
			t.Errorf("body %s: the message does not say what happened: %v", body, err)
		}
		var de *transport.DecodeError
		if errors.As(err, &de) {
			t.Errorf("body %s: a DecodeError in the chain would be reported as a lost create: %v", body, err)
		}
		if creates.Load() != 0 {
			t.Fatalf("CreateApplication was sent")
		}
	}
}

// TestClient_escapedPasswordNeverEchoed: a server that echoes the token request
// body in error_description gets the password JSON-escaped; no part of it around
// the escaped quote may reach the error.
func TestClient_escapedPasswordNeverEchoed(t *testing.T) {
	const password = `Tr0ub4"dor&3-xyz`
	c := hostileClient(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		b, _ := json.Marshal(map[string]string{"error": "invalid_grant", "error_description": "rejected " + string(body)})
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write(b)
	}, Config{Username: "u", Password: password, ClientID: "cid"})
	_, err := c.Create(context.Background(), sample("app-1"))
	if err == nil || !IsTokenError(err) || ErrorCode(err) != "invalid_grant" {
		t.Fatalf("want the token error, got %v", err)
	}
	for _, part := range []string{"Tr0ub4", "dor", "xyz"} {
		if strings.Contains(err.Error(), part) {
			t.Fatalf("%q of the password reached the error: %v", part, err)
		}
	}
}

// TestClient_getRejectsBodiesOfAnotherObject: GetApplication answering Success true
// without the application, or with another one, is a WrongObjectError.
func TestClient_getRejectsBodiesOfAnotherObject(t *testing.T) {
	for _, body := range []string{`{"Success":true}`, `{"Success":true,"Application":null}`, `{"Success":true,"Application":{}}`,
		`{"Success":true,"Application":{"ID":"other","Name":"x"}}`} {
		c := hostileClient(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(body)) }, Config{AccessToken: "token-canary"})
		app, err := c.Get(context.Background(), "app-1")
		if !transport.IsWrongObject(err) || app != nil || IsNotFound(err) {
			t.Fatalf("body %s: got %+v, %v", body, app, err)
		}
	}
}

// TestClient_createResponseIsNeverQuoted: a malformed 2xx CreateApplication answer
// is maybe applied and quotes nothing of the body.
func TestClient_createResponseIsNeverQuoted(t *testing.T) {
	const canary = "tpp-body-canary-93"
	for _, body := range []string{`{"Success":true,"Application":{"ID":"` + canary, `{"Success":true}` + canary, canary} {
		c := hostileClient(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(body)) }, Config{AccessToken: "token-canary"})
		_, err := c.Create(context.Background(), sample("app-1"))
		if err == nil || !transport.MaybeApplied(err) || strings.Contains(err.Error(), canary[:8]) {
			t.Fatalf("body %s: %v", body, err)
		}
	}
}
