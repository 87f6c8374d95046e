package mockapi

import "net/http"

// Timeback is the fake Timeback API (api-reference.md). To be written.
type Timeback struct {
	t *Tenant
}

func newTimeback(t *Tenant) *Timeback { return &Timeback{t: t} }

func (x *Timeback) routes(mux *http.ServeMux) {}

// Count returns how many objects the fake holds.
func (x *Timeback) Count() int { return 0 }
