package mockapi

import (
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"
)

// Cronofy fakes Cronofy's Admin API "Provision a new application" (contributing/platform-apis.md
// §5, §6.5): POST /v1/applications answering for any data-center host (the handler
// ignores Host and records it), Bearer admin-key auth (401 with no body), 422
// {"errors":{"<param>":[{"key","description"}]}} for a missing or blank name or url,
// and 200 {"oauth_client":{"client_id","client_secret"}} as valid JSON. There is
// deliberately no GET or DELETE route: any other call gets 404, so a client that
// tries to read or delete fails loudly.
//
// It also serves "Verify an existing application", POST /v1/application_verification,
// authenticated with the application's own client secret (401 with no body for any
// other bearer): body {"redirect_uris":[…],"contact":{"email","display_name"}},
// answer 202 {}. Redirect URIs are added to the application's (never removed), the
// contact is replaced, and the application moves into production mode. Every
// accepted call is recorded (Verifications).
type Cronofy struct {
	t  *Tenant
	mu sync.Mutex
	nextSecret
	store[string, CronofyApp]
	// rejects are injected 422s: param → value → error.
	rejects map[string]map[string]CronofyFieldError
	deny    int
	// failVerify is an injected status for verification calls (0: none).
	failVerify    int
	verifications []CronofyVerification
}

// CronofyVerification is one accepted verification call, as received.
type CronofyVerification struct {
	ClientID           string
	RedirectURIs       []string
	ContactEmail       string
	ContactDisplayName string
}

// CronofyApp is one provisioned application.
type CronofyApp struct {
	ClientID     string
	ClientSecret string
	Name         string
	URL          string
	// Host is the Host header of the create request: the data-center host it was
	// provisioned through.
	Host    string
	Created time.Time
	// RedirectURIs are the URIs added by verification calls, sorted; Production is
	// set by the first one; the contact is the last call's.
	RedirectURIs       []string
	ContactEmail       string
	ContactDisplayName string
	Production         bool
}

// CronofyFieldError is one entry of a 422 errors.<param> list.
type CronofyFieldError struct {
	Key         string `json:"key"`
	Description string `json:"description"`
}

func newCronofy(t *Tenant) *Cronofy {
	x := &Cronofy{t: t, rejects: map[string]map[string]CronofyFieldError{}}
	// No less: applications list in creation order.
	x.store = newStore(&x.mu, storeConfig[string, CronofyApp]{
		key:   func(a *CronofyApp) string { return a.ClientID },
		parse: identity,
		clone: func(a *CronofyApp) { a.RedirectURIs = append([]string(nil), a.RedirectURIs...) },
	})
	return x
}

func (x *Cronofy) routes(mux *http.ServeMux) {
	// No method in the pattern: a GET or DELETE gets the documented 404, not a 405.
	mux.HandleFunc("/v1/applications", x.applications)
	mux.HandleFunc("/v1/application_verification", x.verification)
}

// Verifications returns the accepted verification calls of an application, oldest first.
func (x *Cronofy) Verifications(clientID string) []CronofyVerification {
	x.mu.Lock()
	defer x.mu.Unlock()
	var out []CronofyVerification
	for _, v := range x.verifications {
		if v.ClientID == clientID {
			v.RedirectURIs = append([]string(nil), v.RedirectURIs...)
			out = append(out, v)
		}
	}
	return out
}

// RefreshSecret gives an application a new client secret, as "Refreshing Client
// Secret" in the dashboard does (a fresh one when secret is ""); the old one stops
// working. It reports whether the application exists.
func (x *Cronofy) RefreshSecret(clientID, secret string) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	a, ok := x.stored(clientID)
	if !ok {
		return false
	}
	if secret == "" {
		secret = RandomAlnum(64)
	}
	a.ClientSecret = secret
	return true
}

// FailVerification makes every verification call with a valid secret answer with
// this status and no body, recording nothing; 0 stops it.
func (x *Cronofy) FailVerification(status int) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.failVerify = status
}

