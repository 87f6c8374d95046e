package timeback

import (
	"context"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport/transporttest"
)

// FuzzResponses: whatever Timeback and its token endpoint answer (with a
// credential echoed in some form), the decoders and error parsers do not panic
// and no credential reaches the returned error.
func FuzzResponses(f *testing.F) {
	f.Add(201, []byte(`{"applicationId":"a1","clientSecret":"`), []byte(`"}`), byte(0), byte(0))
	f.Add(200, []byte(`{"access_token":"t","sourcedId":"a1","name":"`), []byte(`"}`), byte(1), byte(5))
	f.Add(200, []byte(`{}`), []byte(``), byte(0), byte(6))
	f.Add(400, []byte(`{"message":"`), []byte(`","nextAction":{"publishers":["0a0a0a0a-0a0a-0a0a-0a0a-0a0a0a0a0a0a"]}}`), byte(1), byte(0))
	f.Add(409, []byte(`{"error":"name_conflict","details":[{"field":"name","message":"`), []byte(`"}]}`), byte(4), byte(4))
	f.Add(401, []byte(`{"error_description":"`), []byte("\xff\"}"), byte(2), byte(1))
	const token, secret = `tb-tok"en/+&=3c9`, `tb-sec"ret\x=8d`
	srv := transporttest.NewServer(f)
	s := transport.DefaultSettings()
	s.MaxRetries = 0
	byToken, err := NewClient(s, Config{BaseURL: srv.URL, Token: token})
	if err != nil {
		f.Fatal(err)
	}
	bySecret, err := NewClient(s, Config{BaseURL: srv.URL, ClientID: "cid", ClientSecret: secret})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, status int, prefix, suffix []byte, form, op byte) {
		c, cred := byToken, token
		if op&4 != 0 {
			c, cred = bySecret, secret
			c.tok.Invalidate()
		}
		body := transporttest.Body(prefix, suffix, cred, form)
		status = srv.Set(status, body)
		ctx := context.Background()
		var err error
		switch op % 3 {
		case 0:
			_, err = c.CreateDraft(ctx, DraftInput{Name: "n", Description: "d", LaunchURL: "https://x.example"})
		case 1:
			_, err = c.GetApplication(ctx, "a1")
		case 2:
			_, err = c.GetCredentials(ctx, "a1")
		}
		transporttest.CheckError(t, err, cred, "cid:"+cred)
		_ = ErrorMessage(status, body)
		_, _ = NextAction(err)
		_ = IsDuplicate(err)
		_ = FieldErrors(err)
		_ = MaybeCreated(err)
	})
}
