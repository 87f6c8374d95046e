package mockapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// TPP fakes Venafi Trust Protection Platform's OAuth applications ("API
// integrations", contributing/platform-apis.md §3 and §6.3):
//
//   - /vedauth/authorize/oauth issues an access token (with a refresh token) for a
//     user, a client_id and a scope; /vedauth/authorize/token refreshes it;
//   - /vedsdk/oauth/* (every route matched case-insensitively, all POST) need a
//     bearer token: 401 invalid_token for a missing, unknown or expired token,
//     403 insufficient_scope when the token's scope lacks admin, 401
//     insufficient_rights when the user's role does not allow the operation;
//   - every 200 carries the Result/Success envelope, and a failure an Error text; a
//     missing application answers HTTP 200 {"Result":2,"Success":false,"Error":"…"}
//     (code 2 is ApplicationNotFound);
//   - a duplicate ApplicationId on create answers HTTP 200 {"Result":19,
//     "Success":false,"Error":"…"} (19 is ApplicationAlreadyExists in the vendor's
//     contract);
//   - MaximumScope and MaxScope are both accepted, responses say MaximumScope;
//   - GetApplication answers {"Applications":[{…}]} as the vendor's contract lists it
//     (SetGetApplicationKey("Application") gives the docs' example shape
//     {"Application":{…}}); every Application object carries AccessValidity,
//     GrantValidity (null: the grant never expires), Renewable, GrantCount,
//     UserCount and UnusedExpiration (SetHideValidity(true) leaves them out of Get,
//     GetApplications and EnumerateApplications, as the docs' example does);
//   - UpdateApplication replaces the whole object: an omitted AccessValidity,
//     GrantValidity, Renewable or UnusedExpiration is reset to the system default; a
//     GrantValidity sent as null means "never expires";
//   - EnumerateApplications pages through every application (Start, a 0-based
//     offset; Count, 100 when 0 and at most 1000; OrderBy, Descending).
type TPP struct {
	t  *Tenant
	mu sync.Mutex
	store[string, TPPApp]
	tokens  map[string]*tppToken // access token → token
	refresh map[string]*tppToken // refresh token → the token it renews

	// Users are accounts besides the tenant's credentials (Creds.TPPUsername), by username.
	Users map[string]TPPUser
	// maxUses expires an access token after this many /vedsdk calls (0: never).
	maxUses   int
	grants    int
	refreshes int
	// getKey is the member GetApplication answers under: "Applications" (an array,
	// the default) or "Application" (one object).
	getKey string
	// hideValidity leaves the validity fields and counts out of read answers.
	hideValidity bool
}

// TPPApp is one stored OAuth application.
type TPPApp struct {
	ID             string
	Name           string
	Vendor         string
	Description    string
	URL            string
	Scope          string
	MaximumScope   string
	AccessValidity int
	GrantValidity  int
	// GrantNeverExpires is GrantValidity null: grants never expire (GrantValidity is then ignored).
	GrantNeverExpires bool
	Renewable         bool
	// UnusedExpiration is how many seconds an unused grant lives (0: the default, no expiry).
	UnusedExpiration int
	// GrantCount and UserCount are read-only counters TPP reports.
	GrantCount int
	UserCount  int
}

// TPPUser is an account that can obtain tokens.
type TPPUser struct {
	Password string
	// Scopes are the scope names the user may hold; nil means any. A token request
	// for scopes the user may not hold is granted the user's own scopes instead
	// (RFC 6749 §3.3 lets the server narrow the scope; the response says which).
	Scopes []string
	// Role is "Admin" (every operation) or "Auditor" (Get, GetApplications, GrantCount).
	Role string
}

// Mock users besides the tenant's admin (Creds.TPPUsername).
const (
	// TPPOperatorUser holds only the certificate scope: its tokens lack admin.
	TPPOperatorUser     = "tppoperator"
	TPPOperatorPassword = "mock-tpp-operator-password"
	// TPPAuditorUser gets admin-scoped tokens but has the Auditor role only.
	TPPAuditorUser     = "tppauditor"
	TPPAuditorPassword = "mock-tpp-auditor-password"
)

