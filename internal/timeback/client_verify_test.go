package timeback

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

// tokenEndpoint is an application's client-credentials token endpoint that knows
// one client.
func tokenEndpoint(t *testing.T, id, secret string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, p, ok := r.BasicAuth()
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method != http.MethodPost || r.PostForm.Get("grant_type") != "client_credentials":
			w.WriteHeader(http.StatusBadRequest)
			_ = json.NewEncoder(w).Encode(map[string]string{"error": "unsupported_grant_type"})
		case !ok || u != id || p != secret:
			w.WriteHeader(http.StatusBadRequest)
			_ = json.NewEncoder(w).Encode(map[string]string{"error": "invalid_client"})
		default:
			_ = json.NewEncoder(w).Encode(map[string]any{"access_token": "t", "expires_in": 3600, "token_type": "Bearer"})
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestVerifyClientSecret: the right secret passes, a wrong one is refused, and an
// endpoint that cannot be used says so without refusing.
func TestVerifyClientSecret(t *testing.T) {
	ctx := context.Background()
	srv := tokenEndpoint(t, "cid", "right-secret")
	c := &Client{}
	if err := c.VerifyClientSecret(ctx, srv.URL+"/oauth2/token", "cid", "right-secret"); err != nil {
		t.Fatalf("right secret: %v", err)
	}
	err := c.VerifyClientSecret(ctx, srv.URL+"/oauth2/token", "cid", "wrong-secret")
	if !errors.Is(err, ErrSecretRefused) {
		t.Fatalf("wrong secret: %v", err)
	}
	var unchecked *UncheckedError
	if err := c.VerifyClientSecret(ctx, "http://token.example.com/oauth2/token", "cid", "x"); !errors.As(err, &unchecked) {
		t.Fatalf("plain http to a remote host must not be used: %v", err)
	}
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusInternalServerError) }))
	defer down.Close()
	if err := c.VerifyClientSecret(ctx, down.URL, "cid", "x"); !errors.As(err, &unchecked) || errors.Is(err, ErrSecretRefused) {
		t.Fatalf("a failing endpoint says nothing about the secret: %v", err)
	}
}
