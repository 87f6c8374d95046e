package mockapi

import (
	"context"
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

// AnsibleApps fakes an Ansible OAuth2 applications API, Django REST Framework style:
// errors as {"detail": ...} or field maps, pagination, the client secret shown only
// in the 201 and masked afterwards, no secret key for public apps, unique
// (name, organization), the grant type read-only on update. Two flavours share it:
// the AWX 24.x controller (/api/v2/, /api/controller/v2/; newAWX) and the AAP 2.5+
// platform gateway (/api/gateway/v1/; newGateway), which adds fields, masks the
// secret as "$encrypted$", lets only superusers create, and answers a duplicate with
// DRF's unique-together error.
type AnsibleApps struct {
	t    *Tenant
	mu   sync.Mutex
	next int
	store[int, AnsibleApp]
	// Organizations are the organization ids that exist, with their names.
	Organizations map[int]string
	nextSecret
	flavor ansibleFlavor
	// older: the gateway does not know pkce_required (SetOlder).
	older bool
}

// ansibleFlavor is what differs between the AWX controller and the gateway.
type ansibleFlavor struct {
	name     string   // "AWX", "AAP gateway"
	prefixes []string // API roots that serve applications/
	mask     string   // what non-POST responses show for a confidential app's secret
	typ      string   // the object's "type"
	gateway  bool     // the gateway's extra fields, superuser-only create, DRF unique-together error
	// creds returns the accepted token, superuser and (gateway) non-superuser credentials.
	creds func(c Credentials) ansibleCreds
	// gone answers every request instead of the API (AWX after 24.6.1, AAP 2.7 components).
	gone func(f Faults, prefix string) (status int, msg string)
}

type ansibleCreds struct {
	token, username, password string
	// userToken, userName, userPassword: a valid, authenticated non-superuser (organization admin).
	userToken, userName, userPassword string
}

// AnsibleApp is one stored application. The gateway-only fields stay empty on AWX.
type AnsibleApp struct {
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
	// The gateway's fields (django-ansible-base).
	PostLogoutRedirectURIs string `json:"post_logout_redirect_uris"`
	AllowedOrigins         string `json:"allowed_origins"`
	Algorithm              string `json:"algorithm"`
	AppURL                 string `json:"app_url"`
	PKCERequired           bool   `json:"pkce_required"`
	User                   *int   `json:"user"`
}

// AWXApp and GatewayApp are the applications of the two flavours.
type (
	AWXApp     = AnsibleApp
	GatewayApp = AnsibleApp
)

func newAnsibleApps(t *Tenant, f ansibleFlavor) *AnsibleApps {
	x := &AnsibleApps{t: t, next: 1, Organizations: map[int]string{1: "Default", 2: "Engineering"}, flavor: f}
	x.store = newStore(&x.mu, storeConfig[int, AnsibleApp]{
		key:     func(a *AnsibleApp) int { return a.ID },
		parse:   strconv.Atoi,
		less:    func(a, b *AnsibleApp) bool { return a.ID < b.ID },
		touched: func(a *AnsibleApp) { a.Modified = time.Now().UTC() },
		clone: func(a *AnsibleApp) {
			if a.User != nil {
				u := *a.User
				a.User = &u
			}
		},
	})
	return x
}

// SetOlder makes the gateway behave like one from before pkce_required: the field is
// neither returned nor stored.
func (x *AnsibleApps) SetOlder(older bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.older = older
}

func (x *AnsibleApps) routes(mux *http.ServeMux) {
	for _, prefix := range x.flavor.prefixes {
		mux.HandleFunc(prefix+"applications/{$}", x.auth(prefix, x.collection))
		mux.HandleFunc(prefix+"applications/{id}/", x.auth(prefix, x.item))
		if x.flavor.gateway {
			mux.HandleFunc(prefix+"me/{$}", x.auth(prefix, x.me))
		}
	}
}

func detail(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"detail": msg})
}

type superuserKey struct{}