// System defaults applied when AccessValidity, GrantValidity or Renewable is omitted.
const (
	TPPDefaultAccessValidity = 7776000  // 90 days
	TPPDefaultGrantValidity  = 31536000 // 1 year
	TPPDefaultRenewable      = false
	// TPPDefaultUnusedExpiration is the value an omitted UnusedExpiration is reset to.
	TPPDefaultUnusedExpiration = 0
)

// OAuth result codes (TPP "OAuth result codes").
const (
	tppResultSuccess           = 0
	tppResultNotFound          = 2
	tppResultInvalidParameters = 6
	tppResultInvalidScope      = 17
	tppResultAlreadyExists     = 19
)

// tppResultErrors are the Error texts of failure results.
var tppResultErrors = map[int]string{
	tppResultNotFound:          "The requested application could not be found.",
	tppResultInvalidParameters: "Invalid parameters were provided.",
	tppResultInvalidScope:      "A requested scope is invalid.",
	tppResultAlreadyExists:     "An application with that ID already exists.",
}

type tppToken struct {
	access, refresh string
	user, clientID  string
	scope           string
	role            string
	expired         bool
	uses            int
}

func newTPP(t *Tenant) *TPP {
	x := &TPP{
		t: t, tokens: map[string]*tppToken{}, refresh: map[string]*tppToken{}, getKey: "Applications",
		Users: map[string]TPPUser{
			TPPOperatorUser: {Password: TPPOperatorPassword, Scopes: []string{"certificate"}, Role: "Admin"},
			TPPAuditorUser:  {Password: TPPAuditorPassword, Role: "Auditor"},
		},
	}
	x.store = newStore(&x.mu, storeConfig[string, TPPApp]{
		key:   func(a *TPPApp) string { return a.ID },
		parse: identity,
		less:  func(a, b *TPPApp) bool { return a.ID < b.ID },
	})
	return x
}

// Put stores an application behind the provider's back (replacing one with its id).
func (x *TPP) Put(a TPPApp) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.put(&a)
}

// ExpireAccessTokens expires every access token issued so far (refresh tokens stay
// valid); it returns how many it expired.
func (x *TPP) ExpireAccessTokens() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	n := 0
	for _, tk := range x.tokens {
		if !tk.expired {
			tk.expired = true
			n++
		}
	}
	return n
}

// SetAccessTokenUses makes every access token expire after n /vedsdk calls (0: never),
// so that a token expires in the middle of a Terraform run.
func (x *TPP) SetAccessTokenUses(n int) { setLocked(&x.mu, &x.maxUses, n) }

// IssueToken issues an access token (without a refresh token) as if username had
// obtained it with the given scope, for tests that configure access_token directly.
func (x *TPP) IssueToken(username, scope string) string {
	x.mu.Lock()
	defer x.mu.Unlock()
	role := "Admin"
	if u, ok := x.Users[username]; ok {
		role = u.Role
	}
	tk := &tppToken{access: RandomAlnum(32) + "==", user: username, clientID: x.t.Creds.TPPClientID, scope: scope, role: role}
	x.tokens[tk.access] = tk
	return tk.access
}

// SetGetApplicationKey sets the member GetApplication answers under: "Applications"
// (an array of one, the vendor contract's shape and the default) or "Application"
// (one object, the docs' example).
func (x *TPP) SetGetApplicationKey(key string) { setLocked(&x.mu, &x.getKey, key) }

// SetHideValidity leaves AccessValidity, GrantValidity, Renewable, GrantCount,
// UserCount and UnusedExpiration out of every read answer (as the docs' example of
// GetApplication does); the create answer still has them.
func (x *TPP) SetHideValidity(on bool) { setLocked(&x.mu, &x.hideValidity, on) }

// TokenGrants returns how many tokens /vedauth/authorize/oauth issued.
func (x *TPP) TokenGrants() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.grants
}

// TokenRefreshes returns how many tokens /vedauth/authorize/token issued.
func (x *TPP) TokenRefreshes() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.refreshes
}

