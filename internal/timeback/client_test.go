package timeback

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport/transporttest"
)

// tokenClient builds clients with the static token, without retries.
func tokenClient(token string) func(baseURL string) (*Client, error) {
	return transporttest.Builder(NewClient, func(u string) Config { return Config{BaseURL: u, Token: token} })
}

// secretClient builds clients that exchange client_id "cid" and secret for tokens,
// without retries.
func secretClient(secret string) func(baseURL string) (*Client, error) {
	return transporttest.Builder(NewClient, func(u string) Config { return Config{BaseURL: u, ClientID: "cid", ClientSecret: secret} })
}

// TestClient_tokenAnswerWithoutTokenIsAnAuthFailure: the client-credentials
// exchange answering 2xx with null, {} or a broken body means the draft was never
// sent: an authentication failure, never "maybe created".
func TestClient_tokenAnswerWithoutTokenIsAnAuthFailure(t *testing.T) {
	transporttest.CheckUnusableTokenAnswers(t, []string{`null`, `{}`, `{"access_token":`},
		// A secret of its own per body: the token cache is keyed by the credentials.
		func(i int) func(string) (*Client, error) {
			return secretClient("client-secret-canary-" + string(rune('a'+i)))
		},
		func(ctx context.Context, c *Client) (any, error) {
			d, err := c.CreateDraft(ctx, DraftInput{Name: "n", Description: "d", LaunchURL: "https://x.example"})
			if MaybeCreated(err) {
				t.Errorf("a failed token exchange counts as maybe created: %v", err)
			}
			return d, err
		},
		func(r *http.Request) bool { return strings.HasSuffix(r.URL.Path, "/drafts") })
}

// TestClient_readsRejectBodiesOfAnotherObject: GET of an application or of its
// credentials answering {}, null, no id or another id is a WrongObjectError.
func TestClient_readsRejectBodiesOfAnotherObject(t *testing.T) {
	transporttest.CheckRejectsOtherObjects(t, tokenClient("static-token-canary"), "app-1",
		[]string{`{}`, `null`, `{"name":"app"}`, `{"sourcedId":"other","name":"app","applicationId":"other"}`, `{"data":{"sourcedId":"other","name":"x"}}`},
		func(ctx context.Context, c *Client) (any, error) { return c.GetApplication(ctx, "app-1") },
		func(ctx context.Context, c *Client) (any, error) { return c.GetCredentials(ctx, "app-1") })
	c := transporttest.Answering(t, http.StatusOK, `{"application":{"sourcedId":"app-1","name":"x"}}`, tokenClient("static-token-canary"))
	if app, err := c.GetApplication(context.Background(), "app-1"); err != nil || app.Name != "x" {
		t.Fatalf("a wrapped application was refused: %v", err)
	}
}

// TestClient_createResponseIsNeverQuoted: a malformed 2xx draft answer is maybe
// created and quotes no byte of the body (it holds the client secret).
func TestClient_createResponseIsNeverQuoted(t *testing.T) {
	const secret = "TIMEBACK-issued-secret-0c4e"
	transporttest.CheckCreateNeverQuoted(t, tokenClient("static-token-canary"),
		func(ctx context.Context, c *Client) (any, error) {
			return c.CreateDraft(ctx, DraftInput{Name: "n", Description: "d", LaunchURL: "https://x.example"})
		},
		MaybeCreated, http.StatusCreated,
		[]string{`{"applicationId":"a1","clientSecret":"` + secret, `{"applicationId":"a1","clientSecret":"` + secret + `"}]`, `{"clientSecret":"` + secret + `"}`, `null`},
		secret[:10], "clientSecret")
}
