package transport

import (
	"context"
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// SensitiveKeys are log field keys whose values are always masked.
var SensitiveKeys = []string{
	"authorization", "Authorization", "token", "access_token", "refresh_token", "api_key",
	"password", "client_secret", "clientSecret", "secret", "admin_api_key",
}

// maskContext masks credential fields and the client's known secret strings in
// every tflog call made with the returned context.
func maskContext(ctx context.Context, secrets []string) context.Context {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, SensitiveKeys...)
	var nonEmpty []string
	for _, s := range secrets {
		if s != "" {
			nonEmpty = append(nonEmpty, s)
		}
	}
	if len(nonEmpty) > 0 {
		ctx = tflog.MaskAllFieldValuesStrings(ctx, nonEmpty...)
		ctx = tflog.MaskMessageStrings(ctx, nonEmpty...)
	}
	return ctx
}

// MaskSecrets returns a context whose tflog output masks the given strings
// (a client secret the provider just received, for example).
func MaskSecrets(ctx context.Context, secrets ...string) context.Context {
	return maskContext(ctx, secrets)
}

func logRetry(ctx context.Context, platform, method, path string, attempt int) {
	tflog.Debug(ctx, "retrying request", map[string]any{"platform": platform, "method": method, "path": path, "attempt": attempt})
}

func logDone(ctx context.Context, platform, method, path string, resp *http.Response, err error, attempt int, d time.Duration) {
	fields := map[string]any{"platform": platform, "method": method, "path": path, "attempt": attempt, "duration_ms": d.Milliseconds()}
	if resp != nil {
		fields["status"] = resp.StatusCode
	}
	if err != nil {
		fields["error"] = err.Error()
		tflog.Warn(ctx, "request failed", fields)
		return
	}
	tflog.Debug(ctx, "request done", fields)
}