func (x *Cronofy) verification(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.WriteHeader(http.StatusNotFound)
		return
	}
	tok := bearer(r)
	x.mu.Lock()
	defer x.mu.Unlock()
	var app *CronofyApp
	if tok != "" {
		app = x.first(func(a *CronofyApp) bool { return a.ClientSecret == tok })
	}
	if app == nil {
		w.Header().Set("WWW-Authenticate", `Bearer realm="Cronofy"`)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	if x.failVerify != 0 {
		w.WriteHeader(x.failVerify)
		return
	}
	var in struct {
		RedirectURIs []string `json:"redirect_uris"`
		Contact      *struct {
			Email       string `json:"email"`
			DisplayName string `json:"display_name"`
		} `json:"contact"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"errors": map[string][]CronofyFieldError{
			"body": {{Key: "errors.invalid", Description: "the request body is not valid JSON"}},
		}})
		return
	}
	errs := map[string][]CronofyFieldError{}
	for _, u := range in.RedirectURIs {
		if pu, err := url.Parse(u); err != nil || pu.Scheme != "https" || pu.Host == "" {
			errs["redirect_uris"] = append(errs["redirect_uris"], CronofyFieldError{Key: "errors.invalid_uri", Description: "must be an https URL"})
		}
	}
	if in.Contact == nil || strings.TrimSpace(in.Contact.Email) == "" {
		errs["contact.email"] = append(errs["contact.email"], CronofyFieldError{Key: "errors.required", Description: "required"})
	}
	if len(errs) > 0 {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"errors": errs})
		return
	}
	have := map[string]bool{}
	for _, u := range app.RedirectURIs {
		have[u] = true
	}
	for _, u := range in.RedirectURIs {
		if !have[u] {
			have[u] = true
			app.RedirectURIs = append(app.RedirectURIs, u)
		}
	}
	sort.Strings(app.RedirectURIs)
	app.ContactEmail, app.ContactDisplayName = in.Contact.Email, in.Contact.DisplayName
	app.Production = true
	x.verifications = append(x.verifications, CronofyVerification{
		ClientID: app.ClientID, RedirectURIs: append([]string(nil), in.RedirectURIs...),
		ContactEmail: in.Contact.Email, ContactDisplayName: in.Contact.DisplayName,
	})
	writeJSON(w, http.StatusAccepted, map[string]any{})
}

// Host returns the Host header the application was created through ("" when unknown).
func (x *Cronofy) Host(clientID string) string {
	if a := x.Get(clientID); a != nil {
		return a.Host
	}
	return ""
}

// Add provisions an application behind the provider's back (as the dashboard
// would), for import tests.
func (x *Cronofy) Add(name, url, host string) CronofyApp {
	x.mu.Lock()
	defer x.mu.Unlock()
	return *x.newApp(name, url, host)
}

// Reject makes creates whose param ("name" or "url") equals value fail with a 422
// carrying this key and description, as Cronofy's own validation might for a value
// the provider accepts.
func (x *Cronofy) Reject(param, value, key, description string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.rejects[param] == nil {
		x.rejects[param] = map[string]CronofyFieldError{}
	}
	x.rejects[param][value] = CronofyFieldError{Key: key, Description: description}
}

// Deny makes every authenticated create answer with this status and no body (402:
// the plan lacks the feature; 403: the key lacks the privilege); 0 stops it.
func (x *Cronofy) Deny(status int) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.deny = status
}

// newApp adds an application; x.mu is held.
func (x *Cronofy) newApp(name, url, host string) *CronofyApp {
	a := &CronofyApp{
		ClientID:     RandomAlnum(32),
		ClientSecret: x.take(func() string { return RandomAlnum(64) }),
		Name:         name, URL: url, Host: host,
		Created: time.Now().UTC(),
	}
	x.put(a)
	return a
}

func (x *Cronofy) applications(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		// Only POST exists (contributing/platform-apis.md §5.3): no read, list or delete.
		w.WriteHeader(http.StatusNotFound)
		return
	}
	if tok := bearer(r); tok == "" || tok != x.t.Creds.CronofyAdminAPIKey {
		w.Header().Set("WWW-Authenticate", `Bearer realm="Cronofy"`)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	x.mu.Lock()
	deny := x.deny
	x.mu.Unlock()
	if deny != 0 {
		w.WriteHeader(deny)
		return
	}
	var in struct {
		Name *string `json:"name"`
		URL  *string `json:"url"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"errors": map[string][]CronofyFieldError{
			"body": {{Key: "errors.invalid", Description: "the request body is not valid JSON"}},
		}})
		return
	}
	errs := map[string][]CronofyFieldError{}
	x.mu.Lock()
	defer x.mu.Unlock()
	for param, v := range map[string]*string{"name": in.Name, "url": in.URL} {
		switch {
		case v == nil, strings.TrimSpace(*v) == "":
			errs[param] = append(errs[param], CronofyFieldError{Key: "errors.required", Description: "required"})
		default:
			if e, ok := x.rejects[param][*v]; ok {
				errs[param] = append(errs[param], e)
			}
		}
	}
	if len(errs) > 0 {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"errors": errs})
		return
	}
	a := x.newApp(*in.Name, *in.URL, r.Host)
	markCreated(r)
	writeJSON(w, http.StatusOK, map[string]any{"oauth_client": map[string]string{
		"client_id":     a.ClientID,
		"client_secret": a.ClientSecret,
	}})
}
