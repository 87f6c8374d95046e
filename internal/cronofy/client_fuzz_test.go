package cronofy

import (
	"context"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport/transporttest"
)

// FuzzResponses: whatever Cronofy answers a create (with the admin key echoed in
// some form), the decoder and the error parser do not panic and the key never
// reaches the error.
func FuzzResponses(f *testing.F) {
	f.Add(201, []byte(`{"oauth_client":{"client_id":"c","client_secret":"`), []byte(`"}}`), byte(0), byte(0))
	f.Add(201, []byte(`{"oauth_client":{"client_id":"c","client_secret":"`), []byte(`"`), byte(1), byte(0))
	f.Add(422, []byte(`{"errors":{"name":[{"key":"errors.required","description":"`), []byte(`"}]}}`), byte(1), byte(0))
	f.Add(401, []byte(``), []byte("\xff"), byte(4), byte(0))
	f.Add(200, []byte(`null`), []byte(``), byte(3), byte(0))
	const key = `cro-admin"key/+&=1e7`
	transporttest.Fuzz(f, []transporttest.Credential[*Client]{
		{Secret: key, New: transporttest.Builder(NewClient, func(u string) Config { return Config{AdminAPIKey: key, BaseURL: u} })},
	}, []transporttest.Op[*Client]{
		func(ctx context.Context, c *Client) (any, error) {
			return c.Create(ctx, "", CreateInput{Name: "n", URL: "https://x.example"})
		},
	}, func(_ *testing.T, status int, body []byte, err error) {
		_ = ErrorMessage(status, body)
		_ = FieldErrors(err)
	})
}
