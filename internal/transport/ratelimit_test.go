package transport_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport/transporttest"
)

// TestRateLimit: at 20 requests per second the limiter releases one request per
// 50 ms, also to concurrent callers, and every request reaches the server.
func TestRateLimit(t *testing.T) {
	var arrived atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { arrived.Add(1) }))
	defer srv.Close()
	s := transporttest.NoRetries()
	s.RequestsPerSecond = 20
	c, err := transport.New(s, transport.Options{Platform: "Test", BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	const n = 21
	transporttest.CheckRateLimit(t, n, 20, true, func() error {
		_, err := c.Do(context.Background(), transport.Request{Method: http.MethodGet, Path: "/"})
		return err
	})
	if arrived.Load() != n {
		t.Fatalf("%d requests arrived, want %d", arrived.Load(), n)
	}
}