func tppOAuthError(w http.ResponseWriter, status int, code, desc string) {
	if status == http.StatusUnauthorized || status == http.StatusForbidden {
		w.Header().Set("WWW-Authenticate", fmt.Sprintf("Bearer error=%q, error_description=%q", code, desc))
	}
	writeJSON(w, status, map[string]string{"error": code, "error_description": desc})
}

func tppResult(w http.ResponseWriter, code int) {
	tppResultText(w, code, tppResultErrors[code])
}

// tppResultText answers HTTP 200 with a result code and, on failure, an Error text.
func tppResultText(w http.ResponseWriter, code int, text string) {
	body := map[string]any{"Result": code, "Success": code == tppResultSuccess}
	if code != tppResultSuccess {
		body["Error"] = text
	}
	writeJSON(w, http.StatusOK, body)
}

// ServeHTTP serves /vedsdk/ and /vedauth/ (matched case-insensitively by the tenant).
func (x *TPP) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if x.serveVerify(w, r) {
		return
	}
	p := strings.TrimRight(strings.ToLower(r.URL.Path), "/")
	type route struct {
		handler func(http.ResponseWriter, *http.Request, *tppToken)
		auth    bool
		auditor bool // the Auditor role may call it
	}
	routes := map[string]route{
		"/vedauth/authorize/oauth":            {handler: x.authorize},
		"/vedauth/authorize/token":            {handler: x.refreshToken},
		"/vedsdk/oauth/createapplication":     {handler: x.create, auth: true},
		"/vedsdk/oauth/getapplication":        {handler: x.get, auth: true, auditor: true},
		"/vedsdk/oauth/getapplications":       {handler: x.getMany, auth: true, auditor: true},
		"/vedsdk/oauth/enumerateapplications": {handler: x.enumerate, auth: true, auditor: true},
		"/vedsdk/oauth/updateapplication":     {handler: x.update, auth: true},
		"/vedsdk/oauth/deleteapplication":     {handler: x.delete, auth: true},
		"/vedsdk/oauth/grantcount":            {handler: x.grantCount, auth: true, auditor: true},
	}
	rt, ok := routes[p]
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "invalid_request", "error_description": "No HTTP resource was found that matches the request URI."})
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "invalid_request", "error_description": fmt.Sprintf("The requested resource does not support http method '%s'.", r.Method)})
		return
	}
	var tk *tppToken
	if rt.auth {
		tk = x.checkToken(w, r)
		if tk == nil {
			return
		}
		if tk.role != "Admin" && (!rt.auditor || tk.role != "Auditor") {
			tppOAuthError(w, http.StatusUnauthorized, "insufficient_rights", fmt.Sprintf("The user %q does not have the role this operation requires.", tk.user))
			return
		}
	}
	rt.handler(w, r, tk)
}

// checkToken authenticates a /vedsdk call; it writes the error and returns nil on failure.
func (x *TPP) checkToken(w http.ResponseWriter, r *http.Request) *tppToken {
	tok := bearer(r)
	if tok == "" {
		tppOAuthError(w, http.StatusUnauthorized, "invalid_token", "The access token is missing.")
		return nil
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	tk, ok := x.tokens[tok]
	switch {
	case !ok:
		tppOAuthError(w, http.StatusUnauthorized, "invalid_token", "The access token is invalid or has been revoked.")
		return nil
	case tk.expired || (x.maxUses > 0 && tk.uses >= x.maxUses):
		tk.expired = true
		tppOAuthError(w, http.StatusUnauthorized, "invalid_token", "The access token has expired.")
		return nil
	}
	if !scopeHas(tk.scope, "admin") {
		tppOAuthError(w, http.StatusForbidden, "insufficient_scope", "The access token does not have the required scope: admin.")
		return nil
	}
	tk.uses++
	c := *tk
	return &c
}

// scopeNames returns the scope names of "a:x,y;b" → [a b].
func scopeNames(scope string) []string {
	var out []string
	for _, part := range strings.Split(scope, ";") {
		name, _, _ := strings.Cut(part, ":")
		if name = strings.TrimSpace(name); name != "" {
			out = append(out, strings.ToLower(name))
		}
	}
	return out
}

func scopeHas(scope, name string) bool {
	for _, n := range scopeNames(scope) {
		if n == name {
			return true
		}
	}
	return false
}

var tppScopePart = regexp.MustCompile(`^[A-Za-z0-9_]+(:[A-Za-z0-9_]+(,[A-Za-z0-9_]+)*)?$`)

// validScope checks "name[:restriction,...];..." with no empty parts.
func validScope(scope string) bool {
	if scope == "" {
		return false
	}
	for _, part := range strings.Split(scope, ";") {
		if !tppScopePart.MatchString(part) {
			return false
		}
	}
	return true
}

type tppTokenRequest struct {
	ClientID     string `json:"client_id"`
	Username     string `json:"username"`
	Password     string `json:"password"`
	Scope        string `json:"scope"`
	RefreshToken string `json:"refresh_token"`
}

func (x *TPP) decodeToken(w http.ResponseWriter, r *http.Request) (*tppTokenRequest, bool) {
	var in tppTokenRequest
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		tppOAuthError(w, http.StatusBadRequest, "invalid_request", "The request body is not valid JSON.")
		return nil, false
	}
	return &in, true
}

