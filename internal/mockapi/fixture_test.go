package mockapi_test

import (
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// tenantFixture is a test's own tenant of the mock; the platform tests add their
// request helpers to it (timeback_test.go, tpp_test.go).
type tenantFixture struct {
	t  *testing.T
	tn *mockapi.Tenant
}

func newFixture(t *testing.T) *tenantFixture {
	t.Helper()
	return &tenantFixture{t: t, tn: mockapi.NewTestTenant(t)}
}
