package mockapi

import "net/http"

// Cronofy is the fake Cronofy API (api-reference.md). To be written.
type Cronofy struct {
	t *Tenant
}

func newCronofy(t *Tenant) *Cronofy { return &Cronofy{t: t} }

func (x *Cronofy) routes(mux *http.ServeMux) {}

// Count returns how many objects the fake holds.
func (x *Cronofy) Count() int { return 0 }