// auth accepts HTTP Basic or an OAuth2 Bearer token. It records whether the caller is
// a superuser, for the gateway's superuser-only create.
func (x *AnsibleApps) auth(prefix string, next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if x.flavor.gone != nil {
			if status, msg := x.flavor.gone(x.t.Faults(), prefix); status != 0 {
				detail(w, status, msg)
				return
			}
		}
		c := x.flavor.creds(x.t.Creds)
		h := r.Header.Get("Authorization")
		super := false
		switch {
		case h == "":
			w.Header().Set("WWW-Authenticate", `Bearer realm="api authorization"`)
			detail(w, http.StatusUnauthorized, "Authentication credentials were not provided.")
			return
		case strings.HasPrefix(h, "Basic "):
			raw, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(h, "Basic "))
			user, pass, _ := strings.Cut(string(raw), ":")
			switch {
			case user == c.username && pass == c.password:
				super = true
			case c.userName != "" && user == c.userName && pass == c.userPassword:
			default:
				detail(w, http.StatusUnauthorized, "Invalid username/password.")
				return
			}
		case strings.HasPrefix(h, "Bearer "):
			switch tok := bearer(r); {
			case tok == c.token:
				super = true
			case c.userToken != "" && tok == c.userToken:
			default:
				detail(w, http.StatusUnauthorized, "Authentication credentials were not provided.")
				return
			}
		default:
			detail(w, http.StatusUnauthorized, "Authentication credentials were not provided.")
			return
		}
		next(w, r.WithContext(context.WithValue(r.Context(), superuserKey{}, super)))
	}
}

func (x *AnsibleApps) me(w http.ResponseWriter, r *http.Request) {
	super, _ := r.Context().Value(superuserKey{}).(bool)
	c := x.flavor.creds(x.t.Creds)
	name, id := c.username, 1
	if !super {
		name, id = c.userName, 2
	}
	writeJSON(w, http.StatusOK, map[string]any{"count": 1, "next": nil, "previous": nil, "results": []any{
		map[string]any{"id": id, "username": name, "is_superuser": super, "type": "user"},
	}})
}

func (x *AnsibleApps) collection(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		x.list(w, r)
	case http.MethodPost:
		x.create(w, r)
	default:
		detail(w, http.StatusMethodNotAllowed, fmt.Sprintf("Method %q not allowed.", r.Method))
	}
}

func (x *AnsibleApps) list(w http.ResponseWriter, r *http.Request) {
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
	var matched []AnsibleApp
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
	x.mu.Lock()
	for i := start; i < end; i++ {
		results = append(results, x.render(&matched[i], false))
	}
	x.mu.Unlock()
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

// ansibleInput is a create or update body; pointers tell absent from empty.
type ansibleInput struct {
	Name                   *string         `json:"name"`
	Description            *string         `json:"description"`
	Organization           json.RawMessage `json:"organization"`
	ClientType             *string         `json:"client_type"`
	AuthorizationGrantType *string         `json:"authorization_grant_type"`
	RedirectURIs           *string         `json:"redirect_uris"`
	SkipAuthorization      *bool           `json:"skip_authorization"`
	// The gateway's fields; AWX ignores them, as DRF ignores unknown fields.
	PostLogoutRedirectURIs *string `json:"post_logout_redirect_uris"`
	AllowedOrigins         *string `json:"allowed_origins"`
	Algorithm              *string `json:"algorithm"`
	AppURL                 *string `json:"app_url"`
	PKCERequired           *bool   `json:"pkce_required"`
}

func (x *AnsibleApps) decode(w http.ResponseWriter, r *http.Request) (*ansibleInput, bool) {
	var in ansibleInput
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		detail(w, http.StatusBadRequest, "JSON parse error - "+err.Error())
		return nil, false
	}
	return &in, true
}

