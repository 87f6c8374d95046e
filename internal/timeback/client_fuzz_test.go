package timeback

import (
	"context"
	"testing"

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
	s := transporttest.NoRetries()
	srv, clients := transporttest.Start(f,
		func(u string) (*Client, error) { return NewClient(s, Config{BaseURL: u, Token: token}) },
		func(u string) (*Client, error) {
			return NewClient(s, Config{BaseURL: u, ClientID: "cid", ClientSecret: secret})
		})
	byToken, bySecret := clients[0], clients[1]
	f.Fuzz(func(t *testing.T, status int, prefix, suffix []byte, form, op byte) {
		c, cred := byToken, token
		if op&4 != 0 {
			c, cred = bySecret, secret
			c.tok.Invalidate()
		}
		status, body := srv.Answer(status, prefix, suffix, cred, form)
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
