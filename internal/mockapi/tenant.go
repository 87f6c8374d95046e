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
	// AAPToken, AAPUsername, AAPPassword are a gateway superuser's; the AAPOrgAdmin
	// ones authenticate a user who is not a superuser (the gateway refuses it a create).
	AAPToken, AAPUsername, AAPPassword                         string
	AAPOrgAdminToken, AAPOrgAdminUsername, AAPOrgAdminPassword string
}

// DefaultCredentials are the documented demo credentials (README, examples/demo).
func DefaultCredentials() Credentials {
	return Credentials{
		AWXToken: "mock-awx-token", AWXUsername: "admin", AWXPassword: "mock-awx-password",
		LTIaaSAPIKey: "mock-ltiaas-api-key",
		TPPUsername:  "tppadmin", TPPPassword: "mock-tpp-password", TPPClientID: "registrar-admin",
		TimebackToken: "mock-timeback-token", TimebackClientID: "mock-timeback-client", TimebackClientSecret: "mock-timeback-client-secret",
		CronofyAdminAPIKey: "mock-cronofy-admin-key",
		AAPToken:           "mock-aap-token", AAPUsername: "aapadmin", AAPPassword: "mock-aap-password",
		AAPOrgAdminToken: "mock-aap-orgadmin-token", AAPOrgAdminUsername: "orgadmin", AAPOrgAdminPassword: "mock-aap-orgadmin-password",
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
	// (half the JSON), "notjson" (plain text), "omit:<field>" (the JSON without that
	// member; a dotted path reaches into objects, e.g. "oauth_client.client_secret"),
	// "empty" ({}), "null", "secret-truncated" (the JSON with its secret and token
	// members first, cut just after the first one's value, so the body is invalid and
	// its first bytes hold the secret) or "secret-trailing" (that JSON whole, followed
	// by trailing bytes). The status stays the platform's 2xx.
	MalformCreates int    `json:"malform_creates"`
	Malform        string `json:"malform"`
	// MalformTokens corrupts the next N successful token responses (TPP
	// /vedauth/authorize/oauth and /vedauth/authorize/token, Timeback /auth/1.0/token)
	// as MalformToken says, with Malform's modes ("empty" and "null" are a token
	// endpoint answering 2xx with {} or null).
	MalformTokens int    `json:"malform_tokens"`
	MalformToken  string `json:"malform_token"`
	// MalformReads corrupts the next N successful reads of one object (AWX GET
	// applications/<id>/, LTIaaS GET platforms/<id>, TPP GetApplication, Timeback GET
	// applications/1.0/<id> and its /credentials) as MalformRead says: Malform's modes,
	// or "other" (a well-formed answer about another object: another id and name).
	MalformReads int    `json:"malform_reads"`
	MalformRead  string `json:"malform_read"`
	// EndlessNext makes every AWX list page point to a next page, forever: "advance"
	// (next is the following page, past the end with no results) or "self" (next is
	// the page itself). "" is off.
	EndlessNext string `json:"endless_next"`
	// RedirectHTTP answers the next N requests (only those of RedirectMethod, when it
	// is set) with RedirectStatus (307 when 0) and a Location of the same URL with the
	// http scheme on the same host, without processing them: a proxy that downgrades
	// to cleartext.
	RedirectHTTP   int    `json:"redirect_http"`
	RedirectMethod string `json:"redirect_method"`
	RedirectStatus int    `json:"redirect_status"`
	// AWXWithoutOAuth2 makes the AWX applications URLs answer 404, as on every AWX
	// release after 24.6.1 (the OAuth2 provider was removed).
	AWXWithoutOAuth2 bool `json:"awx_without_oauth2"`
	// ControllerGatewayOnly makes /api/controller/v2/ answer 401 to the controller's
	// credentials, as on AAP 2.7 (components accept only gateway credentials).
	ControllerGatewayOnly bool `json:"controller_gateway_only"`
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

// Tenant is one isolated copy of the six platforms.
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
	AAP      *Gateway
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
	t.AAP = newGateway(t)
	t.objects = map[string]controllable{
		"awx/applications": &t.AWX.store, "ltiaas/platforms": &t.LTIaaS.store, "tpp/applications": &t.TPP.store,
		"timeback/applications": &t.Timeback.store, "cronofy/applications": &t.Cronofy.store,
		"aap/applications": &t.AAP.store,
	}
	t.AWX.routes(t.mux)
	t.AWX.meRoutes(t.mux)
	t.LTIaaS.routes(t.mux)
	t.Timeback.routes(t.mux)
	t.Cronofy.routes(t.mux)
	t.AAP.routes(t.mux)
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
		"timeback": t.Timeback.Count(), "cronofy": t.Cronofy.Count(), "aap": t.AAP.Count(),
	}
}

