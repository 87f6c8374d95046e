package mockapi

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Credentials are what each fake platform accepts.
type Credentials struct {
	AWXToken, AWXUsername, AWXPassword string
	LTIaaSAPIKey                       string
	TPPUsername, TPPPassword           string
	TPPClientID                        string
	TimebackToken                      string
	TimebackClientID                   string
	TimebackClientSecret               string
	CronofyAdminAPIKey                 string
}

// DefaultCredentials are the documented demo credentials (README, examples/demo).
func DefaultCredentials() Credentials {
	return Credentials{
		AWXToken: "mock-awx-token", AWXUsername: "admin", AWXPassword: "mock-awx-password",
		LTIaaSAPIKey: "mock-ltiaas-api-key",
		TPPUsername:  "tppadmin", TPPPassword: "mock-tpp-password", TPPClientID: "registrar-admin",
		TimebackToken: "mock-timeback-token", TimebackClientID: "mock-timeback-client", TimebackClientSecret: "mock-timeback-client-secret",
		CronofyAdminAPIKey: "mock-cronofy-admin-key",
	}
}

// Faults are injected before a request reaches the platform, except DropCreates
// which lets the platform store the object and then drops the response.
type Faults struct {
	// Latency is added to every request.
	Latency time.Duration `json:"latency"`
	// Rate429 and Rate503 are probabilities (0..1) of answering 429 or 503 without
	// processing the request.
	Rate429 float64 `json:"rate_429"`
	Rate503 float64 `json:"rate_503"`
	// Next429 and Next503 answer the next N requests with 429 or 503.
	Next429 int `json:"next_429"`
	Next503 int `json:"next_503"`
	// RetryAfter is the Retry-After header, in seconds, sent with a 429 or 503 (0: none).
	RetryAfter int `json:"retry_after"`
	// MaxRPS answers 429 (with Retry-After: 1) to requests beyond this rate (0: no limit).
	MaxRPS float64 `json:"max_rps"`
	// DropCreates drops the response of the next N creates after the object was stored.
	DropCreates int `json:"drop_creates"`
	// MalformCreates corrupts the response of the next N creates after the object was
	// stored, as Malform says: "html" (a proxy's HTML error page, HTTP 200), "truncated"
	// (half the JSON), "notjson" (plain text), or "omit:<field>" (the JSON without that
	// member; a dotted path reaches into objects, e.g. "oauth_client.client_secret").
	MalformCreates int    `json:"malform_creates"`
	Malform        string `json:"malform"`
	// Seed makes the random faults repeatable (0: a fixed default).
	Seed uint64 `json:"seed"`
}

// RequestRecord is one request the tenant received.
type RequestRecord struct {
	Time   time.Time `json:"time"`
	Method string    `json:"method"`
	Path   string    `json:"path"`
	Status int       `json:"status"`
	// Fault names an injected fault ("429", "503", "drop", "rate").
	Fault string `json:"fault,omitempty"`
}

// Tenant is one isolated copy of the five platforms.
type Tenant struct {
	Name  string
	Creds Credentials

	server *Server
	mu     sync.Mutex
	faults Faults
	rng    *rand.Rand
	log    []RequestRecord
	// token bucket for MaxRPS
	tokens   float64
	lastFill time.Time

	onRecord func(RequestRecord)

	mux      *http.ServeMux
	AWX      *AWX
	LTIaaS   *LTIaaS
	TPP      *TPP
	Timeback *Timeback
	Cronofy  *Cronofy
	// objects are the stores the /_mock API can edit, by ControlKinds.
	objects map[string]controllable
}

func newTenant(s *Server, name string, creds Credentials) *Tenant {
	t := &Tenant{Name: name, Creds: creds, server: s, mux: http.NewServeMux(), rng: rand.New(rand.NewPCG(1, 2))}
	t.AWX = newAWX(t)
	t.LTIaaS = newLTIaaS(t)
	t.TPP = newTPP(t)
	t.Timeback = newTimeback(t)
	t.Cronofy = newCronofy(t)
	t.objects = map[string]controllable{
		"awx/applications": &t.AWX.store, "ltiaas/platforms": &t.LTIaaS.store, "tpp/applications": &t.TPP.store,
		"timeback/applications": &t.Timeback.store, "cronofy/applications": &t.Cronofy.store,
	}
	t.AWX.routes(t.mux)
	t.LTIaaS.routes(t.mux)
	t.Timeback.routes(t.mux)
	t.Cronofy.routes(t.mux)
	return t
}

// URL is the tenant's base URL: the server URL plus /t/<name>.
func (t *Tenant) URL() string { return t.server.url + "/t/" + t.Name }

// SetFaults replaces the tenant's faults.
func (t *Tenant) SetFaults(f Faults) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.faults = f
	seed := f.Seed
	if seed == 0 {
		seed = 42
	}
	t.rng = rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	t.tokens = f.MaxRPS
	t.lastFill = time.Now()
}

// Faults returns the tenant's current faults.
func (t *Tenant) Faults() Faults {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.faults
}

// Requests returns a copy of the request log.
func (t *Tenant) Requests() []RequestRecord {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]RequestRecord(nil), t.log...)
}

// Counts returns how many objects each platform holds.
func (t *Tenant) Counts() map[string]int {
	return map[string]int{
		"awx": t.AWX.Count(), "ltiaas": t.LTIaaS.Count(), "tpp": t.TPP.Count(),
		"timeback": t.Timeback.Count(), "cronofy": t.Cronofy.Count(),
	}
}

