package mockapi

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Timeback fakes the Timeback developer platform's draft registration API
// (contributing/platform-apis.md §1, §6.1):
//
//   - POST /auth/1.0/token: client credentials (HTTP Basic client_id:client_secret,
//     form grant_type=client_credentials) issue expiring bearer tokens.
//   - POST /applications/1.0/drafts: validation (lengths, URI, enum, uuid), names
//     unique across the whole platform, publisher memberships 0 (a publisher is
//     created), 1 (it is used) or many (publisherId required, else 400 + nextAction).
//     The client secret is in this response only.
//   - GET /applications/1.0/{id}: the LtiApplicationOutput model (404 for unknown).
//   - GET /applications/1.0/{id}/credentials: applicationId, appUrn,
//     productionCredentials{clientId, scopes, tokenUrl} and, when the application
//     has a sandbox pair, sandboxCredentials{clientId, scopes, tokenUrl}; never a secret.
//   - Every applications route answers 401 without a valid bearer token.
//
// The unknowns of §1 are decided here as follows (the provider must not depend on
// them beyond what the docs say):
//
//   - create answers 201 (SetCreateStatus changes it);
//   - a duplicate name answers ConflictStatus (409 by default) with
//     {"error":"name_conflict","message":"..."};
//   - publisher ambiguity answers 400 with
//     {"error":"publisher_ambiguous","message":"...","nextAction":{"type":"set_publisher_id","publisherIds":[...]}};
//   - validation errors answer 400 with
//     {"error":"validation_error","message":"...","details":[{"field":"name","message":"..."}]};
//   - a publisherId the caller does not belong to answers 403 {"error":"forbidden",...};
//   - 401 and 404 answer {"error":"unauthorized"|"not_found","message":"..."};
//   - the token endpoint answers RFC 6749 errors {"error":"invalid_client","error_description":"..."};
//   - applicationType defaults to learning_app when omitted;
//   - the create response carries the sandbox pair as "sandboxCredentials":
//     {"clientId","clientSecret"}, as the sandbox docs say it always does;
//     SetSandboxCredentials(false) leaves it out (and the application then has no
//     sandbox pair).
type Timeback struct {
	t  *Tenant
	mu sync.Mutex
	nextSecret
	store[string, TimebackApp]

	// publishers are the caller's publisher memberships.
	publishers []string
	// conflictStatus is the status of a duplicate name (409 by default).
	conflictStatus int
	sandbox        bool
	createStatus   int
	tokenTTL       time.Duration
	tokens         map[string]time.Time
	issued         int
	now            func() time.Time
}

// TimebackApp is one stored draft application.
type TimebackApp struct {
	ApplicationID    string
	Name             string
	Description      string
	LaunchURL        string
	ApplicationType  string
	PublisherID      string
	ClientID         string
	ClientSecret     string
	Scopes           []string
	TokenURL         string
	Status           string
	DateCreated      time.Time
	DateLastModified time.Time
	// SandboxClientID and SandboxClientSecret are set when the tenant issues sandbox
	// credentials (the default); SandboxScopes and SandboxTokenURL go with them.
	SandboxClientID     string
	SandboxClientSecret string
	SandboxScopes       []string
	SandboxTokenURL     string
}

// TimebackTokenURL is the per-app (Cognito) token URL the fake puts in credentials when it
// does not know its own address (a server that was never started).
const TimebackTokenURL = "https://mock-timeback-idp.auth.us-east-1.amazoncognito.com/oauth2/token"

// AppTokenURL is the per-app token URL the fake puts in an application's credentials: a
// client-credentials endpoint on the mock itself (POST <tenant>/oauth2/token, like the
// Cognito pool's), where each application's own client id and secret obtain a token.
func (x *Timeback) AppTokenURL() string {
	if x.t.server == nil || x.t.server.url == "" {
		return TimebackTokenURL
	}
	return x.t.URL() + "/oauth2/token"
}

// TimebackSandboxTokenURL is the sandbox pool's token URL the fake puts in sandboxCredentials.
const TimebackSandboxTokenURL = "https://mock-timeback-sandbox-idp.auth.us-east-1.amazoncognito.com/oauth2/token"

