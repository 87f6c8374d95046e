package mockapi

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"strings"
	"sync"
)

// LTIaaS fakes the LTIaaS platform-registration API (contributing/platform-apis.md §2, §6.2):
//   - the same routes under both /admin/platforms (current docs) and /api/platforms
//     (older docs and the Node SDK), behind `Authorization: Bearer <API key>`;
//   - 401 with the documented envelope; every other error in the same envelope
//     {status, error, details:{message, description}} (the 400/404 shape is inferred);
//   - 32-hex ids and a real PEM public key generated for every platform;
//   - POST upserts on a repeated (url, clientId), as ltijs does: the stored record is
//     updated and returned with its existing id (200, never 409);
//   - PUT merges, as the open-source core's updatePlatformById does: a field absent
//     from the body keeps its value (authConfig.method and .key each), and
//     authorizationServer changes only when present ("" clears it); a PUT onto
//     another platform's (url, clientId) fails with
//     URL_CLIENT_ID_COMBINATION_ALREADY_EXISTS (HTTP 409, this fake's choice);
//   - every response carries authorizationServer; when none is set it is the
//     access-token endpoint (the core's default audience);
//   - GET/PUT/DELETE/activate/deactivate of an unknown id give 404 (DELETE of an
//     unknown id: 404 is this fake's choice; the real status is unknown);
//   - activate/deactivate answer 200 with no body and flip `active`.
//
// The public key is RSA-4096, like the key pair the core generates. Generating one
// takes up to a second, so a mock process makes one, on first use, and gives every
// platform the same key (the core makes one per platform; the key is opaque text to
// the provider).
type LTIaaS struct {
	t  *Tenant
	mu sync.Mutex
	store[string, LTIaaSPlatform]
}

// LTIaaSAuthConfig is a platform's authConfig.
type LTIaaSAuthConfig struct {
	Method string `json:"method"`
	Key    string `json:"key"`
}

// LTIaaSPlatform is one stored platform registration, in the API's JSON shape.
type LTIaaSPlatform struct {
	ID                     string           `json:"id"`
	URL                    string           `json:"url"`
	ClientID               string           `json:"clientId"`
	Name                   string           `json:"name"`
	AuthenticationEndpoint string           `json:"authenticationEndpoint"`
	AccesstokenEndpoint    string           `json:"accesstokenEndpoint"`
	AuthConfig             LTIaaSAuthConfig `json:"authConfig"`
	// AuthorizationServer is the stored value, "" when none is set; responses
	// report the access-token endpoint in its place (see wire).
	AuthorizationServer string `json:"authorizationServer"`
	Active              bool   `json:"active"`
	PublicKey           string `json:"publicKey"`
}

// wire is a platform as the API reports it: authorizationServer defaults to the
// access-token endpoint.
func (p LTIaaSPlatform) wire() LTIaaSPlatform {
	if p.AuthorizationServer == "" {
		p.AuthorizationServer = p.AccesstokenEndpoint
	}
	return p
}

func newLTIaaS(t *Tenant) *LTIaaS {
	x := &LTIaaS{t: t}
	x.store = newStore(&x.mu, storeConfig[string, LTIaaSPlatform]{
		key:   func(p *LTIaaSPlatform) string { return p.ID },
		parse: identity,
		less: func(a, b *LTIaaSPlatform) bool {
			if a.URL != b.URL {
				return a.URL < b.URL
			}
			return a.ClientID < b.ClientID
		},
	})
	return x
}

func (x *LTIaaS) routes(mux *http.ServeMux) {
	for _, prefix := range []string{"/admin/platforms", "/api/platforms"} {
		mux.HandleFunc(prefix, x.auth(x.collection))
		mux.HandleFunc(prefix+"/{id}", x.auth(x.item))
		mux.HandleFunc(prefix+"/{id}/{action}", x.auth(x.action))
	}
}

// Find returns a copy of the platform registered for (url, clientId), or nil.
func (x *LTIaaS) Find(url, clientID string) *LTIaaSPlatform {
	x.mu.Lock()
	defer x.mu.Unlock()
	if p := x.findPlatform(url, clientID); p != nil {
		c := *p
		return &c
	}
	return nil
}

func (x *LTIaaS) findPlatform(url, clientID string) *LTIaaSPlatform {
	return x.first(func(p *LTIaaSPlatform) bool { return p.URL == url && p.ClientID == clientID })
}

// Register stores a platform behind the provider's back (a registration made in the
// portal, say) and returns it with its new id and public key. Active is kept as given.
func (x *LTIaaS) Register(p LTIaaSPlatform) LTIaaSPlatform {
	x.mu.Lock()
	defer x.mu.Unlock()
	p.ID = RandomHex(16)
	p.PublicKey = ltiaasPublicKeyPEM()
	x.put(&p)
	return p
}

