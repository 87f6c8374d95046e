package tpp

import (
	"context"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport/transporttest"
)

// FuzzResponses: whatever TPP's auth server and Web SDK answer (with the password
// or the token echoed in some form), the decoders and error parsers do not panic
// and no credential reaches the returned error.
func FuzzResponses(f *testing.F) {
	f.Add(200, []byte(`{"access_token":"t1","Success":true,"Application":{"ID":"app-1","Name":"`), []byte(`"}}`), byte(0), byte(0))
	f.Add(200, []byte(`null`), []byte(``), byte(0), byte(4))
	f.Add(400, []byte(`{"error":"invalid_grant","error_description":"{\"password\":\"`), []byte(`\"}"}`), byte(1), byte(4))
	f.Add(200, []byte(`{"access_token":"t1","Success":false,"Result":2,"x":"`), []byte(`"}`), byte(2), byte(1))
	f.Add(401, []byte(`{"error":"invalid_token","error_description":"`), []byte(`"}`), byte(4), byte(2))
	f.Add(500, []byte("\xff"), []byte(`<`), byte(3), byte(3))
	const token, password = `tpp-tok"en/+&=7a2`, `tpp-pa"ss\word=5`
	transporttest.Fuzz(f, []transporttest.Credential[*Client]{
		{Secret: token, New: tokenClient(token)},
		{Secret: password, New: passwordClient(password), Reset: func(c *Client) {
			c.mu.Lock()
			c.fetched, c.fetchErr, c.token, c.refresh = false, nil, "", ""
			c.mu.Unlock()
		}},
	}, []transporttest.Op[*Client]{
		func(ctx context.Context, c *Client) (any, error) {
			return c.Create(ctx, Application{ID: "app-1", Name: "n"})
		},
		func(ctx context.Context, c *Client) (any, error) { return c.Get(ctx, "app-1") },
		func(ctx context.Context, c *Client) (any, error) { return c.Find(ctx, "app-1") },
		func(ctx context.Context, c *Client) (any, error) { return nil, c.Update(ctx, Application{ID: "app-1"}) },
	}, func(_ *testing.T, status int, body []byte, err error) {
		_ = ErrorMessage(status, body)
		_ = ErrorCode(err)
		_ = IsNotFound(err)
	})
}