// TimebackSandboxScopes are the sandbox-tier scopes a new draft's sandbox client gets.
var TimebackSandboxScopes = []string{"lti.readonly", "oneroster.readonly", "oneroster.write"}

func newTimeback(t *Tenant) *Timeback {
	x := &Timeback{
		t: t, publishers: []string{RandomUUID()},
		conflictStatus: http.StatusConflict, createStatus: http.StatusCreated, tokenTTL: time.Hour, tokens: map[string]time.Time{}, now: time.Now,
		sandbox: true,
	}
	x.store = newStore(&x.mu, storeConfig[string, TimebackApp]{
		key:   func(a *TimebackApp) string { return a.ApplicationID },
		parse: func(s string) (string, error) { return strings.ToLower(s), nil },
		less: func(a, b *TimebackApp) bool {
			if a.DateCreated.Equal(b.DateCreated) {
				return a.ApplicationID < b.ApplicationID
			}
			return a.DateCreated.Before(b.DateCreated)
		},
		clone: func(a *TimebackApp) {
			a.Scopes = append([]string(nil), a.Scopes...)
			a.SandboxScopes = append([]string(nil), a.SandboxScopes...)
		},
		touched: func(a *TimebackApp) { a.DateLastModified = x.now().UTC() },
	})
	return x
}

func (x *Timeback) routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /auth/1.0/token", x.token)
	mux.HandleFunc("POST /oauth2/token", x.appToken)
	mux.HandleFunc("POST /applications/1.0/drafts", x.auth(x.create))
	mux.HandleFunc("GET /applications/1.0/{id}", x.auth(x.get))
	mux.HandleFunc("GET /applications/1.0/{id}/credentials", x.auth(x.credentials))
}

// SetPublishers sets the caller's publisher memberships: none (the next create makes
// a publisher), one, or several (creates must then name one).
func (x *Timeback) SetPublishers(ids ...string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.publishers = append([]string(nil), ids...)
}

// Publishers returns the caller's publisher memberships.
func (x *Timeback) Publishers() []string {
	x.mu.Lock()
	defer x.mu.Unlock()
	return append([]string(nil), x.publishers...)
}

// SetConflictStatus sets the HTTP status of a duplicate name (409 by default).
func (x *Timeback) SetConflictStatus(status int) { setLocked(&x.mu, &x.conflictStatus, status) }

// SetCreateStatus sets the success status of a create (201 by default; the real
// one is not documented, 200 is the other candidate).
func (x *Timeback) SetCreateStatus(status int) { setLocked(&x.mu, &x.createStatus, status) }

// SetSandboxCredentials turns the sandbox pair of new applications on (the default)
// or off: off, creates answer without sandboxCredentials and the credentials read
// has none.
func (x *Timeback) SetSandboxCredentials(on bool) { setLocked(&x.mu, &x.sandbox, on) }

// SetTokenTTL sets the lifetime of issued access tokens (default one hour).
func (x *Timeback) SetTokenTTL(d time.Duration) { setLocked(&x.mu, &x.tokenTTL, d) }

// SetClock replaces the fake's clock (token expiry).
func (x *Timeback) SetClock(now func() time.Time) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.now = now
}

// TokensIssued returns how many access tokens the token endpoint issued.
func (x *Timeback) TokensIssued() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.issued
}

// FindByName returns a copy of the application with this name, or nil.
func (x *Timeback) FindByName(name string) *TimebackApp {
	for _, a := range x.All() {
		if a.Name == name {
			return &a
		}
	}
	return nil
}

// Add stores an application behind the provider's back (as if registered through
// the web console or MCP) and returns a copy with its generated ids and secret.
// Empty fields get defaults.
func (x *Timeback) Add(a TimebackApp) *TimebackApp {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.fill(&a)
	x.put(&a)
	c := x.copyOf(&a)
	return &c
}