// ltiaasError writes the LTIaaS error envelope.
func ltiaasError(w http.ResponseWriter, status int, message, description string) {
	writeJSON(w, status, map[string]any{
		"status": status,
		"error":  http.StatusText(status),
		"details": map[string]string{
			"message":     message,
			"description": description,
		},
	})
}

func (x *LTIaaS) auth(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		tok := bearer(r)
		if tok == "" || tok != x.t.Creds.LTIaaSAPIKey {
			ltiaasError(w, http.StatusUnauthorized, "INVALID_LTIK_AUTH_AUTHORIZATION_HEADER", "Invalid API key")
			return
		}
		next(w, r)
	}
}

func methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	ltiaasError(w, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", fmt.Sprintf("%s is not allowed on %s", r.Method, r.URL.Path))
}

func (x *LTIaaS) collection(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		q := r.URL.Query()
		x.mu.Lock()
		all := x.all()
		x.mu.Unlock()
		out := []LTIaaSPlatform{}
		for _, p := range all {
			if v := q.Get("id"); v != "" && p.ID != v {
				continue
			}
			if v := q.Get("url"); v != "" && p.URL != v {
				continue
			}
			if v := q.Get("clientId"); v != "" && p.ClientID != v {
				continue
			}
			out = append(out, p.wire())
		}
		writeJSON(w, http.StatusOK, map[string]any{"platforms": out})
	case http.MethodPost:
		x.create(w, r)
	default:
		methodNotAllowed(w, r)
	}
}

// ltiaasInput is a POST or PUT body; pointers tell absent from empty.
type ltiaasInput struct {
	URL                    *string `json:"url"`
	ClientID               *string `json:"clientId"`
	Name                   *string `json:"name"`
	AuthenticationEndpoint *string `json:"authenticationEndpoint"`
	AccesstokenEndpoint    *string `json:"accesstokenEndpoint"`
	AuthConfig             *struct {
		Method *string `json:"method"`
		Key    *string `json:"key"`
	} `json:"authConfig"`
	AuthorizationServer *string `json:"authorizationServer"`
	Active              *bool   `json:"active"`
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// decodeInput reads and validates a create body with ltijs's messages; ok is false
// once an error was written.
func decodeInput(w http.ResponseWriter, r *http.Request) (*ltiaasInput, bool) {
	var in ltiaasInput
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		ltiaasError(w, http.StatusBadRequest, "INVALID_BODY", "The request body is not valid JSON: "+err.Error())
		return nil, false
	}
	return &in, validInput(w, &in)
}

// validInput checks a complete body (a create, or an update merged onto the stored
// platform); ok is false once an error was written.
func validInput(w http.ResponseWriter, in *ltiaasInput) bool {
	switch {
	case str(in.URL) == "" || str(in.ClientID) == "":
		ltiaasError(w, http.StatusBadRequest, "MISSING_PLATFORM_URL_OR_CLIENTID", "url and clientId are required")
	case str(in.Name) == "" || str(in.AuthenticationEndpoint) == "" || str(in.AccesstokenEndpoint) == "" || in.AuthConfig == nil:
		ltiaasError(w, http.StatusBadRequest, "MISSING_PARAMS", "name, authenticationEndpoint, accesstokenEndpoint and authConfig are required")
	case !validLTIaaSMethod(str(in.AuthConfig.Method)):
		ltiaasError(w, http.StatusBadRequest, "INVALID_AUTHCONFIG_METHOD", fmt.Sprintf("authConfig.method %q must be one of JWK_SET, JWK_KEY, RSA_KEY", str(in.AuthConfig.Method)))
	case str(in.AuthConfig.Key) == "":
		ltiaasError(w, http.StatusBadRequest, "MISSING_AUTHCONFIG_KEY", "authConfig.key is required")
	default:
		return true
	}
	return false
}

func validLTIaaSMethod(m string) bool {
	return m == "JWK_SET" || m == "JWK_KEY" || m == "RSA_KEY"
}

// merged fills the fields absent from an update body with the stored platform's,
// as the core's updatePlatformById does; authorizationServer is left as sent
// (absent keeps the stored value in apply).
func (in ltiaasInput) merged(p *LTIaaSPlatform) *ltiaasInput {
	keep := func(v *string, old string) *string {
		if v == nil {
			return &old
		}
		return v
	}
	in.URL, in.ClientID, in.Name = keep(in.URL, p.URL), keep(in.ClientID, p.ClientID), keep(in.Name, p.Name)
	in.AuthenticationEndpoint = keep(in.AuthenticationEndpoint, p.AuthenticationEndpoint)
	in.AccesstokenEndpoint = keep(in.AccesstokenEndpoint, p.AccesstokenEndpoint)
	ac := in.AuthConfig
	in.AuthConfig = &struct {
		Method *string `json:"method"`
		Key    *string `json:"key"`
	}{}
	if ac != nil {
		in.AuthConfig.Method, in.AuthConfig.Key = ac.Method, ac.Key
	}
	in.AuthConfig.Method = keep(in.AuthConfig.Method, p.AuthConfig.Method)
	in.AuthConfig.Key = keep(in.AuthConfig.Key, p.AuthConfig.Key)
	return &in
}

