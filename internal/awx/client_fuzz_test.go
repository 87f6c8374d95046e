package awx

import (
	"context"
	"errors"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport/transporttest"
)

// FuzzResponses: whatever AWX answers (status and body, with a credential echoed in
// some form), the client's decoders and error parsers do not panic, and no
// credential reaches the returned error.
func FuzzResponses(f *testing.F) {
	f.Add(201, []byte(`{"id":1,"name":"ci","client_secret":"`), []byte(`"}`), byte(0), byte(0))
	f.Add(201, []byte(`{"id":1,"client_secret":"`), []byte(`"`), byte(1), byte(0))
	f.Add(200, []byte(`{}`), []byte(``), byte(0), byte(1))
	f.Add(200, []byte(`{"next":"`), []byte(`","results":[{"id":2,"name":"x"}]}`), byte(2), byte(2))
	f.Add(400, []byte(`{"detail":"`), []byte(`"}`), byte(1), byte(0))
	f.Add(400, []byte(`{"__all__":["already exists `), []byte(`"],"name":["bad"]}`), byte(4), byte(3))
	f.Add(401, []byte(`<html>`), []byte("\xff\xfe"), byte(3), byte(5))
	const token, password = `awx-tok"en/+&=9f1`, `awx-pa"ss\word=2`
	transporttest.Fuzz(f, []transporttest.Credential[*Client]{
		{Secret: token, Also: []string{"admin:" + token}, New: transporttest.Builder(NewClient, func(u string) Config {
			return Config{BaseURL: u, Token: token}
		})},
		{Secret: password, Also: []string{"admin:" + password}, New: transporttest.Builder(NewClient, func(u string) Config {
			return Config{BaseURL: u, Username: "admin", Password: password}
		})},
	}, []transporttest.Op[*Client]{
		func(ctx context.Context, c *Client) (any, error) {
			return c.Create(ctx, CreateInput{Name: "ci", Organization: 1})
		},
		func(ctx context.Context, c *Client) (any, error) { return c.Get(ctx, 1) },
		func(ctx context.Context, c *Client) (any, error) { return c.FindByName(ctx, "ci", 1) },
		func(ctx context.Context, c *Client) (any, error) { return c.Update(ctx, 1, UpdateInput{}) },
	}, func(t *testing.T, status int, body []byte, err error) {
		if err != nil && status < 300 {
			var ae *transport.APIError
			if errors.As(err, &ae) {
				t.Fatalf("a 2xx answer became an APIError: %v", err)
			}
		}
		_ = ErrorMessage(status, body)
		_ = IsDuplicate(err)
		_ = FieldErrors(err)
	})
}
