package mockapi

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// AWX fakes the AWX 24.x controller's OAuth2 applications API (contributing/platform-apis.md §4,
// §6.4): Django REST Framework errors, pagination, the client secret shown only in
// the 201, "************" afterwards, no secret key for public apps, unique
// (name, organization), the grant type read-only on update.
type AWX struct {
	t    *Tenant
	mu   sync.Mutex
	next int
	store[int, AWXApp]
	// Organizations are the organization ids that exist, with their names.
	Organizations map[int]string
	nextSecret
}

// AWXApp is one stored OAuth2 application.
type AWXApp struct {
	ID                     int       `json:"id"`
	Name                   string    `json:"name"`
	Description            string    `json:"description"`
	Organization           int       `json:"organization"`
	ClientType             string    `json:"client_type"`
	AuthorizationGrantType string    `json:"authorization_grant_type"`
	RedirectURIs           string    `json:"redirect_uris"`
	SkipAuthorization      bool      `json:"skip_authorization"`
	ClientID               string    `json:"client_id"`
	ClientSecret           string    `json:"client_secret"`
	Created                time.Time `json:"created"`
	Modified               time.Time `json:"modified"`
}

func newAWX(t *Tenant) *AWX {
	x := &AWX{t: t, next: 1, Organizations: map[int]string{1: "Default", 2: "Engineering"}}
	x.store = newStore(&x.mu, storeConfig[int, AWXApp]{
		key:     func(a *AWXApp) int { return a.ID },
		parse:   strconv.Atoi,
		less:    func(a, b *AWXApp) bool { return a.ID < b.ID },
		touched: func(a *AWXApp) { a.Modified = time.Now().UTC() },
	})
	return x
}

func (x *AWX) routes(mux *http.ServeMux) {
	for _, prefix := range []string{"/api/v2/", "/api/controller/v2/"} {
		mux.HandleFunc(prefix+"applications/{$}", x.auth(x.collection))
		mux.HandleFunc(prefix+"applications/{id}/", x.auth(x.item))
	}
}

func detail(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"detail": msg})
}

// auth accepts HTTP Basic or an OAuth2 Bearer token, as AWX 24.x does.
func (x *AWX) auth(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := x.t.Creds
		h := r.Header.Get("Authorization")
		switch {
		case h == "":
			w.Header().Set("WWW-Authenticate", `Bearer realm="api authorization"`)
			detail(w, http.StatusUnauthorized, "Authentication credentials were not provided.")
			return
		case strings.HasPrefix(h, "Basic "):
			raw, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(h, "Basic "))
			user, pass, _ := strings.Cut(string(raw), ":")
			if user != c.AWXUsername || pass != c.AWXPassword {
				detail(w, http.StatusUnauthorized, "Invalid username/password.")
				return
			}
		case strings.HasPrefix(h, "Bearer "):
			if bearer(r) != c.AWXToken {
				detail(w, http.StatusUnauthorized, "Authentication credentials were not provided.")
				return
			}
		default:
			detail(w, http.StatusUnauthorized, "Authentication credentials were not provided.")
			return
		}
		next(w, r)
	}
}

func (x *AWX) collection(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		x.list(w, r)
	case http.MethodPost:
		x.create(w, r)
	default:
		detail(w, http.StatusMethodNotAllowed, fmt.Sprintf("Method %q not allowed.", r.Method))
	}
}

func (x *AWX) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, size := 1, 25
	if v := q.Get("page"); v != "" {
		p, err := strconv.Atoi(v)
		if err != nil || p < 1 {
			detail(w, http.StatusNotFound, "Invalid page.")
			return
		}
		page = p
	}
	if v := q.Get("page_size"); v != "" {
		if s, err := strconv.Atoi(v); err == nil && s > 0 {
			size = min(s, 200)
		}
	}
	var matched []AWXApp
	for _, a := range x.All() {
		if n := q.Get("name"); n != "" && a.Name != n {
			continue
		}
		if o := q.Get("organization"); o != "" && strconv.Itoa(a.Organization) != o {
			continue
		}
		if id := q.Get("id"); id != "" && strconv.Itoa(a.ID) != id {
			continue
		}
		matched = append(matched, a)
	}
	endless := x.t.endlessNext()
	start := (page - 1) * size
	if start > len(matched) && (page != 1 || len(matched) != 0) && endless == "" {
		detail(w, http.StatusNotFound, "Invalid page.")
		return
	}
	start = min(start, len(matched))
	end := min(start+size, len(matched))
	results := make([]map[string]any, 0, end-start)
	for i := start; i < end; i++ {
		results = append(results, x.render(&matched[i], false))
	}
	link := func(p int) any {
		u := *r.URL
		qq := u.Query()
		qq.Set("page", strconv.Itoa(p))
		u.RawQuery = qq.Encode()
		return u.Path + "?" + u.RawQuery
	}
	var next, prev any
	switch {
	case endless == "self":
		next = r.URL.Path + "?" + r.URL.RawQuery
	case end < len(matched) || endless == "advance":
		next = link(page + 1)
	}
	if page > 1 {
		prev = link(page - 1)
	}
	writeJSON(w, http.StatusOK, map[string]any{"count": len(matched), "next": next, "previous": prev, "results": results})
}

