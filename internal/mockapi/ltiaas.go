package mockapi

import "net/http"

// LTIaaS is the fake LTIaaS API (api-reference.md). To be written.
type LTIaaS struct {
	t *Tenant
}

func newLTIaaS(t *Tenant) *LTIaaS { return &LTIaaS{t: t} }

func (x *LTIaaS) routes(mux *http.ServeMux) {}

// Count returns how many objects the fake holds.
func (x *LTIaaS) Count() int { return 0 }