// apply copies the fields of a validated (create or merged) body; an absent
// authorizationServer keeps the stored one, "" clears it.
func (in *ltiaasInput) apply(p *LTIaaSPlatform) {
	p.URL, p.ClientID, p.Name = *in.URL, *in.ClientID, *in.Name
	p.AuthenticationEndpoint, p.AccesstokenEndpoint = *in.AuthenticationEndpoint, *in.AccesstokenEndpoint
	p.AuthConfig = LTIaaSAuthConfig{Method: *in.AuthConfig.Method, Key: *in.AuthConfig.Key}
	if in.AuthorizationServer != nil {
		p.AuthorizationServer = *in.AuthorizationServer
	}
	if in.Active != nil {
		p.Active = *in.Active
	}
}

func (x *LTIaaS) create(w http.ResponseWriter, r *http.Request) {
	in, ok := decodeInput(w, r)
	if !ok {
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if p := x.findPlatform(*in.URL, *in.ClientID); p != nil {
		// ltijs registerPlatform: an existing (url, clientId) is updated, not refused.
		in.apply(p)
		writeJSON(w, http.StatusOK, p.wire())
		return
	}
	p := &LTIaaSPlatform{ID: RandomHex(16), Active: true, PublicKey: ltiaasPublicKeyPEM()}
	in.apply(p)
	x.put(p)
	markCreated(r)
	writeJSON(w, http.StatusOK, p.wire())
}

func (x *LTIaaS) item(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	switch r.Method {
	case http.MethodGet, http.MethodPut, http.MethodDelete:
	default:
		methodNotAllowed(w, r)
		return
	}
	var in *ltiaasInput
	if r.Method == http.MethodPut {
		in = &ltiaasInput{}
		if err := json.NewDecoder(r.Body).Decode(in); err != nil {
			ltiaasError(w, http.StatusBadRequest, "INVALID_BODY", "The request body is not valid JSON: "+err.Error())
			return
		}
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	p, ok := x.stored(id)
	if !ok {
		ltiaasError(w, http.StatusNotFound, "PLATFORM_NOT_FOUND", fmt.Sprintf("No platform with id %q", id))
		return
	}
	switch r.Method {
	case http.MethodGet:
		other := p.wire()
		markRead(r, func() any {
			other.ID, other.Name = RandomHex(16), other.Name+" (another platform)"
			return other
		})
		writeJSON(w, http.StatusOK, p.wire())
	case http.MethodPut:
		in = in.merged(p)
		if !validInput(w, in) {
			return
		}
		if o := x.findPlatform(*in.URL, *in.ClientID); o != nil && o.ID != id {
			ltiaasError(w, http.StatusConflict, "URL_CLIENT_ID_COMBINATION_ALREADY_EXISTS",
				"Another platform is already registered with this url and clientId")
			return
		}
		in.apply(p)
		writeJSON(w, http.StatusOK, p.wire())
	case http.MethodDelete:
		x.del(id)
		w.WriteHeader(http.StatusNoContent)
	}
}

func (x *LTIaaS) action(w http.ResponseWriter, r *http.Request) {
	action := r.PathValue("action")
	if action != "activate" && action != "deactivate" {
		ltiaasError(w, http.StatusNotFound, "NOT_FOUND", fmt.Sprintf("No route %s", r.URL.Path))
		return
	}
	if r.Method != http.MethodPost {
		methodNotAllowed(w, r)
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	p, ok := x.stored(r.PathValue("id"))
	if !ok {
		ltiaasError(w, http.StatusNotFound, "PLATFORM_NOT_FOUND", fmt.Sprintf("No platform with id %q", r.PathValue("id")))
		return
	}
	p.Active = action == "activate"
	w.WriteHeader(http.StatusOK)
}

var ltiaasKey struct {
	once sync.Once
	pem  string
}

// ltiaasPublicKeyPEM returns the public half of the mock process's RSA-4096 key
// pair as a PKIX "PUBLIC KEY" PEM block, generating the pair on first use.
func ltiaasPublicKeyPEM() string {
	ltiaasKey.once.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 4096)
		if err != nil {
			panic(err)
		}
		der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
		if err != nil {
			panic(err)
		}
		ltiaasKey.pem = strings.TrimSpace(string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})))
	})
	return ltiaasKey.pem
}
