package mockapi

import (
	"net/http"
	"sort"
	"strings"
)

// tppEnumerateMax is the largest page EnumerateApplications answers.
const tppEnumerateMax = 100

// enumerate serves POST /vedsdk/oauth/EnumerateApplications: a page of applications,
// Start (0-based offset) and Count (default and cap tppEnumerateMax), ordered by
// OrderBy ("ID", the default, or "Name"), Descending to reverse.
func (x *TPP) enumerate(w http.ResponseWriter, r *http.Request, _ *tppToken) {
	var in struct {
		Start      *int   `json:"Start"`
		Count      *int   `json:"Count"`
		OrderBy    string `json:"OrderBy"`
		Descending bool   `json:"Descending"`
	}
	if !decodeTPP(w, r, &in) {
		return
	}
	start, count := 0, tppEnumerateMax
	if in.Start != nil {
		if *in.Start < 0 {
			tppOAuthError(w, http.StatusBadRequest, "invalid_request", "The Start parameter must not be negative.")
			return
		}
		start = *in.Start
	}
	if in.Count != nil && *in.Count > 0 {
		count = min(*in.Count, tppEnumerateMax)
	}
	key := func(a *TPPApp) string { return a.ID }
	switch strings.ToLower(in.OrderBy) {
	case "", "id":
	case "name":
		key = func(a *TPPApp) string { return a.Name + "\x00" + a.ID }
	default:
		tppOAuthError(w, http.StatusBadRequest, "invalid_request", "The OrderBy parameter must be ID or Name.")
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	all := x.all()
	sort.SliceStable(all, func(i, j int) bool {
		if in.Descending {
			return key(&all[i]) > key(&all[j])
		}
		return key(&all[i]) < key(&all[j])
	})
	list := []map[string]any{}
	for i := start; i < len(all) && i < start+count; i++ {
		list = append(list, all[i].render(false))
	}
	writeJSON(w, http.StatusOK, map[string]any{"Applications": list, "Result": tppResultSuccess, "Success": true})
}
