package ltiaas

import (
	"context"
	"net/url"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
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
	srv := transporttest.NewServer(f)
	s := transport.DefaultSettings()
	s.MaxRetries = 0
	c, err := NewClient(s, Config{BaseURL: srv.URL, APIKey: key})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, status int, prefix, suffix []byte, form, op byte) {
		body := transporttest.Body(prefix, suffix, key, form)
		status = srv.Set(status, body)
		ctx := context.Background()
		var err error
		switch op % 5 {
		case 0:
			_, err = c.Create(ctx, Input{Name: "n"})
		case 1:
			_, err = c.Lookup(ctx, "p1")
		case 2:
			_, err = c.List(ctx, url.Values{"id": {"p1"}})
		case 3:
			_, err = c.Update(ctx, "p1", Input{Name: "n"})
		case 4:
			err = c.Delete(ctx, "p1")
		}
		transporttest.CheckError(t, err, key)
		_ = ErrorMessage(status, body)
		_ = ErrorCode(err)
		_ = IsCollision(err)
		_ = IsConflict(err)
	})
}