type markKey struct{}

// responseMark is what a platform handler says about the response it wrote, for the
// faults that corrupt particular responses.
type responseMark struct {
	created bool       // a new object was stored (DropCreates, MalformCreates)
	token   bool       // an access token was issued (MalformTokens)
	other   func() any // one object was read; other renders another one (MalformReads)
}

func mark(r *http.Request) *responseMark {
	if m, ok := r.Context().Value(markKey{}).(*responseMark); ok {
		return m
	}
	return &responseMark{}
}

// markCreated is called by a platform handler when it stored a new object, so that
// the DropCreates fault can drop the response.
func markCreated(r *http.Request) { mark(r).created = true }

// markToken is called by a token endpoint that issued a token.
func markToken(r *http.Request) { mark(r).token = true }

// markRead is called by a handler that answered a read of one object; other returns
// the body of a read of another object.
func markRead(r *http.Request, other func() any) { mark(r).other = other }

// decide picks the fault for a request before it reaches the platform.
func (t *Tenant) decide(now time.Time, method string) (fault string, retryAfter int, latency time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	f := &t.faults
	latency = f.Latency
	retryAfter = f.RetryAfter
	if f.RedirectHTTP > 0 && (f.RedirectMethod == "" || strings.EqualFold(f.RedirectMethod, method)) {
		f.RedirectHTTP--
		return "redirect-http", 0, latency
	}
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

// take uses one of a counted fault: it returns the mode and counts down, or "".
func (t *Tenant) take(count *int, mode *string) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if *count > 0 {
		*count--
		return *mode
	}
	return ""
}

// endlessNext is the EndlessNext fault.
func (t *Tenant) endlessNext() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.faults.EndlessNext
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
	case mode == "empty":
		return []byte("{}\n")
	case mode == "null":
		return []byte("null\n")
	case mode == "secret-truncated":
		out, cut := secretFirst(body)
		if cut == 0 {
			cut = len(out) / 2
		}
		return out[:cut]
	case mode == "secret-trailing":
		out, _ := secretFirst(body)
		return append(out, []byte(`{"trailing":"bytes"} <!-- proxy -->`+"\n")...)
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
	fault, retryAfter, latency := t.decide(now, r.Method)
	if latency > 0 {
		// Simulated network and server latency, not synchronisation.
		select {
		case <-time.After(latency):
		case <-r.Context().Done():
		}
	}
	if fault == "redirect-http" {
		rec.Fault = fault
		status := t.Faults().RedirectStatus
		if status == 0 {
			status = http.StatusTemporaryRedirect
		}
		rec.Status = status
		t.record(rec)
		w.Header().Set("Location", "http://"+r.Host+originalURI(r))
		w.WriteHeader(status)
		return
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

	marked := &responseMark{}
	ctx := context.WithValue(r.Context(), markKey{}, marked)
	bw := &bufferedWriter{header: http.Header{}, status: http.StatusOK}
	if strings.HasPrefix(strings.ToLower(r.URL.Path), "/vedsdk/") || strings.HasPrefix(strings.ToLower(r.URL.Path), "/vedauth/") {
		t.TPP.ServeHTTP(bw, r.WithContext(ctx))
	} else {
		t.mux.ServeHTTP(bw, r.WithContext(ctx))
	}
	rec.Status = bw.status
	created := marked.created
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
	mode := ""
	switch {
	case created:
		mode = t.take(&t.faults.MalformCreates, &t.faults.Malform)
	case marked.token:
		mode = t.take(&t.faults.MalformTokens, &t.faults.MalformToken)
	case marked.other != nil:
		mode = t.take(&t.faults.MalformReads, &t.faults.MalformRead)
	}
	if mode != "" {
		rec.Fault = "malform:" + mode
		if mode == "other" && marked.other != nil {
			body, _ = json.Marshal(marked.other())
		} else {
			body = malform(mode, body, bw.header)
		}
		bw.header.Del("Content-Length")
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
