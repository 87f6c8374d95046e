package cronofy

import (
	"context"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport/transporttest"
)

// FuzzResponses: whatever Cronofy answers a create (with the admin key echoed in
// some form), the decoder and the error parser do not panic and the key never
// reaches the error.
func FuzzResponses(f *testing.F) {
	f.Add(201, []byte(`{"oauth_client":{"client_id":"c","client_secret":"`), []byte(`"}}`), byte(0))
	f.Add(201, []byte(`{"oauth_client":{"client_id":"c","client_secret":"`), []byte(`"`), byte(1))
	f.Add(422, []byte(`{"errors":{"name":[{"key":"errors.required","description":"`), []byte(`"}]}}`), byte(1))
	f.Add(401, []byte(``), []byte("\xff"), byte(4))
	f.Add(200, []byte(`null`), []byte(``), byte(3))
	const key = `cro-admin"key/+&=1e7`
	srv := transporttest.NewServer(f)
	s := transport.DefaultSettings()
	s.MaxRetries = 0
	c, err := NewClient(s, Config{AdminAPIKey: key, BaseURL: srv.URL})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, status int, prefix, suffix []byte, form byte) {
		body := transporttest.Body(prefix, suffix, key, form)
		status = srv.Set(status, body)
		_, err := c.Create(context.Background(), "", CreateInput{Name: "n", URL: "https://x.example"})
		transporttest.CheckError(t, err, key)
		_ = ErrorMessage(status, body)
		_ = FieldErrors(err)
	})
}
