package timeback

import (
	"context"
	"errors"
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

// TestClient_tokenAnswerWithoutTokenIsAnAuthFailure: the client-credentials
// exchange answering 2xx with null, {} or a broken body means the draft was never
// sent: an authentication failure, never "maybe created".
func TestClient_tokenAnswerWithoutTokenIsAnAuthFailure(t *testing.T) {
	for i, body := range []string{`null`, `{}`, `{"access_token":`} {
		var drafts atomic.Int32
		c := hostileClient(t, func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/drafts") {
				drafts.Add(1)
			}
			_, _ = w.Write([]byte(body))
		}, Config{ClientID: "cid", ClientSecret: "client-secret-canary-" + string(rune('a'+i))})
		_, err := c.CreateDraft(context.Background(), DraftInput{Name: "n", Description: "d", LaunchURL: "https://x.example"})
		if err == nil || transport.MaybeApplied(err) || MaybeCreated(err) || !transport.IsAuthFailure(err) {
			t.Fatalf("body %s: want an authentication failure, got %v", body, err)
		}
		var de *transport.DecodeError
		if errors.As(err, &de) || !strings.Contains(err.Error(), "authentication failed") {
			t.Fatalf("body %s: %v", body, err)
		}
		if drafts.Load() != 0 {
			t.Fatal("the draft was sent")
		}
	}
}

// TestClient_readsRejectBodiesOfAnotherObject: GET of an application or of its
// credentials answering {}, null, no id or another id is a WrongObjectError.
func TestClient_readsRejectBodiesOfAnotherObject(t *testing.T) {
	for _, body := range []string{`{}`, `null`, `{"name":"app"}`, `{"sourcedId":"other","name":"app","applicationId":"other"}`, `{"data":{"sourcedId":"other","name":"x"}}`} {
		c := hostileClient(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(body)) }, Config{Token: "static-token-canary"})
		if app, err := c.GetApplication(context.Background(), "app-1"); !transport.IsWrongObject(err) || app != nil {
			t.Fatalf("application, body %s: %+v, %v", body, app, err)
		}
		if cr, err := c.GetCredentials(context.Background(), "app-1"); !transport.IsWrongObject(err) || cr != nil {
			t.Fatalf("credentials, body %s: %+v, %v", body, cr, err)
		}
	}
	c := hostileClient(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"application":{"sourcedId":"app-1","name":"x"}}`))
	}, Config{Token: "static-token-canary"})
	if app, err := c.GetApplication(context.Background(), "app-1"); err != nil || app.Name != "x" {
		t.Fatalf("a wrapped application was refused: %v", err)
	}
}

// TestClient_createResponseIsNeverQuoted: a malformed 2xx draft answer is maybe
// created and quotes no byte of the body (it holds the client secret).
func TestClient_createResponseIsNeverQuoted(t *testing.T) {
	const secret = "TIMEBACK-issued-secret-0c4e"
	for _, body := range []string{`{"applicationId":"a1","clientSecret":"` + secret, `{"applicationId":"a1","clientSecret":"` + secret + `"}]`, `{"clientSecret":"` + secret + `"}`, `null`} {
		c := hostileClient(t, func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusCreated)
			_, _ = w.Write([]byte(body))
		}, Config{Token: "static-token-canary"})
		_, err := c.CreateDraft(context.Background(), DraftInput{Name: "n", Description: "d", LaunchURL: "https://x.example"})
		if err == nil || !MaybeCreated(err) || strings.Contains(err.Error(), secret[:10]) || strings.Contains(err.Error(), "clientSecret") {
			t.Fatalf("body %s: %v", body, err)
		}
	}
}