// validate checks the merged application the way the serializer and the model do.
// required: the fields a create (or a full PUT) must carry.
func (x *AnsibleApps) validate(a *AnsibleApp, in *ansibleInput, creating bool, required []string) map[string][]string {
	errs := map[string][]string{}
	add := func(field, msg string) { errs[field] = append(errs[field], msg) }
	present := map[string]bool{
		"name": in.Name != nil, "client_type": in.ClientType != nil,
		"authorization_grant_type": in.AuthorizationGrantType != nil, "organization": in.Organization != nil,
	}
	for _, f := range required {
		if !present[f] {
			add(f, "This field is required.")
		}
	}
	if in.Name != nil {
		switch {
		case strings.TrimSpace(*in.Name) == "":
			add("name", "This field may not be blank.")
		case len(*in.Name) > 255:
			add("name", "Ensure this field has no more than 255 characters.")
		}
	}
	if in.Organization != nil {
		raw := strings.TrimSpace(string(in.Organization))
		if raw == "null" {
			add("organization", "This field may not be null.")
		} else if id, err := strconv.Atoi(strings.Trim(raw, `"`)); err != nil {
			add("organization", fmt.Sprintf("Incorrect type. Expected pk value, received %s.", raw))
		} else if _, ok := x.Organizations[id]; !ok {
			add("organization", fmt.Sprintf("Invalid pk \"%d\" - object does not exist.", id))
		} else {
			a.Organization = id
		}
	}
	choice := func(field string, v *string, ok ...string) {
		if v == nil {
			return
		}
		for _, o := range ok {
			if *v == o {
				return
			}
		}
		add(field, fmt.Sprintf("%q is not a valid choice.", *v))
	}
	choice("client_type", in.ClientType, "confidential", "public")
	if creating {
		choice("authorization_grant_type", in.AuthorizationGrantType, "authorization-code", "password")
	}
	if x.flavor.gateway {
		choice("algorithm", in.Algorithm, "", "RS256", "HS256")
		if in.AppURL != nil && *in.AppURL != "" {
			if u, err := url.Parse(*in.AppURL); err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
				add("app_url", "Enter a valid URL.")
			}
		}
	}
	if len(errs) > 0 {
		return errs
	}
	// django-oauth-toolkit's Application.clean(): non-field errors, under __all__.
	if msg := redirectError(a); msg != "" {
		return map[string][]string{"__all__": {msg}}
	}
	return nil
}

// redirectError is django-oauth-toolkit's redirect URI check (AbstractApplication.clean
// and its RedirectURIValidator), with its texts.
func redirectError(a *AnsibleApp) string {
	uris := strings.Fields(a.RedirectURIs)
	if len(uris) == 0 && a.AuthorizationGrantType == "authorization-code" {
		return "redirect_uris cannot be empty with grant_type authorization-code"
	}
	for _, u := range uris {
		pu, err := url.Parse(u)
		switch {
		case err != nil || pu.Scheme == "" || pu.Host == "":
			return "Enter a valid URL."
		case pu.Fragment != "" || strings.Contains(u, "#"):
			return "Redirect URIs must not contain fragments"
		case pu.Scheme != "http" && pu.Scheme != "https":
			return "Unauthorized redirect scheme: " + pu.Scheme
		}
	}
	return ""
}

func (x *AnsibleApps) apply(a *AnsibleApp, in *ansibleInput, creating bool) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&a.Name, in.Name)
	set(&a.Description, in.Description)
	set(&a.ClientType, in.ClientType)
	if creating { // read-only on update: silently ignored
		set(&a.AuthorizationGrantType, in.AuthorizationGrantType)
	}
	set(&a.RedirectURIs, in.RedirectURIs)
	if in.SkipAuthorization != nil {
		a.SkipAuthorization = *in.SkipAuthorization
	}
	if !x.flavor.gateway {
		return
	}
	set(&a.PostLogoutRedirectURIs, in.PostLogoutRedirectURIs)
	set(&a.AllowedOrigins, in.AllowedOrigins)
	set(&a.Algorithm, in.Algorithm)
	set(&a.AppURL, in.AppURL)
	if in.PKCERequired != nil && !x.older {
		a.PKCERequired = *in.PKCERequired
	}
}

