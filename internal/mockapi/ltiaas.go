package mockapi

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
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
//   - PUT is a full replacement of the documented fields (the docs mark each one
//     required); a PUT onto another platform's (url, clientId) fails with
//     URL_CLIENT_ID_COMBINATION_ALREADY_EXISTS (HTTP 409, this fake's choice);
//   - GET/PUT/DELETE/activate/deactivate of an unknown id give 404 (DELETE of an
//     unknown id: 404 is this fake's choice; the real status is unknown);
//   - activate/deactivate answer 200 with no body and flip `active`.
//
// The public key is ECDSA P-256 rather than the RSA key ltijs generates: RSA key
// generation would slow the tests down, and the key is opaque text to the provider.
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
	AuthorizationServer    string           `json:"authorizationServer,omitempty"`
	Active                 bool             `json:"active"`
	PublicKey              string           `json:"publicKey"`
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
	p.PublicKey = newPublicKeyPEM()
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
			out = append(out, p)
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

// decodeInput reads and validates a body with ltijs's messages; ok is false once
// an error was written.
func decodeInput(w http.ResponseWriter, r *http.Request) (*ltiaasInput, bool) {
	var in ltiaasInput
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		ltiaasError(w, http.StatusBadRequest, "INVALID_BODY", "The request body is not valid JSON: "+err.Error())
		return nil, false
	}
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
		return &in, true
	}
	return nil, false
}

func validLTIaaSMethod(m string) bool {
	return m == "JWK_SET" || m == "JWK_KEY" || m == "RSA_KEY"
}

// apply copies the documented fields of a validated body; a missing
// authorizationServer clears it (a full replacement).
func (in *ltiaasInput) apply(p *LTIaaSPlatform) {
	p.URL, p.ClientID, p.Name = *in.URL, *in.ClientID, *in.Name
	p.AuthenticationEndpoint, p.AccesstokenEndpoint = *in.AuthenticationEndpoint, *in.AccesstokenEndpoint
	p.AuthConfig = LTIaaSAuthConfig{Method: *in.AuthConfig.Method, Key: *in.AuthConfig.Key}
	p.AuthorizationServer = str(in.AuthorizationServer)
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
		writeJSON(w, http.StatusOK, p)
		return
	}
	p := &LTIaaSPlatform{ID: RandomHex(16), Active: true, PublicKey: newPublicKeyPEM()}
	in.apply(p)
	x.put(p)
	markCreated(r)
	writeJSON(w, http.StatusOK, p)
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
		var ok bool
		if in, ok = decodeInput(w, r); !ok {
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
		other := *p
		markRead(r, func() any {
			other.ID, other.Name = RandomHex(16), other.Name+" (another platform)"
			return other
		})
		writeJSON(w, http.StatusOK, p)
	case http.MethodPut:
		if o := x.findPlatform(*in.URL, *in.ClientID); o != nil && o.ID != id {
			ltiaasError(w, http.StatusConflict, "URL_CLIENT_ID_COMBINATION_ALREADY_EXISTS",
				"Another platform is already registered with this url and clientId")
			return
		}
		in.apply(p)
		writeJSON(w, http.StatusOK, p)
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

// newPublicKeyPEM generates a fresh ECDSA P-256 key pair and returns the public half
// as a PKIX "PUBLIC KEY" PEM block (about 50 µs, against ~100 ms for RSA 2048).
func newPublicKeyPEM() string {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		panic(err)
	}
	return strings.TrimSpace(string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})))
}