// awxInput is a create or update body; pointers tell absent from empty.
type awxInput struct {
	Name                   *string         `json:"name"`
	Description            *string         `json:"description"`
	Organization           json.RawMessage `json:"organization"`
	ClientType             *string         `json:"client_type"`
	AuthorizationGrantType *string         `json:"authorization_grant_type"`
	RedirectURIs           *string         `json:"redirect_uris"`
	SkipAuthorization      *bool           `json:"skip_authorization"`
}

func (x *AWX) decode(w http.ResponseWriter, r *http.Request) (*awxInput, bool) {
	var in awxInput
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		detail(w, http.StatusBadRequest, "JSON parse error - "+err.Error())
		return nil, false
	}
	return &in, true
}

// validate checks the merged application the way the serializer and the model do.
func (x *AWX) validate(a *AWXApp, in *awxInput, creating bool) map[string][]string {
	errs := map[string][]string{}
	req := func(field string, present bool) {
		if creating && !present {
			errs[field] = append(errs[field], "This field is required.")
		}
	}
	req("name", in.Name != nil)
	req("client_type", in.ClientType != nil)
	req("authorization_grant_type", in.AuthorizationGrantType != nil)
	req("organization", in.Organization != nil)
	if in.Name != nil {
		switch {
		case strings.TrimSpace(*in.Name) == "":
			errs["name"] = append(errs["name"], "This field may not be blank.")
		case len(*in.Name) > 255:
			errs["name"] = append(errs["name"], "Ensure this field has no more than 255 characters.")
		}
	}
	if in.Organization != nil {
		raw := strings.TrimSpace(string(in.Organization))
		if raw == "null" {
			errs["organization"] = append(errs["organization"], "This field may not be null.")
		} else if id, err := strconv.Atoi(strings.Trim(raw, `"`)); err != nil {
			errs["organization"] = append(errs["organization"], fmt.Sprintf("Incorrect type. Expected pk value, received %s.", raw))
		} else if _, ok := x.Organizations[id]; !ok {
			errs["organization"] = append(errs["organization"], fmt.Sprintf("Invalid pk \"%d\" - object does not exist.", id))
		} else {
			a.Organization = id
		}
	}
	if in.ClientType != nil {
		if *in.ClientType != "confidential" && *in.ClientType != "public" {
			errs["client_type"] = append(errs["client_type"], fmt.Sprintf("%q is not a valid choice.", *in.ClientType))
		}
	}
	if in.AuthorizationGrantType != nil && creating {
		if *in.AuthorizationGrantType != "authorization-code" && *in.AuthorizationGrantType != "password" {
			errs["authorization_grant_type"] = append(errs["authorization_grant_type"], fmt.Sprintf("%q is not a valid choice.", *in.AuthorizationGrantType))
		}
	}
	for _, u := range strings.Fields(a.RedirectURIs) {
		pu, err := url.Parse(u)
		if err != nil || pu.Scheme == "" || pu.Host == "" {
			errs["redirect_uris"] = append(errs["redirect_uris"], fmt.Sprintf("Enter a valid URL: %s", u))
		}
	}
	if len(errs) == 0 && a.AuthorizationGrantType == "authorization-code" && strings.TrimSpace(a.RedirectURIs) == "" {
		errs["redirect_uris"] = append(errs["redirect_uris"], "Redirect URIs cannot be empty with the authorization-code grant type.")
	}
	return errs
}

func apply(a *AWXApp, in *awxInput, creating bool) {
	if in.Name != nil {
		a.Name = *in.Name
	}
	if in.Description != nil {
		a.Description = *in.Description
	}
	if in.ClientType != nil {
		a.ClientType = *in.ClientType
	}
	if in.AuthorizationGrantType != nil && creating { // read-only on update: silently ignored
		a.AuthorizationGrantType = *in.AuthorizationGrantType
	}
	if in.RedirectURIs != nil {
		a.RedirectURIs = *in.RedirectURIs
	}
	if in.SkipAuthorization != nil {
		a.SkipAuthorization = *in.SkipAuthorization
	}
}