// clientMaxScope returns the maximum scope of a client_id: the tenant's own
// integration (Creds.TPPClientID) allows every scope; an application created through
// the API allows its MaximumScope. ok is false for an unknown client.
func (x *TPP) clientMaxScope(clientID string) (scope string, allowAll, ok bool) {
	if clientID == x.t.Creds.TPPClientID {
		return "", true, true
	}
	if a, found := x.stored(clientID); found {
		return a.MaximumScope, false, true
	}
	return "", false, false
}

func (x *TPP) authorize(w http.ResponseWriter, r *http.Request, _ *tppToken) {
	in, ok := x.decodeToken(w, r)
	if !ok {
		return
	}
	if in.ClientID == "" || in.Username == "" || in.Password == "" || in.Scope == "" {
		tppOAuthError(w, http.StatusBadRequest, "invalid_request", "client_id, username, password and scope are required.")
		return
	}
	c := x.t.Creds
	x.mu.Lock()
	defer x.mu.Unlock()
	var user TPPUser
	switch u, found := x.Users[in.Username]; {
	case in.Username == c.TPPUsername:
		user = TPPUser{Password: c.TPPPassword, Role: "Admin"}
	case found:
		user = u
	}
	if user.Password == "" || in.Password != user.Password {
		tppOAuthError(w, http.StatusBadRequest, "invalid_grant", "Username/password combination not valid")
		return
	}
	maxScope, allowAll, known := x.clientMaxScope(in.ClientID)
	if !known {
		tppOAuthError(w, http.StatusBadRequest, "invalid_client", fmt.Sprintf("The client_id %q is not a registered API integration.", in.ClientID))
		return
	}
	if !validScope(in.Scope) {
		tppOAuthError(w, http.StatusBadRequest, "invalid_scope", "The requested scope is malformed.")
		return
	}
	allowed := func(name string) bool {
		if !allowAll && !scopeHas(maxScope, name) {
			return false
		}
		if user.Scopes == nil {
			return true
		}
		for _, s := range user.Scopes {
			if s == name {
				return true
			}
		}
		return false
	}
	var granted []string
	for _, part := range strings.Split(in.Scope, ";") {
		if allowed(scopeNames(part)[0]) {
			granted = append(granted, part)
		}
	}
	if len(granted) == 0 { // narrow to what the user may hold
		for _, s := range user.Scopes {
			if allowed(s) {
				granted = append(granted, s)
			}
		}
	}
	if len(granted) == 0 {
		tppOAuthError(w, http.StatusBadRequest, "invalid_scope", fmt.Sprintf("The scope %q is not allowed for client_id %q.", in.Scope, in.ClientID))
		return
	}
	tk := &tppToken{user: in.Username, clientID: in.ClientID, scope: strings.Join(granted, ";"), role: user.Role}
	x.grants++
	x.issue(w, r, tk)
}

