package transport_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport/transporttest"
)

// FuzzErrorPath: any answer, with the credential echoed in any form the redaction
// knows, gives an error without the credential, in valid UTF-8, without panicking;
// and a 2xx body that does not decode is never quoted.
func FuzzErrorPath(f *testing.F) {
	f.Add(400, []byte(`{"detail":"`), []byte(`"}`), byte(1))
	f.Add(201, []byte(`{"secret":"`), []byte(``), byte(0))
	f.Add(502, []byte("<html>"), []byte("\xff"), byte(4))
	f.Add(418, []byte("x"), []byte(`y`), byte(2))
	const cred = `tr-cred"en/+&=0b5`
	srv := transporttest.NewServer(f)
	c, err := transport.New(transporttest.NoRetries(), transport.Options{Platform: "Test", BaseURL: srv.URL, Secrets: []string{cred},
		Auth: transport.Bearer(cred),
		ErrorMessage: func(_ int, body []byte) string {
			var m map[string]any
			_ = json.Unmarshal(body, &m)
			if d, ok := m["detail"].(string); ok {
				return d
			}
			return ""
		}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, status int, prefix, suffix []byte, form byte) {
		srv.Set(status, transporttest.Body(prefix, suffix, cred, form))
		resp, err := c.Do(context.Background(), transport.Request{Method: "POST", Path: "/x"})
		transporttest.CheckError(t, err, cred)
		if err == nil {
			var out struct{ ID int64 }
			transporttest.CheckError(t, resp.Decode(&out), cred)
		}
	})
}
