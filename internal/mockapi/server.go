// Package mockapi is a fake of the five platforms' documented HTTP APIs, written
// from contributing/platform-apis.md alone (it never imports a client package). One server
// serves all five on one loopback port; every test gets its own Tenant, an isolated
// copy of all five platforms under the path prefix /t/<tenant>, with its own state,
// credentials, faults and request log. Requests without the prefix go to the
// tenant "default" (used by `make demo` and the standalone binary).
package mockapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Server serves every tenant.
type Server struct {
	mu      sync.Mutex
	tenants map[string]*Tenant
	url     string
	ln      net.Listener
	srv     *http.Server
	// DefaultCredentials are given to every new tenant.
	DefaultCredentials Credentials
}

// New returns a server with no tenants yet; call Start, or use Handler.
func New() *Server {
	return &Server{tenants: map[string]*Tenant{}, DefaultCredentials: DefaultCredentials()}
}

// Start listens on addr ("127.0.0.1:0" for any free port) and serves in the background.
func (s *Server) Start(addr string) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", err
	}
	s.ln = ln
	s.url = "http://" + ln.Addr().String()
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.srv.Serve(ln) }()
	return s.url, nil
}

// SetURL records the URL the server is reachable at when it is served by someone
// else (httptest.NewServer(s)).
func (s *Server) SetURL(u string) { s.url = u }

// URL is the server's root URL.
func (s *Server) URL() string { return s.url }

// Close stops a server started with Start.
func (s *Server) Close() {
	if s.srv != nil {
		_ = s.srv.Close()
	}
}

var tenantName = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,100}$`)

// Tenant returns the named tenant, creating it on first use.
func (s *Server) Tenant(name string) *Tenant {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.tenants[name]; ok {
		return t
	}
	t := newTenant(s, name, s.DefaultCredentials)
	s.tenants[name] = t
	return t
}

// NewTenant creates a tenant with a fresh unique name derived from hint (a test name).
func (s *Server) NewTenant(hint string) *Tenant {
	clean := regexp.MustCompile(`[^A-Za-z0-9_.-]+`).ReplaceAllString(hint, "_")
	if len(clean) > 60 {
		clean = clean[:60]
	}
	return s.Tenant(clean + "-" + RandomHex(4))
}

// ServeHTTP routes /t/<tenant>/... to that tenant, /_mock/... to the control API and
// anything else to the default tenant.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/_mock/") {
		s.control(w, r)
		return
	}
	name := "default"
	r = r.WithContext(context.WithValue(r.Context(), originalURIKey{}, r.URL.RequestURI()))
	if rest, ok := strings.CutPrefix(r.URL.Path, "/t/"); ok {
		n, p, _ := strings.Cut(rest, "/")
		if !tenantName.MatchString(n) {
			http.NotFound(w, r)
			return
		}
		name = n
		r.URL.Path = "/" + p
		r.URL.RawPath = ""
	}
	s.Tenant(name).serve(w, r)
}

// control is a small JSON API for tests and module authors who run the standalone
// binary:
//
//	PUT    /_mock/tenants/<t>/faults                   replace the tenant's faults
//	GET    /_mock/tenants/<t>/requests                 every request the tenant received
//	GET    /_mock/tenants/<t>/counts                   objects per platform
//	DELETE /_mock/tenants/<t>/<platform>/<kind>/<id>   delete an object behind Terraform's back
//	PATCH  /_mock/tenants/<t>/<platform>/<kind>/<id>   change fields of an object behind Terraform's back
//
// and the last two without tenants/<t>/ for the default tenant. <platform>/<kind> is
// one of ControlKinds.
func (s *Server) control(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.Trim(strings.TrimPrefix(r.URL.Path, "/_mock/"), "/"), "/")
	name, perTenant := "default", parts[0] == "tenants"
	if perTenant {
		if len(parts) < 3 || !tenantName.MatchString(parts[1]) {
			controlUsage(w)
			return
		}
		name, parts = parts[1], parts[2:]
	}
	t := s.Tenant(name)
	switch {
	case len(parts) == 3:
		t.controlObject(w, r, parts[0]+"/"+parts[1], parts[2])
	case len(parts) != 1 || !perTenant:
		controlUsage(w)
	case parts[0] == "faults" && r.Method == http.MethodPut:
		var f Faults
		if err := json.NewDecoder(r.Body).Decode(&f); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
		t.SetFaults(f)
		writeJSON(w, http.StatusOK, f)
	case parts[0] == "requests" && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, t.Requests())
	case parts[0] == "counts" && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, t.Counts())
	default:
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "PUT faults, GET requests, GET counts"})
	}
}

func controlUsage(w http.ResponseWriter) {
	writeJSON(w, http.StatusNotFound, map[string]string{"error": "use /_mock/tenants/<tenant>/{faults,requests,counts}, " +
		"or DELETE or PATCH /_mock[/tenants/<tenant>]/<platform>/<kind>/<id> with <platform>/<kind> one of " + strings.Join(ControlKinds(), ", ")})
}

// ControlKinds are the <platform>/<kind> paths of the objects /_mock can delete or edit.
func ControlKinds() []string {
	return []string{"awx/applications", "ltiaas/platforms", "tpp/applications", "timeback/applications", "cronofy/applications", "aap/applications"}
}

// controlObject deletes (DELETE) or edits (PATCH, a JSON object of the fields to
// change, named as the object's JSON) one object of the tenant.
func (t *Tenant) controlObject(w http.ResponseWriter, r *http.Request, kind, id string) {
	st, ok := t.objects[kind]
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": fmt.Sprintf("unknown kind %q: use one of %s", kind, strings.Join(ControlKinds(), ", "))})
		return
	}
	var err error
	switch r.Method {
	case http.MethodDelete:
		if err = st.controlDelete(id); err == nil {
			w.WriteHeader(http.StatusNoContent)
			return
		}
	case http.MethodPatch:
		body, rerr := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if rerr != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": rerr.Error()})
			return
		}
		var obj map[string]any
		if obj, err = st.controlPatch(id, body); err == nil {
			writeJSON(w, http.StatusOK, obj)
			return
		}
	default:
		w.Header().Set("Allow", "DELETE, PATCH")
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "DELETE or PATCH an object"})
		return
	}
	if errors.Is(err, errNoObject) {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": fmt.Sprintf("%s has no object %q", kind, id)})
		return
	}
	writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
}

type originalURIKey struct{}

// originalURI is the request's path and query as the client sent it, tenant prefix included.
func originalURI(r *http.Request) string {
	if u, ok := r.Context().Value(originalURIKey{}).(string); ok {
		return u
	}
	return r.URL.RequestURI()
}

// RandomHex returns n random bytes as hex.
func RandomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// RandomUUID returns a random version 4 UUID.
func RandomUUID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if v != nil {
		_ = json.NewEncoder(w).Encode(v)
	}
}

// bearer returns the Bearer token of the request, or "".
func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if tok, ok := strings.CutPrefix(h, "Bearer "); ok {
		return strings.TrimSpace(tok)
	}
	return ""
}