func (x *AnsibleApps) duplicate(a *AnsibleApp) bool {
	return x.first(func(o *AnsibleApp) bool {
		return o.ID != a.ID && o.Name == a.Name && o.Organization == a.Organization
	}) != nil
}

// duplicateError is AWX's full_clean error, or on the gateway (whose serializer does
// not run full_clean) DRF's unique-together validator error.
func (x *AnsibleApps) duplicateError(w http.ResponseWriter) {
	if x.flavor.gateway {
		writeJSON(w, http.StatusBadRequest, map[string][]string{"non_field_errors": {"The fields name, organization must make a unique set."}})
		return
	}
	writeJSON(w, http.StatusBadRequest, map[string][]string{"__all__": {"Application with this Name and Organization already exists."}})
}

func (x *AnsibleApps) create(w http.ResponseWriter, r *http.Request) {
	if super, _ := r.Context().Value(superuserKey{}).(bool); x.flavor.gateway && !super {
		detail(w, http.StatusForbidden, "You do not have permission to perform this action.")
		return
	}
	in, ok := x.decode(w, r)
	if !ok {
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	a := &AnsibleApp{}
	if x.flavor.gateway && !x.older {
		a.PKCERequired = true // the model's default in the newest versions
	}
	x.apply(a, in, true)
	if errs := x.validate(a, in, true, []string{"name", "client_type", "authorization_grant_type", "organization"}); len(errs) > 0 {
		writeJSON(w, http.StatusBadRequest, errs)
		return
	}
	if x.duplicate(a) {
		x.duplicateError(w)
		return
	}
	a.ID = x.next
	x.next++
	a.ClientID = RandomAlnum(40)
	a.ClientSecret = x.take(func() string { return RandomAlnum(128) })
	a.Created = time.Now().UTC()
	a.Modified = a.Created
	if x.flavor.gateway {
		u := 1
		a.User = &u
	}
	x.put(a)
	markCreated(r)
	writeJSON(w, http.StatusCreated, x.render(a, true))
}

func (x *AnsibleApps) item(w http.ResponseWriter, r *http.Request) {
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
		var required []string
		if r.Method == http.MethodPut {
			// DRF's full update: the required fields must be sent (the grant type is
			// read-only on update, and the model allows a blank name); absent fields
			// with a model default take it; redirect_uris has none and is kept.
			required = []string{"client_type"}
			next.Description, next.SkipAuthorization = "", false
			if x.flavor.gateway {
				next.PostLogoutRedirectURIs, next.AllowedOrigins, next.Algorithm, next.AppURL = "", "", "", ""
				next.PKCERequired = !x.older
			}
		}
		x.apply(&next, in, false)
		if errs := x.validate(&next, in, false, required); len(errs) > 0 {
			writeJSON(w, http.StatusBadRequest, errs)
			return
		}
		if x.duplicate(&next) {
			x.duplicateError(w)
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
// POST response of a confidential app, the mask otherwise, no key for public apps.
// The lock is held.
func (x *AnsibleApps) render(a *AnsibleApp, created bool) map[string]any {
	root := x.flavor.prefixes[0]
	m := map[string]any{
		"id": a.ID, "type": x.flavor.typ, "url": fmt.Sprintf("%sapplications/%d/", root, a.ID),
		"related": map[string]string{
			"tokens":          fmt.Sprintf("%sapplications/%d/tokens/", root, a.ID),
			"activity_stream": fmt.Sprintf("%sapplications/%d/activity_stream/", root, a.ID),
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
	if x.flavor.gateway {
		m["post_logout_redirect_uris"] = a.PostLogoutRedirectURIs
		m["allowed_origins"] = a.AllowedOrigins
		m["algorithm"] = a.Algorithm
		m["app_url"] = a.AppURL
		m["user"] = a.User
		if !x.older {
			m["pkce_required"] = a.PKCERequired
		}
	}
	if a.ClientType == "confidential" {
		if created {
			m["client_secret"] = a.ClientSecret
		} else {
			m["client_secret"] = x.flavor.mask
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
