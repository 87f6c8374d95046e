package ltiaas

import (
	"context"
	"net/url"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport/transporttest"
)

// FuzzResponses: whatever LTIaaS answers (with the API key echoed in some form),
// the decoders and error parsers do not panic and the key never reaches the error.
func FuzzResponses(f *testing.F) {
	f.Add(201, []byte(`{"id":"p1","name":"`), []byte(`"}`), byte(0), byte(0))
	f.Add(200, []byte(`{"platforms":[{"id":"p1","url":"`), []byte(`"}]}`), byte(2), byte(2))
	f.Add(200, []byte(`null`), []byte(``), byte(0), byte(1))
	f.Add(409, []byte(`{"status":409,"error":"Conflict","details":{"message":"URL_CLIENT_ID_COMBINATION_ALREADY_EXISTS","description":"`), []byte(`"}}`), byte(1), byte(3))
	f.Add(401, []byte(`{"error":"`), []byte("\xff\"}"), byte(4), byte(1))
	const key = `lti-api"key/+&=6b4`
	transporttest.Fuzz(f, []transporttest.Credential[*Client]{
		{Secret: key, New: apiKeyClient(key)},
	}, []transporttest.Op[*Client]{
		func(ctx context.Context, c *Client) (any, error) { return c.Create(ctx, Input{Name: "n"}) },
		func(ctx context.Context, c *Client) (any, error) { return c.Lookup(ctx, "p1") },
		func(ctx context.Context, c *Client) (any, error) { return c.List(ctx, url.Values{"id": {"p1"}}) },
		func(ctx context.Context, c *Client) (any, error) { return c.Update(ctx, "p1", Input{Name: "n"}) },
		func(ctx context.Context, c *Client) (any, error) { return nil, c.Delete(ctx, "p1") },
	}, func(_ *testing.T, status int, body []byte, err error) {
		_ = ErrorMessage(status, body)
		_ = ErrorCode(err)
		_ = IsCollision(err)
		_ = IsConflict(err)
	})
}
