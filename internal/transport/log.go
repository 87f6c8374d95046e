package transport

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// SensitiveKeys are log field keys whose values are always masked.
var SensitiveKeys = []string{
	"authorization", "Authorization", "token", "access_token", "refresh_token", "api_key",
	"password", "client_secret", "clientSecret", "secret", "admin_api_key",
}

// maskContext masks the given strings (already expanded into their forms) in every
// tflog call made with the returned context.
func maskContext(ctx context.Context, forms []string) context.Context {
	if len(forms) > 0 {
		ctx = tflog.MaskAllFieldValuesStrings(ctx, forms...)
		ctx = tflog.MaskMessageStrings(ctx, forms...)
	}
	return ctx
}

// MaskSecrets returns a context whose tflog output masks the given strings (a
// client secret the provider just received, for example) in every form a server
// or a log line may carry them (raw, JSON-escaped, URL- and base64-encoded).
func MaskSecrets(ctx context.Context, secrets ...string) context.Context {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, SensitiveKeys...)
	return maskContext(ctx, secretForms(secrets...))
}

// mask returns ctx with the client's credential forms masked in every log line.
func (c *Client) mask(ctx context.Context) context.Context {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, SensitiveKeys...)
	if len(c.secretForms) > 0 {
		ctx = tflog.MaskAllFieldValuesStrings(ctx, c.secretForms...)
		ctx = tflog.MaskMessageStrings(ctx, c.secretForms...)
	}
	return ctx
}

// logRetry logs, at INFO, that an attempt is about to be retried. The message
// carries method, path, status, attempt and wait in that order (the fields of a
// structured log line have no fixed order), then the reason.
func logRetry(ctx context.Context, platform string, st *attemptState, wait time.Duration, maxAttempts int) {
	if ctx == nil {
		return
	}
	status := "none"
	if st.status != 0 {
		status = fmt.Sprintf("%d", st.status)
	}
	next := st.attempt + 1
	msg := fmt.Sprintf("retrying request: %s %s status=%s attempt=%d/%d wait=%s reason=%s", st.method, st.path, status, next, maxAttempts, wait.Round(time.Millisecond), st.reason)
	tflog.Info(ctx, msg, map[string]any{
		"platform": platform, "method": st.method, "path": st.path, "status": st.status,
		"attempt": next, "max_attempts": maxAttempts, "wait_ms": wait.Milliseconds(), "reason": st.reason,
	})
}

// logDone logs the outcome of a request; the message carries method, path, status,
// attempt and the time spent waiting between attempts, in that order.
func logDone(ctx context.Context, platform string, st *attemptState, resp *http.Response, err error, d time.Duration) {
	status := "none"
	fields := map[string]any{"platform": platform, "method": st.method, "path": st.path, "attempt": st.attempt, "duration_ms": d.Milliseconds(), "waited_ms": st.waited.Milliseconds()}
	if resp != nil {
		fields["status"] = resp.StatusCode
		status = fmt.Sprintf("%d", resp.StatusCode)
	}
	if err != nil {
		fields["error"] = err.Error()
		tflog.Warn(ctx, fmt.Sprintf("request failed: %s %s status=%s attempt=%d waited=%s duration=%s", st.method, st.path, status, st.attempt, st.waited.Round(time.Millisecond), d.Round(time.Millisecond)), fields)
		return
	}
	tflog.Debug(ctx, fmt.Sprintf("request done: %s %s status=%s attempt=%d waited=%s duration=%s", st.method, st.path, status, st.attempt, st.waited.Round(time.Millisecond), d.Round(time.Millisecond)), fields)
}
