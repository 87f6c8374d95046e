package awx

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport/transporttest"
)

func testSettings() transport.Settings {
	s := transport.DefaultSettings()
	s.MaxRetries = 1
	s.RetryMinWait, s.RetryMaxWait = time.Millisecond, 5*time.Millisecond
	return s
}

// tokenClient builds a client with a token and fast retries against baseURL.
func tokenClient(baseURL string) (*Client, error) {
	return NewClient(testSettings(), Config{BaseURL: baseURL, Token: "awx-token-canary"})
}

// serve builds a client against a server that answers every request with h.
func serve(t *testing.T, h http.HandlerFunc) *Client {
	t.Helper()
	return transporttest.Client(t, h, tokenClient)
}

// TestClient_getRejectsBodiesOfAnotherObject: a 200 whose body does not describe
// the application asked for ({}, null, no id, another id) is a WrongObjectError,
// never an application with id 0 that would replace the state.
func TestClient_getRejectsBodiesOfAnotherObject(t *testing.T) {
	transporttest.CheckRejectsOtherObjects(t, tokenClient, "5",
		[]string{`{}`, `null`, `{"name":"ci","organization":1}`, `{"id":7,"name":"other"}`},
		func(ctx context.Context, c *Client) (any, error) { return c.Get(ctx, 5) },
		func(ctx context.Context, c *Client) (any, error) { return c.Update(ctx, 5, UpdateInput{}) })
	c := transporttest.Answering(t, http.StatusOK, `{"id":5,"name":"ci"}`, tokenClient)
	if app, err := c.Get(context.Background(), 5); err != nil || app.Name != "ci" {
		t.Fatalf("the right object was refused: %+v, %v", app, err)
	}
}

// TestClient_findByNameIsBounded: a server whose next link never ends stops at the
// transport's bound with a PagingError; one whose next link repeats stops at once.
func TestClient_findByNameIsBounded(t *testing.T) {
	var n atomic.Int32
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		page := n.Add(1)
		_, _ = fmt.Fprintf(w, `{"next":"/api/v2/applications/?page=%d","results":[{"id":%d,"name":"other","organization":1}]}`, page+1, page)
	})
	_, err := c.FindByName(context.Background(), "ci", 1)
	var pe *transport.PagingError
	if !errors.As(err, &pe) {
		t.Fatalf("want a PagingError, got %v after %d requests", err, n.Load())
	}
	if want := int32(transport.MaxListObjects / findPageSize); n.Load() != want {
		t.Fatalf("%d requests, want the bound %d", n.Load(), want)
	}

	n.Store(0)
	c = serve(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		_, _ = w.Write([]byte(`{"next":"/api/v2/applications/?page=2","results":[{"id":1,"name":"other","organization":1}]}`))
	})
	_, err = c.FindByName(context.Background(), "ci", 1)
	if !errors.As(err, &pe) || n.Load() != 2 || !strings.Contains(err.Error(), "does not advance") {
		t.Fatalf("repeating next: %d requests, %v", n.Load(), err)
	}
}

// TestClient_createResponseIsNeverQuoted: a malformed 201 (truncated, trailing bytes,
// null) gives an error that says the create may have happened and quotes no byte
// of the body, which may hold the new secret.
func TestClient_createResponseIsNeverQuoted(t *testing.T) {
	const secret = "awx-issued-secret-51c0"
	transporttest.CheckCreateNeverQuoted(t, tokenClient,
		func(ctx context.Context, c *Client) (any, error) {
			return c.Create(ctx, CreateInput{Name: "ci", Organization: 1})
		},
		transport.MaybeApplied, http.StatusCreated, []string{
			`{"id":12,"client_secret":"` + secret + `","name":`,
			`{"id":12,"client_secret":"` + secret + `"} trailing`,
			`{"client_secret":"` + secret + `"}`,
			`null`,
		}, secret[:8], "client_secret")
}

// TestClient_basicAuthNeverInErrors: with username and password, an error body that
// echoes the Authorization header or the password (raw or JSON-escaped) is redacted.
func TestClient_basicAuthNeverInErrors(t *testing.T) {
	const password = `s3"cret\pass`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = fmt.Fprintf(w, `{"detail":"bad credentials %s for %q"}`, r.Header.Get("Authorization"), password)
	}))
	defer srv.Close()
	c, err := NewClient(testSettings(), Config{BaseURL: srv.URL, Username: "admin", Password: password})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Get(context.Background(), 1)
	if err == nil || strings.Contains(err.Error(), "cret") || strings.Contains(err.Error(), "YWRtaW46") {
		t.Fatalf("credential in error: %v", err)
	}
}
