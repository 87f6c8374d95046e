package tpp

import (
	"context"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
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
	srv := transporttest.NewServer(f)
	s := transport.DefaultSettings()
	s.MaxRetries = 0
	byToken, err := NewClient(s, Config{BaseURL: srv.URL, AccessToken: token})
	if err != nil {
		f.Fatal(err)
	}
	byPassword, err := NewClient(s, Config{BaseURL: srv.URL, Username: "admin", Password: password, ClientID: "cid"})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, status int, prefix, suffix []byte, form, op byte) {
		c, cred := byToken, token
		if op&4 != 0 {
			c, cred = byPassword, password
			c.mu.Lock()
			c.fetched, c.fetchErr, c.token, c.refresh = false, nil, "", ""
			c.mu.Unlock()
		}
		body := transporttest.Body(prefix, suffix, cred, form)
		status = srv.Set(status, body)
		ctx := context.Background()
		var err error
		switch op % 4 {
		case 0:
			_, err = c.Create(ctx, Application{ID: "app-1", Name: "n"})
		case 1:
			_, err = c.Get(ctx, "app-1")
		case 2:
			_, err = c.Find(ctx, "app-1")
		case 3:
			err = c.Update(ctx, Application{ID: "app-1"})
		}
		transporttest.CheckError(t, err, cred)
		_ = ErrorMessage(status, body)
		_ = ErrorCode(err)
		_ = IsNotFound(err)
	})
}
