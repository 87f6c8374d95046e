package mockapi

import (
	"net/http/httptest"
	"testing"
)

// NewTestTenant starts a mock server of its own for the test (closed when the test
// ends) and returns a fresh tenant on it, for tests that talk to the mock directly
// rather than through the shared acceptance-test server.
func NewTestTenant(t testing.TB) *Tenant {
	t.Helper()
	s := New()
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	s.SetURL(ts.URL)
	return s.NewTenant(t.Name())
}