func (x *AWX) duplicate(a *AWXApp) bool {
	return x.first(func(o *AWXApp) bool {
		return o.ID != a.ID && o.Name == a.Name && o.Organization == a.Organization
	}) != nil
}

func (x *AWX) create(w http.ResponseWriter, r *http.Request) {
	in, ok := x.decode(w, r)
	if !ok {
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	a := &AWXApp{}
	apply(a, in, true)
	if errs := x.validate(a, in, true); len(errs) > 0 {
		writeJSON(w, http.StatusBadRequest, errs)
		return
	}
	if x.duplicate(a) {
		writeJSON(w, http.StatusBadRequest, map[string][]string{"__all__": {"Application with this Name and Organization already exists."}})
		return
	}
	a.ID = x.next
	x.next++
	a.ClientID = RandomAlnum(40)
	a.ClientSecret = x.take(func() string { return RandomAlnum(128) })
	a.Created = time.Now().UTC()
	a.Modified = a.Created
	x.put(a)
	markCreated(r)
	writeJSON(w, http.StatusCreated, x.render(a, true))
}

func (x *AWX) item(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil {
		detail(w, http.StatusNotFound, "Not found.")
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	a, ok := x.stored(id)
	if !ok {
		detail(w, http.StatusNotFound, "Not found.")
		return
	}
	switch r.Method {
	case http.MethodGet:
		other := *a
		markRead(r, func() any {
			other.ID, other.Name = other.ID+1000000, other.Name+" (another application)"
			return x.render(&other, false)
		})
		writeJSON(w, http.StatusOK, x.render(a, false))
	case http.MethodPut, http.MethodPatch:
		in, ok := x.decode(w, r)
		if !ok {
			return
		}
		next := *a
		if r.Method == http.MethodPut { // a full update: absent optional fields take their defaults
			next.Description, next.RedirectURIs, next.SkipAuthorization = "", "", false
		}
		apply(&next, in, false)
		if errs := x.validate(&next, in, false); len(errs) > 0 {
			writeJSON(w, http.StatusBadRequest, errs)
			return
		}
		if x.duplicate(&next) {
			writeJSON(w, http.StatusBadRequest, map[string][]string{"__all__": {"Application with this Name and Organization already exists."}})
			return
		}
		next.Modified = time.Now().UTC()
		*a = next
		writeJSON(w, http.StatusOK, x.render(a, false))
	case http.MethodDelete:
		x.del(id)
		w.WriteHeader(http.StatusNoContent)
	default:
		detail(w, http.StatusMethodNotAllowed, fmt.Sprintf("Method %q not allowed.", r.Method))
	}
}

// render is the serializer's to_representation: the plaintext secret only in the
// POST response of a confidential app, "************" otherwise, no key for public apps.
func (x *AWX) render(a *AWXApp, created bool) map[string]any {
	m := map[string]any{
		"id": a.ID, "type": "o_auth2_application", "url": fmt.Sprintf("/api/v2/applications/%d/", a.ID),
		"related": map[string]string{
			"tokens":          fmt.Sprintf("/api/v2/applications/%d/tokens/", a.ID),
			"activity_stream": fmt.Sprintf("/api/v2/applications/%d/activity_stream/", a.ID),
		},
		"summary_fields": map[string]any{
			"organization": map[string]any{"id": a.Organization, "name": x.Organizations[a.Organization]},
			"tokens":       map[string]any{"count": 0, "results": []any{}},
		},
		"created": a.Created.Format(time.RFC3339Nano), "modified": a.Modified.Format(time.RFC3339Nano),
		"name": a.Name, "description": a.Description, "client_id": a.ClientID,
		"redirect_uris": a.RedirectURIs, "authorization_grant_type": a.AuthorizationGrantType,
		"client_type": a.ClientType, "skip_authorization": a.SkipAuthorization, "organization": a.Organization,
	}
	if a.ClientType == "confidential" {
		if created {
			m["client_secret"] = a.ClientSecret
		} else {
			m["client_secret"] = "************"
		}
	}
	return m
}

// RandomAlnum returns n random letters and digits.
func RandomAlnum(n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	raw := RandomHex(n)
	b := make([]byte, n)
	for i := range b {
		v, _ := strconv.ParseUint(raw[2*i:2*i+2], 16, 8)
		b[i] = alphabet[int(v)%len(alphabet)]
	}
	return string(b)
}