type createdKey struct{}

// markCreated is called by a platform handler when it stored a new object, so that
// the DropCreates fault can drop the response.
func markCreated(r *http.Request) {
	if f, ok := r.Context().Value(createdKey{}).(*bool); ok {
		*f = true
	}
}

// decide picks the fault for a request before it reaches the platform.
func (t *Tenant) decide(now time.Time) (fault string, retryAfter int, latency time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	f := &t.faults
	latency = f.Latency
	retryAfter = f.RetryAfter
	if f.MaxRPS > 0 {
		t.tokens += now.Sub(t.lastFill).Seconds() * f.MaxRPS
		t.lastFill = now
		if t.tokens > f.MaxRPS {
			t.tokens = f.MaxRPS
		}
		if t.tokens < 1 {
			return "rate", 1, latency
		}
		t.tokens--
	}
	switch {
	case f.Next429 > 0:
		f.Next429--
		return "429", retryAfter, latency
	case f.Next503 > 0:
		f.Next503--
		return "503", retryAfter, latency
	}
	if f.Rate429 > 0 || f.Rate503 > 0 {
		x := t.rng.Float64()
		if x < f.Rate429 {
			return "429", retryAfter, latency
		}
		if x < f.Rate429+f.Rate503 {
			return "503", retryAfter, latency
		}
	}
	return "", 0, latency
}

func (t *Tenant) takeDrop() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.faults.DropCreates > 0 {
		t.faults.DropCreates--
		return true
	}
	return false
}

func (t *Tenant) takeMalform() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.faults.MalformCreates > 0 {
		t.faults.MalformCreates--
		return t.faults.Malform
	}
	return ""
}

// malform rewrites a response body as the Malform fault says.
func malform(mode string, body []byte, header http.Header) []byte {
	switch {
	case mode == "html":
		header.Set("Content-Type", "text/html")
		return []byte("<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>\n")
	case mode == "truncated":
		return body[:len(body)/2]
	case mode == "notjson":
		header.Set("Content-Type", "text/plain")
		return []byte("OK\n")
	case strings.HasPrefix(mode, "omit:"):
		var m map[string]any
		if json.Unmarshal(body, &m) != nil {
			return body
		}
		parts := strings.Split(strings.TrimPrefix(mode, "omit:"), ".")
		cur := m
		for _, p := range parts[:len(parts)-1] {
			next, ok := cur[p].(map[string]any)
			if !ok {
				return body
			}
			cur = next
		}
		delete(cur, parts[len(parts)-1])
		out, _ := json.Marshal(m)
		return out
	}
	return body
}

func (t *Tenant) record(rec RequestRecord) {
	t.mu.Lock()
	t.log = append(t.log, rec)
	hook := t.onRecord
	t.mu.Unlock()
	if hook != nil {
		hook(rec)
	}
}

// OnRequest registers a function called after each request is answered (tests use
// it to act at a precise point, such as interrupting an apply after N creates).
func (t *Tenant) OnRequest(f func(RequestRecord)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.onRecord = f
}

func (t *Tenant) serve(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	rec := RequestRecord{Time: now, Method: r.Method, Path: r.URL.Path}
	fault, retryAfter, latency := t.decide(now)
	if latency > 0 {
		// Simulated network and server latency, not synchronisation.
		select {
		case <-time.After(latency):
		case <-r.Context().Done():
		}
	}
	if fault != "" {
		rec.Fault = fault
		status := http.StatusTooManyRequests
		if fault == "503" {
			status = http.StatusServiceUnavailable
		}
		rec.Status = status
		t.record(rec)
		if retryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		}
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(http.StatusText(status) + "\n"))
		return
	}

	created := false
	ctx := context.WithValue(r.Context(), createdKey{}, &created)
	bw := &bufferedWriter{header: http.Header{}, status: http.StatusOK}
	if strings.HasPrefix(strings.ToLower(r.URL.Path), "/vedsdk/") || strings.HasPrefix(strings.ToLower(r.URL.Path), "/vedauth/") {
		t.TPP.ServeHTTP(bw, r.WithContext(ctx))
	} else {
		t.mux.ServeHTTP(bw, r.WithContext(ctx))
	}
	rec.Status = bw.status
	if created && t.takeDrop() {
		rec.Fault = "drop"
		t.record(rec)
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler) // closes the connection without a response
	}
	body := bw.buf.Bytes()
	if created {
		if mode := t.takeMalform(); mode != "" {
			rec.Fault = "malform:" + mode
			body = malform(mode, body, bw.header)
			bw.header.Del("Content-Length")
		}
	}
	t.record(rec)
	for k, v := range bw.header {
		w.Header()[k] = v
	}
	w.WriteHeader(bw.status)
	_, _ = w.Write(body)
}

type bufferedWriter struct {
	header http.Header
	status int
	buf    bytes.Buffer
	wrote  bool
}

func (b *bufferedWriter) Header() http.Header { return b.header }
func (b *bufferedWriter) WriteHeader(s int) {
	if !b.wrote {
		b.status, b.wrote = s, true
	}
}
func (b *bufferedWriter) Write(p []byte) (int, error) {
	b.wrote = true
	return b.buf.Write(p)
}
