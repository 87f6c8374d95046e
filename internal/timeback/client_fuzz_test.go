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
	transporttest.Fuzz(f, []transporttest.Credential[*Client]{
		{Secret: token, Also: []string{"cid:" + token}, New: tokenClient(token)},
		{Secret: secret, Also: []string{"cid:" + secret}, New: secretClient(secret), Reset: func(c *Client) { c.tok.Invalidate() }},
	}, []transporttest.Op[*Client]{
		func(ctx context.Context, c *Client) (any, error) {
			return c.CreateDraft(ctx, DraftInput{Name: "n", Description: "d", LaunchURL: "https://x.example"})
		},
		func(ctx context.Context, c *Client) (any, error) { return c.GetApplication(ctx, "a1") },
		func(ctx context.Context, c *Client) (any, error) { return c.GetCredentials(ctx, "a1") },
	}, func(_ *testing.T, status int, body []byte, err error) {
		_ = ErrorMessage(status, body)
		_, _ = NextAction(err)
		_ = IsDuplicate(err)
		_ = FieldErrors(err)
		_ = MaybeCreated(err)
	})
}
