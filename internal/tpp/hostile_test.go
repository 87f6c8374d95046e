package tpp

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport/transporttest"
)

// tokenClient builds clients with the access token, without retries.
func tokenClient(token string) func(baseURL string) (*Client, error) {
	return transporttest.Builder(NewClient, func(u string) Config { return Config{BaseURL: u, AccessToken: token} })
}

// passwordClient builds clients that obtain their token with username "u", the
// password and client_id "cid", without retries.
func passwordClient(password string) func(baseURL string) (*Client, error) {
	return transporttest.Builder(NewClient, func(u string) Config { return Config{BaseURL: u, Username: "u", Password: password, ClientID: "cid"} })
}

// TestClient_tokenAnswerWithoutTokenIsAnAuthFailure: a token endpoint that answers
// 2xx with null, {} or a broken body means CreateApplication was never sent: the
// error is an authentication failure, never "maybe applied", and it says so.
func TestClient_tokenAnswerWithoutTokenIsAnAuthFailure(t *testing.T) {
	transporttest.CheckUnusableTokenAnswers(t, []string{`null`, `{}`, `{"access_token":""}`, `{"access_token":`},
		func(int) func(string) (*Client, error) { return passwordClient("password-canary") },
		func(ctx context.Context, c *Client) (any, error) {
			app, err := c.Create(ctx, sample("app-1"))
			if !IsTokenError(err) {
				t.Errorf("want a token error, got %v", err)
			}
			return app, err
		},
		func(r *http.Request) bool { return r.URL.Path == pathCreate })
}

// TestClient_escapedPasswordNeverEchoed: a server that echoes the token request
// body in error_description gets the password JSON-escaped; no part of it around
// the escaped quote may reach the error.
func TestClient_escapedPasswordNeverEchoed(t *testing.T) {
	const password = `Tr0ub4"dor&3-xyz`
	c := transporttest.Client(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		b, _ := json.Marshal(map[string]string{"error": "invalid_grant", "error_description": "rejected " + string(body)})
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write(b)
	}, passwordClient(password))
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
	transporttest.CheckRejectsOtherObjects(t, tokenClient("token-canary"), "app-1",
		[]string{`{"Success":true}`, `{"Success":true,"Application":null}`, `{"Success":true,"Application":{}}`,
			`{"Success":true,"Application":{"ID":"other","Name":"x"}}`},
		func(ctx context.Context, c *Client) (any, error) {
			app, err := c.Get(ctx, "app-1")
			if IsNotFound(err) {
				t.Errorf("another object's answer reads as not found: %v", err)
			}
			return app, err
		})
}

// TestClient_createResponseIsNeverQuoted: a malformed 2xx CreateApplication answer
// is maybe applied and quotes nothing of the body.
func TestClient_createResponseIsNeverQuoted(t *testing.T) {
	const canary = "tpp-body-canary-93"
	transporttest.CheckCreateNeverQuoted(t, tokenClient("token-canary"),
		func(ctx context.Context, c *Client) (any, error) { return c.Create(ctx, sample("app-1")) },
		transport.MaybeApplied, http.StatusOK,
		[]string{`{"Success":true,"Application":{"ID":"` + canary, `{"Success":true}` + canary, canary}, canary[:8])
}