// fill completes a new application; x.mu is held.
func (x *Timeback) fill(a *TimebackApp) {
	if a.ApplicationID == "" {
		a.ApplicationID = RandomUUID()
	}
	if a.ApplicationType == "" {
		a.ApplicationType = "learning_app"
	}
	if a.PublisherID == "" {
		if len(x.publishers) > 0 {
			a.PublisherID = x.publishers[0]
		} else {
			a.PublisherID = RandomUUID()
		}
	}
	if a.ClientID == "" {
		a.ClientID = strings.ToLower(RandomAlnum(26))
	}
	if a.ClientSecret == "" {
		a.ClientSecret = x.take(func() string { return RandomAlnum(52) })
	}
	if a.Scopes == nil {
		a.Scopes = []string{"lti.readonly"}
	}
	if a.TokenURL == "" {
		a.TokenURL = x.AppTokenURL()
	}
	if a.Status == "" {
		a.Status = "active"
	}
	if a.DateCreated.IsZero() {
		a.DateCreated = x.now().UTC()
	}
	if a.DateLastModified.IsZero() {
		a.DateLastModified = a.DateCreated
	}
	if x.sandbox && a.SandboxClientID == "" {
		a.SandboxClientID = strings.ToLower(RandomAlnum(26))
		a.SandboxClientSecret = RandomAlnum(52)
	}
	if a.SandboxClientID != "" {
		if a.SandboxScopes == nil {
			a.SandboxScopes = append([]string(nil), TimebackSandboxScopes...)
		}
		if a.SandboxTokenURL == "" {
			a.SandboxTokenURL = TimebackSandboxTokenURL
		}
	}
}

func tbError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]any{"error": code, "message": msg})
}

