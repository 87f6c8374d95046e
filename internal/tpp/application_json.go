package tpp

import (
	"encoding/json"
	"strings"
)

// applicationJSON is Application without its JSON methods.
type applicationJSON Application

// UnmarshalJSON reads an Application and tells a GrantValidity of null (the grant
// never expires: GrantNeverExpires) from one left out (GrantValidity nil).
func (a *Application) UnmarshalJSON(b []byte) error {
	v := struct {
		*applicationJSON
		GrantValidity json.RawMessage `json:"GrantValidity"`
	}{applicationJSON: (*applicationJSON)(a)}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	a.GrantValidity, a.GrantNeverExpires = nil, false
	switch strings.TrimSpace(string(v.GrantValidity)) {
	case "":
	case "null":
		a.GrantNeverExpires = true
	default:
		var n int64
		if err := json.Unmarshal(v.GrantValidity, &n); err != nil {
			return err
		}
		a.GrantValidity = &n
	}
	return nil
}

// MarshalJSON writes the Application of an UpdateApplication: GrantValidity null
// when the grant never expires (so the update keeps it so), left out when unknown;
// the read-only counters are never sent.
func (a Application) MarshalJSON() ([]byte, error) {
	v := struct {
		applicationJSON
		GrantValidity json.RawMessage `json:"GrantValidity,omitempty"`
	}{applicationJSON: applicationJSON(a)}
	v.GrantCount, v.UserCount = nil, nil
	switch {
	case a.GrantNeverExpires:
		v.GrantValidity = json.RawMessage("null")
	case a.GrantValidity != nil:
		raw, err := json.Marshal(*a.GrantValidity)
		if err != nil {
			return nil, err
		}
		v.GrantValidity = raw
	}
	return json.Marshal(v)
}
