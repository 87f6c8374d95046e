package mockapi

import "net/http"

// TPP is the fake TPP API (api-reference.md). To be written.
type TPP struct {
	t *Tenant
}

func newTPP(t *Tenant) *TPP { return &TPP{t: t} }

// ServeHTTP serves /vedsdk/ and /vedauth/ (matched case-insensitively by the tenant).
func (x *TPP) ServeHTTP(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }

// Count returns how many objects the fake holds.
func (x *TPP) Count() int { return 0 }