// auth accepts the tenant's static bearer token or an unexpired issued token.
func (x *Timeback) auth(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		tok := bearer(r)
		ok := tok != "" && tok == x.t.Creds.TimebackToken
		if !ok && tok != "" {
			x.mu.Lock()
			exp, found := x.tokens[tok]
			ok = found && x.now().Before(exp)
			x.mu.Unlock()
		}
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="timeback"`)
			msg := "Missing bearer token."
			if tok != "" {
				msg = "The bearer token is invalid or has expired."
			}
			tbError(w, http.StatusUnauthorized, "unauthorized", msg)
			return
		}
		next(w, r)
	}
}

// token is the machine token endpoint (client credentials).
// appToken is an application's own client-credentials endpoint (its credentials'
// tokenUrl): HTTP Basic with the application's production client id and secret, as
// Cognito takes them; a wrong pair answers 400 invalid_client, as Cognito does.
func (x *Timeback) appToken(w http.ResponseWriter, r *http.Request) {
	id, secret, ok := basicAuth(r)
	if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "client_credentials" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "unsupported_grant_type"})
		return
	}
	if ok {
		for _, a := range x.All() {
			if a.ClientID == id && a.ClientSecret == secret && secret != "" {
				writeJSON(w, http.StatusOK, map[string]any{
					"access_token": RandomAlnum(64), "expires_in": 3600, "token_type": "Bearer",
				})
				return
			}
		}
	}
	writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_client"})
}

func (x *Timeback) token(w http.ResponseWriter, r *http.Request) {
	oauthErr := func(status int, code, desc string) {
		writeJSON(w, status, map[string]string{"error": code, "error_description": desc})
	}
	id, secret, ok := basicAuth(r)
	if !ok {
		w.Header().Set("WWW-Authenticate", `Basic realm="timeback"`)
		oauthErr(http.StatusUnauthorized, "invalid_client", "Client authentication with HTTP Basic is required.")
		return
	}
	if id != x.t.Creds.TimebackClientID || secret != x.t.Creds.TimebackClientSecret {
		oauthErr(http.StatusUnauthorized, "invalid_client", "Client authentication failed.")
		return
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		oauthErr(http.StatusBadRequest, "invalid_request", "The body must be application/x-www-form-urlencoded.")
		return
	}
	if err := r.ParseForm(); err != nil {
		oauthErr(http.StatusBadRequest, "invalid_request", "The form body could not be parsed.")
		return
	}
	if gt := r.PostForm.Get("grant_type"); gt != "client_credentials" {
		oauthErr(http.StatusBadRequest, "unsupported_grant_type", fmt.Sprintf("grant_type %q is not supported; use client_credentials.", gt))
		return
	}
	scope := r.PostForm.Get("scope")
	if scope == "" {
		scope = "developer-platform/applications"
	}
	x.mu.Lock()
	tok := RandomAlnum(64)
	ttl := x.tokenTTL
	x.tokens[tok] = x.now().Add(ttl)
	x.issued++
	x.mu.Unlock()
	markToken(r)
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token": tok, "expires_in": int(ttl / time.Second), "token_type": "Bearer", "scope": scope,
	})
}

func basicAuth(r *http.Request) (string, string, bool) {
	h := r.Header.Get("Authorization")
	raw, ok := strings.CutPrefix(h, "Basic ")
	if !ok {
		return "", "", false
	}
	dec, err := base64.StdEncoding.DecodeString(strings.TrimSpace(raw))
	if err != nil {
		return "", "", false
	}
	id, secret, ok := strings.Cut(string(dec), ":")
	return id, secret, ok
}

// tbDraftInput is the RegisterAppAsDraftRequest; pointers tell absent from empty.
type tbDraftInput struct {
	Name            *string         `json:"name"`
	Description     *string         `json:"description"`
	LaunchURL       *string         `json:"launchUrl"`
	ApplicationType *string         `json:"applicationType"`
	PublisherID     json.RawMessage `json:"publisherId"`
}

var tbUUID = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

type tbFieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (in *tbDraftInput) validate() (publisherID string, errs []tbFieldError) {
	add := func(f, m string) { errs = append(errs, tbFieldError{f, m}) }
	length := func(field string, v *string, lo, hi int) {
		if v == nil {
			add(field, "is required")
			return
		}
		if n := utf8.RuneCountInString(*v); n < lo || n > hi {
			add(field, fmt.Sprintf("length must be between %d and %d characters (got %d)", lo, hi, n))
		}
	}
	length("name", in.Name, 1, 256)
	length("description", in.Description, 1, 1024)
	if in.LaunchURL == nil {
		add("launchUrl", "is required")
	} else {
		if utf8.RuneCountInString(*in.LaunchURL) > 512 {
			add("launchUrl", "must be at most 512 characters")
		}
		if u, err := url.Parse(*in.LaunchURL); err != nil || !u.IsAbs() || (u.Host == "" && u.Opaque == "") {
			add("launchUrl", "must be an absolute URI (format uri)")
		}
	}
	if in.ApplicationType != nil {
		switch *in.ApplicationType {
		case "learning_app", "assessment", "internal":
		default:
			add("applicationType", "must be one of learning_app, assessment, internal")
		}
	}
	if raw := strings.TrimSpace(string(in.PublisherID)); raw != "" && raw != "null" {
		var s string
		if json.Unmarshal(in.PublisherID, &s) != nil || !tbUUID.MatchString(s) {
			add("publisherId", "must be a uuid or null")
		} else {
			publisherID = strings.ToLower(s)
		}
	}
	return publisherID, errs
}

func (x *Timeback) create(w http.ResponseWriter, r *http.Request) {
	var in tbDraftInput
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": "validation_error", "message": "The body is not valid JSON: " + err.Error(), "details": []tbFieldError{}})
		return
	}
	publisherID, errs := in.validate()
	if len(errs) > 0 {
		parts := make([]string, len(errs))
		for i, e := range errs {
			parts[i] = e.Field + " " + e.Message
		}
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": "validation_error", "message": "Request validation failed: " + strings.Join(parts, "; "), "details": errs})
		return
	}

	x.mu.Lock()
	defer x.mu.Unlock()
	switch {
	case publisherID != "":
		member := false
		for _, p := range x.publishers {
			member = member || strings.EqualFold(p, publisherID)
		}
		if !member {
			tbError(w, http.StatusForbidden, "forbidden", fmt.Sprintf("You are not a member of publisher %s.", publisherID))
			return
		}
	case len(x.publishers) > 1:
		ids := append([]string(nil), x.publishers...)
		writeJSON(w, http.StatusBadRequest, map[string]any{
			"error":      "publisher_ambiguous",
			"message":    fmt.Sprintf("You are a member of %d publishers; set publisherId to the publisher that owns this application.", len(ids)),
			"nextAction": map[string]any{"type": "set_publisher_id", "publisherIds": ids},
		})
		return
	case len(x.publishers) == 1:
		publisherID = x.publishers[0]
	default: // no membership: the platform creates a publisher for the caller
		publisherID = RandomUUID()
		x.publishers = []string{publisherID}
	}
	if x.first(func(o *TimebackApp) bool { return o.Name == *in.Name }) != nil {
		tbError(w, x.conflictStatus, "name_conflict", fmt.Sprintf("An application named %q already exists on the developer platform; application names are unique across all publishers.", *in.Name))
		return
	}
	a := &TimebackApp{Name: *in.Name, Description: *in.Description, LaunchURL: *in.LaunchURL, PublisherID: publisherID}
	if in.ApplicationType != nil {
		a.ApplicationType = *in.ApplicationType
	}
	x.fill(a)
	x.put(a)
	markCreated(r)
	body := map[string]any{
		"applicationId": a.ApplicationID, "appUrn": "urn:uuid:" + a.ApplicationID,
		"clientId": a.ClientID, "clientSecret": a.ClientSecret, "publisherId": a.PublisherID,
	}
	if a.SandboxClientID != "" {
		body["sandboxCredentials"] = map[string]string{"clientId": a.SandboxClientID, "clientSecret": a.SandboxClientSecret}
	}
	writeJSON(w, x.createStatus, body)
}

func (x *Timeback) lookup(w http.ResponseWriter, r *http.Request) *TimebackApp {
	id := r.PathValue("id")
	a, ok := x.stored(strings.ToLower(id))
	if !ok {
		tbError(w, http.StatusNotFound, "not_found", fmt.Sprintf("Application %s was not found.", id))
		return nil
	}
	return a
}

// get renders the LtiApplicationOutput model.
func (x *Timeback) get(w http.ResponseWriter, r *http.Request) {
	x.serveApp(w, r, renderTimebackApp, func(o *TimebackApp) {
		o.ApplicationID, o.Name = RandomUUID(), o.Name+" (another application)"
	})
}

// serveApp answers a read of the application the path names with render, or 404.
// When a fault asks for another object's answer, it is render of a copy that
// another turns into a different application.
func (x *Timeback) serveApp(w http.ResponseWriter, r *http.Request, render func(*TimebackApp) map[string]any, another func(*TimebackApp)) {
	x.mu.Lock()
	defer x.mu.Unlock()
	a := x.lookup(w, r)
	if a == nil {
		return
	}
	other := x.copyOf(a)
	markRead(r, func() any {
		another(&other)
		return render(&other)
	})
	writeJSON(w, http.StatusOK, render(a))
}

// renderTimebackApp is the LtiApplicationOutput model.
func renderTimebackApp(a *TimebackApp) map[string]any {
	domains := []string{}
	if u, err := url.Parse(a.LaunchURL); err == nil && u.Hostname() != "" {
		domains = append(domains, u.Hostname())
	}
	return map[string]any{
		"sourcedId": a.ApplicationID, "name": a.Name, "description": a.Description,
		"launchUrl": a.LaunchURL, "applicationType": a.ApplicationType, "status": a.Status,
		"dateCreated": a.DateCreated.Format(time.RFC3339Nano), "dateLastModified": a.DateLastModified.Format(time.RFC3339Nano),
		"deploymentId": nil, "domains": domains, "coverImageUrl": nil, "logoUrl": nil,
		"idling": "off", "proctoringMode": "off", "isLtiCompliant": true, "isLtiV1P3Compliant": true,
		"isRecordingEnabled": false, "tools": []any{},
	}
}

// credentials renders GetAppCredentialsResponse: never a secret.
func (x *Timeback) credentials(w http.ResponseWriter, r *http.Request) {
	x.serveApp(w, r, renderTimebackCredentials, func(o *TimebackApp) {
		o.ApplicationID, o.ClientID = RandomUUID(), strings.ToLower(RandomAlnum(26))
	})
}

// renderTimebackCredentials is the GetAppCredentialsResponse model.
func renderTimebackCredentials(a *TimebackApp) map[string]any {
	m := map[string]any{
		"applicationId": a.ApplicationID, "appUrn": "urn:uuid:" + a.ApplicationID,
		"productionCredentials": map[string]any{"clientId": a.ClientID, "scopes": a.Scopes, "tokenUrl": a.TokenURL},
	}
	if a.SandboxClientID != "" {
		m["sandboxCredentials"] = map[string]any{"clientId": a.SandboxClientID, "scopes": a.SandboxScopes, "tokenUrl": a.SandboxTokenURL}
	}
	return m
}
