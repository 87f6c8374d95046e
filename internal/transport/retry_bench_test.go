package transport

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// BenchmarkCheckRetry: the retry policy's per-attempt cost (CheckRetry and Backoff).
// It runs with `make bench`, never in `make test`.
func BenchmarkCheckRetry(b *testing.B) {
	ctx := withAttemptState(context.Background(), &attemptState{method: http.MethodPost})
	resp := &http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"1"}}}
	b.ReportAllocs()
	for b.Loop() {
		if ok, _ := CheckRetry(ctx, resp, nil); !ok {
			b.Fatal("429 must be retried")
		}
		_ = Backoff(250*time.Millisecond, 30*time.Second, 1, resp)
	}
}