// issue stores tk under fresh access and refresh tokens and writes the token response.
// The caller holds x.mu.
func (x *TPP) issue(w http.ResponseWriter, r *http.Request, tk *tppToken) {
	tk.access = RandomAlnum(32) + "=="
	tk.refresh = RandomAlnum(32) + "=="
	x.tokens[tk.access] = tk
	x.refresh[tk.refresh] = tk
	now := time.Now().Unix()
	markToken(r)
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token": tk.access, "refresh_token": tk.refresh, "token_type": "Bearer",
		"expires": now + 3600, "expires_in": 3600, "refresh_until": now + 7776000,
		"scope": tk.scope, "identity": "local:{" + RandomUUID() + "}",
	})
}

func (x *TPP) refreshToken(w http.ResponseWriter, r *http.Request, _ *tppToken) {
	in, ok := x.decodeToken(w, r)
	if !ok {
		return
	}
	if in.ClientID == "" || in.RefreshToken == "" {
		tppOAuthError(w, http.StatusBadRequest, "invalid_request", "client_id and refresh_token are required.")
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	old, found := x.refresh[in.RefreshToken]
	if !found || old.clientID != in.ClientID {
		tppOAuthError(w, http.StatusBadRequest, "invalid_grant", "The refresh token is invalid, expired or was issued to another client.")
		return
	}
	// A refresh revokes the old pair and issues a new one.
	delete(x.refresh, in.RefreshToken)
	delete(x.tokens, old.access)
	x.refreshes++
	x.issue(w, r, &tppToken{user: old.user, clientID: old.clientID, scope: old.scope, role: old.role})
}

// tppAppInput is a create body or the Application of an update; pointers tell
// absent from empty.
type tppAppInput struct {
	ApplicationID  *string `json:"ApplicationId"`
	ID             *string `json:"ID"`
	Scope          *string `json:"Scope"`
	MaximumScope   *string `json:"MaximumScope"`
	MaxScope       *string `json:"MaxScope"`
	Name           *string `json:"Name"`
	Vendor         *string `json:"Vendor"`
	Description    *string `json:"Description"`
	URL            *string `json:"Url"`
	AccessValidity *int    `json:"AccessValidity"`
	// GrantValidity is raw: null means "never expires", absent the default.
	GrantValidity    json.RawMessage `json:"GrantValidity"`
	Renewable        *bool           `json:"Renewable"`
	UnusedExpiration *int            `json:"UnusedExpiration"`
}

func decodeTPP(w http.ResponseWriter, r *http.Request, out any) bool {
	if err := json.NewDecoder(r.Body).Decode(out); err != nil {
		tppOAuthError(w, http.StatusBadRequest, "invalid_request", "The request body is not valid JSON: "+err.Error())
		return false
	}
	return true
}

// build turns an input into an application: a missing required field is a 400, an
// invalid scope or validity a Success:false result; omitted optional fields take the
// system defaults. It reports false after writing the error.
func buildTPPApp(w http.ResponseWriter, id string, in *tppAppInput) (*TPPApp, bool) {
	maxScope := in.MaximumScope
	if maxScope == nil {
		maxScope = in.MaxScope
	}
	required := []struct {
		name     string
		v        *string
		nonEmpty bool
	}{
		{"Scope", in.Scope, true}, {"MaximumScope", maxScope, true}, {"Name", in.Name, true},
		{"Vendor", in.Vendor, false}, {"Description", in.Description, false}, {"Url", in.URL, false},
	}
	for _, f := range required {
		if f.v == nil || (f.nonEmpty && strings.TrimSpace(*f.v) == "") {
			tppOAuthError(w, http.StatusBadRequest, "invalid_request", fmt.Sprintf("The %s parameter is required.", f.name))
			return nil, false
		}
	}
	if !validScope(*in.Scope) || !validScope(*maxScope) {
		tppResult(w, tppResultInvalidScope)
		return nil, false
	}
	a := &TPPApp{
		ID: id, Scope: *in.Scope, MaximumScope: *maxScope, Name: *in.Name, Vendor: *in.Vendor,
		Description: *in.Description, URL: *in.URL,
		AccessValidity: TPPDefaultAccessValidity, GrantValidity: TPPDefaultGrantValidity, Renewable: TPPDefaultRenewable,
		UnusedExpiration: TPPDefaultUnusedExpiration,
	}
	if in.AccessValidity != nil {
		a.AccessValidity = *in.AccessValidity
	}
	switch raw := strings.TrimSpace(string(in.GrantValidity)); raw {
	case "":
	case "null":
		a.GrantValidity, a.GrantNeverExpires = 0, true
	default:
		if json.Unmarshal(in.GrantValidity, &a.GrantValidity) != nil {
			tppResult(w, tppResultInvalidParameters)
			return nil, false
		}
	}
	if in.Renewable != nil {
		a.Renewable = *in.Renewable
	}
	if in.UnusedExpiration != nil {
		a.UnusedExpiration = *in.UnusedExpiration
	}
	if a.AccessValidity < 0 || a.GrantValidity < 0 || a.UnusedExpiration < 0 {
		tppResult(w, tppResultInvalidParameters)
		return nil, false
	}
	return a, true
}

// render is the Application object of a response. Without full (SetHideValidity),
// the validity fields and counts are left out, as the docs' example response does.
func (a *TPPApp) render(full bool) map[string]any {
	m := map[string]any{
		"ID": a.ID, "Name": a.Name, "Vendor": a.Vendor, "Description": a.Description, "Url": a.URL,
		"Scope": a.Scope, "MaximumScope": a.MaximumScope,
	}
	if full {
		m["AccessValidity"] = a.AccessValidity
		m["GrantValidity"] = a.GrantValidity
		if a.GrantNeverExpires {
			m["GrantValidity"] = nil
		}
		m["Renewable"] = a.Renewable
		m["UnusedExpiration"] = a.UnusedExpiration
		m["GrantCount"] = a.GrantCount
		m["UserCount"] = a.UserCount
	}
	return m
}

func (x *TPP) create(w http.ResponseWriter, r *http.Request, _ *tppToken) {
	var in tppAppInput
	if !decodeTPP(w, r, &in) {
		return
	}
	if in.ApplicationID == nil || strings.TrimSpace(*in.ApplicationID) == "" {
		tppOAuthError(w, http.StatusBadRequest, "invalid_request", "The ApplicationId parameter is required.")
		return
	}
	a, ok := buildTPPApp(w, *in.ApplicationID, &in)
	if !ok {
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, exists := x.stored(a.ID); exists {
		tppResultText(w, tppResultAlreadyExists, fmt.Sprintf("An application with the ID '%s' already exists.", a.ID))
		return
	}
	x.put(a)
	markCreated(r)
	writeJSON(w, http.StatusOK, map[string]any{"Application": a.render(true), "Result": tppResultSuccess, "Success": true})
}

type tppIDInput struct {
	ApplicationID *string `json:"ApplicationId"`
}

func (x *TPP) idInput(w http.ResponseWriter, r *http.Request) (string, bool) {
	var in tppIDInput
	if !decodeTPP(w, r, &in) {
		return "", false
	}
	if in.ApplicationID == nil || *in.ApplicationID == "" {
		tppOAuthError(w, http.StatusBadRequest, "invalid_request", "The ApplicationId parameter is required.")
		return "", false
	}
	return *in.ApplicationID, true
}

// withApp runs f on the application an {"ApplicationId"} body names, with x.mu
// held; an unknown id answers Result 2.
func (x *TPP) withApp(w http.ResponseWriter, r *http.Request, f func(a *TPPApp)) {
	id, ok := x.idInput(w, r)
	if !ok {
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	a, found := x.stored(id)
	if !found {
		tppResult(w, tppResultNotFound)
		return
	}
	f(a)
}

func (x *TPP) get(w http.ResponseWriter, r *http.Request, _ *tppToken) {
	x.withApp(w, r, func(a *TPPApp) {
		full := !x.hideValidity
		answer := func(a *TPPApp) map[string]any {
			if x.getKey == "Application" {
				return map[string]any{"Application": a.render(full), "Result": tppResultSuccess, "Success": true}
			}
			return map[string]any{"Applications": []any{a.render(full)}, "Result": tppResultSuccess, "Success": true}
		}
		other := *a
		markRead(r, func() any {
			other.ID, other.Name = other.ID+"-other", other.Name+" (another application)"
			return answer(&other)
		})
		writeJSON(w, http.StatusOK, answer(a))
	})
}

func (x *TPP) getMany(w http.ResponseWriter, r *http.Request, _ *tppToken) {
	var in struct {
		ApplicationIDs []string `json:"ApplicationIds"`
	}
	if !decodeTPP(w, r, &in) {
		return
	}
	if len(in.ApplicationIDs) == 0 {
		tppOAuthError(w, http.StatusBadRequest, "invalid_request", "The ApplicationIds parameter is required.")
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	list := []map[string]any{}
	for _, id := range in.ApplicationIDs { // unknown ids are left out
		if a, found := x.stored(id); found {
			list = append(list, a.render(!x.hideValidity))
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"Applications": list, "Result": tppResultSuccess, "Success": true})
}

// Page sizes of EnumerateApplications.
const (
	TPPEnumerateDefaultCount = 100
	TPPEnumerateMaxCount     = 1000
)

// enumerate is EnumerateApplications: one page of every application, ordered by
// OrderBy (ID, the default, or Name) and Descending.
func (x *TPP) enumerate(w http.ResponseWriter, r *http.Request, _ *tppToken) {
	var in struct {
		Start      int    `json:"Start"`
		Count      int    `json:"Count"`
		OrderBy    string `json:"OrderBy"`
		Descending bool   `json:"Descending"`
	}
	if !decodeTPP(w, r, &in) {
		return
	}
	if in.Count == 0 {
		in.Count = TPPEnumerateDefaultCount
	}
	if in.Start < 0 || in.Count < 0 || in.Count > TPPEnumerateMaxCount {
		tppResult(w, tppResultInvalidParameters)
		return
	}
	var key func(a *TPPApp) string
	switch strings.ToLower(in.OrderBy) {
	case "", "id":
		key = func(a *TPPApp) string { return a.ID }
	case "name":
		key = func(a *TPPApp) string { return a.Name + "\x00" + a.ID }
	default:
		tppResultText(w, tppResultInvalidParameters, fmt.Sprintf("OrderBy %q is not a field of Application.", in.OrderBy))
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
	for i := in.Start; i < len(all) && i < in.Start+in.Count; i++ {
		list = append(list, all[i].render(!x.hideValidity))
	}
	writeJSON(w, http.StatusOK, map[string]any{"Applications": list, "Result": tppResultSuccess, "Success": true})
}

func (x *TPP) update(w http.ResponseWriter, r *http.Request, _ *tppToken) {
	var body struct {
		Application *tppAppInput `json:"Application"`
	}
	if !decodeTPP(w, r, &body) {
		return
	}
	in := body.Application
	if in == nil {
		tppOAuthError(w, http.StatusBadRequest, "invalid_request", "The Application parameter is required.")
		return
	}
	if in.ID == nil || *in.ID == "" {
		tppOAuthError(w, http.StatusBadRequest, "invalid_request", "The Application.ID parameter is required.")
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, found := x.stored(*in.ID); !found {
		tppResult(w, tppResultNotFound)
		return
	}
	// A full replace: every omitted optional field goes back to its default.
	a, ok := buildTPPApp(w, *in.ID, in)
	if !ok {
		return
	}
	x.put(a)
	tppResult(w, tppResultSuccess)
}

func (x *TPP) delete(w http.ResponseWriter, r *http.Request, _ *tppToken) {
	x.withApp(w, r, func(a *TPPApp) {
		x.del(a.ID)
		tppResult(w, tppResultSuccess)
	})
}

func (x *TPP) grantCount(w http.ResponseWriter, r *http.Request, _ *tppToken) {
	x.withApp(w, r, func(*TPPApp) {
		writeJSON(w, http.StatusOK, map[string]any{"Count": 0, "Result": tppResultSuccess, "Success": true})
	})
}
