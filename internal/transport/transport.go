// Package transport is the one HTTP client every platform package uses: retries
// (go-retryablehttp) with a policy that never resends a create blindly, backoff
// that honours Retry-After under a cap, an optional token-bucket rate limit,
// structured tflog logging with secrets masked, and a typed APIError.
package transport

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/time/rate"
)

// Settings are the provider's top-level transport settings, shared by every platform.
type Settings struct {
	MaxRetries int
	// RetryMinWait is the first backoff step (doubled on each retry, up to RetryMaxWait);
	// zero means one second.
	RetryMinWait      time.Duration
	RetryMaxWait      time.Duration
	RequestsPerSecond float64
	RequestTimeout    time.Duration
	UserAgent         string
}

// DefaultSettings mirrors the provider schema's defaults.
func DefaultSettings() Settings {
	return Settings{MaxRetries: 6, RetryMinWait: time.Second, RetryMaxWait: 30 * time.Second, RequestTimeout: 60 * time.Second, UserAgent: "terraform-provider-registrar/dev"}
}

// Authenticator adds credentials to an outgoing request.
type Authenticator func(ctx context.Context, req *http.Request) error

// Bearer authenticates every request with the bearer token.
func Bearer(token string) Authenticator {
	return func(_ context.Context, r *http.Request) error {
		r.Header.Set("Authorization", "Bearer "+token)
		return nil
	}
}

// Basic authenticates every request with HTTP Basic username and password.
func Basic(username, password string) Authenticator {
	return func(_ context.Context, r *http.Request) error {
		r.SetBasicAuth(username, password)
		return nil
	}
}

// Options are the per-platform parts of a client.
type Options struct {
	// Platform names the platform in logs and errors ("AWX", "LTIaaS", ...).
	Platform string
	// BaseURL is the scheme, host and optional path prefix every request path is joined to.
	BaseURL string
	// Auth adds credentials; nil sends none.
	Auth Authenticator
	// Secrets are credential strings masked in every log line this client writes.
	Secrets []string
	// InsecureSkipVerify disables TLS verification (only when the user asks for it).
	InsecureSkipVerify bool
	// ErrorMessage extracts the platform's own message from an error body.
	ErrorMessage func(status int, body []byte) string
	// DialContext replaces the dialer (tests route hosts to a local server with it).
	DialContext func(ctx context.Context, network, addr string) (net.Conn, error)
}

// Client sends requests to one platform.
type Client struct {
	opts     Options
	base     *url.URL
	settings Settings
	hc       *http.Client
	limiter  *rate.Limiter
	// secretForms are the credentials of Options.Secrets in every form a server may
	// echo them (see secretForms), longest first.
	secretForms []string
	// lastAuth remembers the forms of the last Authorization header sent: it is the
	// same on almost every request, and computing its forms is most of the
	// allocations a request makes.
	lastAuth atomic.Pointer[authForms]
}

// authForms are the secretForms of one Authorization header value.
type authForms struct {
	header string
	forms  []string
}

// authHeaderForms returns the secretForms of the credential in an Authorization
// header value, computed once per distinct value in a row. The slice is shared:
// callers only read it.
func (c *Client) authHeaderForms(header string) []string {
	if last := c.lastAuth.Load(); last != nil && last.header == header {
		return last.forms
	}
	f := secretForms(credentialOf(header)...)
	c.lastAuth.Store(&authForms{header: header, forms: f})
	return f
}

// New builds a client with keep-alive connections, the retry policy and the rate limit.
func New(s Settings, o Options) (*Client, error) {
	base, err := url.Parse(strings.TrimRight(o.BaseURL, "/"))
	if err != nil || base.Scheme == "" || base.Host == "" {
		return nil, fmt.Errorf("%s base URL %q is not an absolute URL", o.Platform, o.BaseURL)
	}
	if base.Scheme != "http" && base.Scheme != "https" {
		return nil, fmt.Errorf("%s base URL %q must use http or https", o.Platform, o.BaseURL)
	}
	if s.RetryMinWait <= 0 {
		s.RetryMinWait = time.Second
	}
	if s.RetryMaxWait <= 0 {
		s.RetryMaxWait = 30 * time.Second
	}
	if s.RetryMinWait > s.RetryMaxWait {
		s.RetryMinWait = s.RetryMaxWait
	}
	c := &Client{opts: o, base: base, settings: s, secretForms: secretForms(o.Secrets...)}

	tr := cleanhttp.DefaultPooledTransport()
	if o.InsecureSkipVerify {
		tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // the user asked for it
	}
	if o.DialContext != nil {
		tr.DialContext = o.DialContext
	}
	var rt http.RoundTripper = tr
	if s.RequestsPerSecond > 0 {
		c.limiter = rate.NewLimiter(rate.Limit(s.RequestsPerSecond), 1)
		rt = &limitedTransport{next: tr, limiter: c.limiter}
	}
	c.hc = &http.Client{Transport: rt, Timeout: s.RequestTimeout, CheckRedirect: sameOriginRedirects}
	return c, nil
}

// retrying builds the retrying client of one logical request: its backoff logs each
// retry with the request's context (method, path, status, attempt, wait, reason).
func (c *Client) retrying(st *attemptState) *retryablehttp.Client {
	return &retryablehttp.Client{
		HTTPClient:   c.hc,
		Logger:       nil,
		RetryWaitMin: c.settings.RetryMinWait,
		RetryWaitMax: c.settings.RetryMaxWait,
		RetryMax:     c.settings.MaxRetries,
		CheckRetry:   CheckRetry,
		Backoff: func(minWait, maxWait time.Duration, attemptNum int, resp *http.Response) time.Duration {
			d := Backoff(minWait, maxWait, attemptNum, resp)
			st.waited += d
			logRetry(st.ctx, c.opts.Platform, st, d, c.settings.MaxRetries+1)
			return d
		},
		RequestLogHook: c.beforeAttempt,
		ErrorHandler:   retryablehttp.PassthroughErrorHandler,
	}
}

// BaseURL returns the base URL the client joins paths to.
func (c *Client) BaseURL() string { return c.base.String() }

// Platform returns the platform's display name.
func (c *Client) Platform() string { return c.opts.Platform }

// sameOriginRedirects follows a redirect only within the origin of the first request:
// the same scheme, host and effective port (a missing port is the scheme's default).
// Credentials and request bodies never go to another host, and an https request is
// never sent again over http, where the Authorization header and the body would
// travel in clear text (a TLS-terminating proxy in front of a server that builds
// http:// locations is a common way to get such a redirect).
func sameOriginRedirects(req *http.Request, via []*http.Request) error {
	if len(via) >= 5 {
		return fmt.Errorf("%w: stopped after 5 redirects", ErrRedirect)
	}
	from, to := via[0].URL, req.URL
	if from.Scheme != to.Scheme || !strings.EqualFold(from.Hostname(), to.Hostname()) || effectivePort(from) != effectivePort(to) {
		why := "credentials and request bodies are only sent to the configured host"
		if from.Scheme == "https" && to.Scheme != "https" {
			why = "following it would send the credentials and the request body unencrypted"
		}
		return fmt.Errorf("%w: the server redirected from %s to %s (%s); set base_url to the URL that answers without a redirect",
			ErrRedirect, origin(from), Clean(origin(to), 120), why)
	}
	return nil
}

// effectivePort is the URL's port, or its scheme's default port.
func effectivePort(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch u.Scheme {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}

// origin writes scheme://host:port with the effective port.
func origin(u *url.URL) string {
	return u.Scheme + "://" + net.JoinHostPort(u.Hostname(), effectivePort(u))
}

type limitedTransport struct {
	next    http.RoundTripper
	limiter *rate.Limiter
}

func (t *limitedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := t.limiter.Wait(req.Context()); err != nil {
		return nil, err
	}
	return t.next.RoundTrip(req)
}

// Request is one call to the platform.
type Request struct {
	Method string
	Path   string // joined to the base URL
	Query  url.Values
	// Body is encoded as JSON unless Form is set.
	Body any
	// Form sends an application/x-www-form-urlencoded body.
	Form url.Values
	// DuplicateSafe marks a POST that the platform cannot turn into a second object
	// (a unique key makes a resend fail as a conflict instead); such a POST is also
	// retried on 502 and 504, where a gateway may have passed the first attempt on.
	DuplicateSafe bool
	// NoAuth skips the client's Authenticator (token exchanges set their own header).
	NoAuth bool
	// Header adds request headers.
	Header http.Header
}

// Response is a completed call with a 2xx status.
type Response struct {
	Status   int
	Header   http.Header
	Body     []byte
	Attempts int
	// Resent503 is how many earlier attempts of this request were answered 503 and
	// sent again. For a create without a unique key, a server that stored the object
	// and still answered 503 has then registered it more than once: callers warn.
	Resent503 int

	// platform, method and path name the call in a WrongObjectError.
	platform, method, path string
}

// Decode unmarshals the body as JSON into out. The error never quotes the body: a
// 2xx body may hold a secret the platform just issued (see CONTRIBUTING.md, "Secrets").
func (r *Response) Decode(out any) error {
	if err := json.Unmarshal(r.Body, out); err != nil {
		return &DecodeError{Status: r.Status, Size: len(r.Body), Err: err}
	}
	return nil
}

// Invalid returns the DecodeError for a body that decoded but does not hold what
// the API documents; reason names what is missing ("the response has no id") and
// must not quote the body.
func (r *Response) Invalid(reason string) *DecodeError {
	return &DecodeError{Status: r.Status, Size: len(r.Body), Reason: reason}
}

// DecodeCreated decodes the answer to a create: a body (null included) without the
// new object's id (idOf, "" for none; field names it in the error) is refused.
func DecodeCreated[T any](r *Response, field string, idOf func(*T) string) (*T, error) {
	var v T
	if err := r.Decode(&v); err != nil {
		return nil, err
	}
	if idOf(&v) == "" {
		return nil, r.Invalid("the response has no " + field)
	}
	return &v, nil
}

// WrongObject returns the WrongObjectError for an answer about the object with id
// want that describes another one (got, "" for none).
func (r *Response) WrongObject(want, got string) *WrongObjectError {
	return &WrongObjectError{Platform: r.platform, Method: r.method, Path: r.path, Want: want, Got: got}
}

// DecodeObject decodes the answer to a request about the object with id want and
// checks that it describes that object: an empty body ({} or null), one whose id
// (idOf, "" for none) is missing or another is a *WrongObjectError, so that it never
// replaces what the state knows.
func DecodeObject[T any](r *Response, want string, idOf func(*T) string) (*T, error) {
	var v *T
	if err := r.Decode(&v); err != nil {
		return nil, err
	}
	got := ""
	if v != nil {
		got = idOf(v)
	}
	if v == nil || got != want {
		return nil, r.WrongObject(want, got)
	}
	return v, nil
}

// DecodeError is a 2xx response whose body is not what the API documents. Its text
// describes what is wrong without quoting a byte of the body: the platform may have
// carried the request out (MaybeApplied is true), and the body of a create may hold
// the secret it issued.
type DecodeError struct {
	Status int
	// Size is the body's length in bytes.
	Size int
	// Reason is a caller's description of what the decoded body lacks; when empty,
	// Err (the JSON decoder's error) is described instead.
	Reason string
	Err    error
}

func (e *DecodeError) Error() string {
	why := e.Reason
	if why == "" {
		why = describeJSONError(e.Err)
	}
	return fmt.Sprintf("the response (HTTP %d, %d bytes) is not what the API documents: %s (its content is not shown: it may hold a secret)", e.Status, e.Size, why)
}

func (e *DecodeError) Unwrap() error { return e.Err }

// describeJSONError says what the JSON decoder found wrong without its own text,
// which quotes characters and numbers from the input.
func describeJSONError(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case err == nil:
		return "the body is not the documented JSON"
	case errors.As(err, &se):
		return fmt.Sprintf("not valid JSON (syntax error at byte %d)", se.Offset)
	case errors.As(err, &te):
		kind, _, _ := strings.Cut(te.Value, " ")
		return fmt.Sprintf("a JSON %s where the API documents a %s", kind, te.Type)
	case errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected end of JSON input"):
		return "the JSON ends early (truncated)"
	}
	return "the body is not the documented JSON"
}

// Do sends the request with retries and returns the response, an *APIError for a
// status of 400 or more, or a transport error (*RequestError).
func (c *Client) Do(ctx context.Context, r Request) (*Response, error) {
	u := *c.base
	u.Path = strings.TrimRight(c.base.Path, "/") + "/" + strings.TrimLeft(r.Path, "/")
	if r.Query != nil {
		u.RawQuery = r.Query.Encode()
	}
	var body []byte
	contentType := ""
	switch {
	case r.Form != nil:
		body = []byte(r.Form.Encode())
		contentType = "application/x-www-form-urlencoded"
	case r.Body != nil:
		b, err := json.Marshal(r.Body)
		if err != nil {
			return nil, fmt.Errorf("encoding %s %s: %w", r.Method, r.Path, err)
		}
		body = b
		contentType = "application/json"
	}

	if !idempotent(r.Method) {
		// A create or update must run to completion once started, so that what the
		// platform did is recorded in state: Terraform's stop (the first Ctrl-C or
		// SIGINT) cancels ctx, and abandoning a sent POST would lose the object it
		// created and its one-time secret. The deadline (the resource's timeout) still holds.
		shielded := context.WithoutCancel(ctx)
		if dl, ok := ctx.Deadline(); ok {
			var cancel context.CancelFunc
			shielded, cancel = context.WithDeadline(shielded, dl)
			defer cancel()
		}
		ctx = shielded
	}
	st := &attemptState{method: r.Method, path: u.Path, duplicateSafe: r.DuplicateSafe}
	ctx = withAttemptState(ctx, st)
	ctx = c.mask(ctx)
	st.ctx = ctx

	var rdr io.Reader
	if body != nil {
		rdr = bytes.NewReader(body)
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, r.Method, u.String(), rdr)
	if err != nil {
		return nil, fmt.Errorf("building %s %s: %w", r.Method, r.Path, err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.settings.UserAgent)
	for k, vs := range r.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if c.opts.Auth != nil && !r.NoAuth {
		if err := c.opts.Auth(ctx, req.Request); err != nil {
			return nil, err
		}
	}
	// The credential of this request (a token fetched at run time, a Basic pair) is
	// masked like the configured secrets, in logs and in errors.
	extra := c.authHeaderForms(req.Header.Get("Authorization"))
	if len(extra) > 0 {
		ctx = maskContext(ctx, extra)
		st.ctx = ctx
		req.Request = req.Request.WithContext(ctx)
	}

	start := time.Now()
	resp, err := c.retrying(st).Do(req)
	logDone(ctx, c.opts.Platform, st, resp, err, time.Since(start))
	if err != nil {
		msg := err.Error()
		var uerr *url.Error
		if errors.As(err, &uerr) {
			msg = uerr.Err.Error() // without the URL and method, which the RequestError names
		}
		return nil, &RequestError{Platform: c.opts.Platform, Method: r.Method, Path: u.Path, Attempts: st.attempt, Wrote: st.wrote.Load(), Err: redactedError{err: err, text: c.redact(msg, extra)}}
	}
	defer func() { _ = resp.Body.Close() }()
	data, rerr := io.ReadAll(io.LimitReader(resp.Body, 10<<20))
	if rerr != nil {
		return nil, &RequestError{Platform: c.opts.Platform, Method: r.Method, Path: u.Path, Attempts: st.attempt, Wrote: true, Err: fmt.Errorf("reading the response: %w", rerr)}
	}
	if resp.StatusCode >= 400 {
		redacted := c.redact(string(data), extra)
		ae := &APIError{Platform: c.opts.Platform, Method: r.Method, Path: u.Path, Status: resp.StatusCode, Body: []byte(redacted), Attempts: st.attempt}
		if c.opts.ErrorMessage != nil {
			ae.Message = Clean(c.redact(c.opts.ErrorMessage(resp.StatusCode, data), extra), maxMessageRunes)
		}
		if ae.Message == "" {
			ae.Message = genericMessage(resp.Header.Get("Content-Type"), []byte(redacted))
		}
		return nil, ae
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: data, Attempts: st.attempt, Resent503: st.resent503,
		platform: c.opts.Platform, method: r.Method, path: r.Path}, nil
}

// maxMessageRunes bounds a platform's own error message in an error.
const maxMessageRunes = 500

// Clean makes text a server sent fit for an error or a diagnostic: invalid UTF-8
// replaced, surrounding space trimmed, and cut (rune-safe, marked with "…") after n
// runes. Redact before cleaning, so a cut never leaves part of a secret behind.
func Clean(s string, n int) string {
	s = strings.TrimSpace(strings.ToValidUTF8(s, "\uFFFD"))
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// secretFields matches JSON members whose values are secrets; the value may hold
// escaped quotes.
var secretFields = regexp.MustCompile(`(?i)("(?:client_?secret|secret|password|token|access_?token|refresh_?token|api_?key|admin_api_key)"\s*:\s*)"(?:[^"\\]|\\.)*"`)

// redact removes credentials and secret-named JSON values from text the platform
// sent back (an error body may echo what it was sent), so no diagnostic repeats
// them. extra holds the forms of the request's own credential.
func (c *Client) redact(s string, extra []string) string {
	s = secretFields.ReplaceAllString(s, `$1"***"`)
	return replaceForms(replaceForms(s, extra), c.secretForms)
}

func replaceForms(s string, forms []string) string {
	for _, f := range forms {
		s = strings.ReplaceAll(s, f, "***")
	}
	return s
}

// Redact removes the client's credentials, in every form secretForms knows, and
// secret-named JSON values from s: for text from a server that did not come through
// Do's error path.
func (c *Client) Redact(s string) string { return c.redact(s, nil) }

// credentialOf returns the credential parts of an Authorization header value: the
// whole value, the token after the scheme, and for Basic the decoded user:password
// pair and the password.
func credentialOf(authorization string) []string {
	if authorization == "" {
		return nil
	}
	out := []string{authorization}
	scheme, cred, ok := strings.Cut(authorization, " ")
	if !ok {
		return out
	}
	out = append(out, cred)
	if strings.EqualFold(scheme, "Basic") {
		if dec, err := base64.StdEncoding.DecodeString(cred); err == nil {
			out = append(out, string(dec))
			if _, pass, ok := strings.Cut(string(dec), ":"); ok {
				out = append(out, pass)
			}
		}
	}
	return out
}

// minSecretLen is the shortest string treated as a secret: shorter ones would
// mask ordinary words and digits.
const minSecretLen = 4

// secretForms returns each secret as a server may echo it: raw, JSON-escaped (with
// and without HTML escaping, with escaped slashes, and escaped twice, as in a JSON
// body quoted inside a JSON string), URL-encoded (query and path) and
// base64-encoded (standard and URL alphabets, padded or not), longest first so a
// longer form is replaced before a shorter one inside it.
func secretForms(secrets ...string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(f string) {
		if len(f) >= minSecretLen && !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	for _, s := range secrets {
		if len(s) < minSecretLen {
			continue
		}
		add(s)
		for _, j := range jsonForms(s) {
			add(j)
			for _, jj := range jsonForms(j) {
				add(jj)
			}
		}
		add(url.QueryEscape(s))
		add(url.PathEscape(s))
		add(strings.ReplaceAll(url.QueryEscape(s), "+", "%20"))
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
			add(enc.EncodeToString([]byte(s)))
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// jsonForms returns s as it appears inside a JSON string, as encoders write it.
func jsonForms(s string) []string {
	var out []string
	for _, html := range []bool{true, false} {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(html)
		if enc.Encode(s) != nil {
			continue
		}
		q := strings.TrimSuffix(b.String(), "\n")
		q = q[1 : len(q)-1]
		out = append(out, q, strings.ReplaceAll(q, "/", `\/`))
	}
	return out
}

// redactedError keeps an error's chain (errors.As still finds a *net.DNSError or a
// TLS error) but prints its redacted text.
type redactedError struct {
	err  error
	text string
}

func (e redactedError) Error() string { return e.text }
func (e redactedError) Unwrap() error { return e.err }

// genericMessage is used when the platform's own error shape did not match; body
// is already redacted.
func genericMessage(contentType string, body []byte) string {
	if strings.Contains(contentType, "html") || bytes.HasPrefix(bytes.TrimSpace(body), []byte("<")) {
		return "the server answered with an HTML page instead of the API's JSON (a proxy or gateway error?)"
	}
	s := Clean(string(body), 80)
	if s == "" {
		return "(no message in the response body)"
	}
	return s
}

// RequestError is a request that got no HTTP answer (connection refused, reset,
// timeout, TLS failure), after any retries.
type RequestError struct {
	Platform string
	Method   string
	Path     string
	Attempts int
	// Wrote tells whether the last attempt's request reached the wire: when it did,
	// the platform may have acted on it even though no answer came back.
	Wrote bool
	Err   error
}

func (e *RequestError) Error() string {
	msg := e.Err.Error()
	if uerr, ok := e.Err.(*url.Error); ok {
		msg = uerr.Err.Error()
	}
	msg = Clean(msg, maxMessageRunes)
	if strings.Contains(msg, "x509:") || strings.Contains(msg, "tls:") {
		msg += " (the server's TLS certificate is not trusted: add the CA that issued it to this machine's trust store, or use the host name the certificate names; for a test AWX instance, the awx block's insecure_skip_verify turns verification off)"
	}
	return fmt.Sprintf("%s %s %s: no response after %d attempt(s): %s", e.Platform, e.Method, e.Path, e.Attempts, msg)
}

func (e *RequestError) Unwrap() error { return e.Err }

// APIError is an HTTP answer with a status of 400 or more.
type APIError struct {
	Platform string
	Method   string
	Path     string
	Status   int
	Body     []byte
	// Message is the platform's own error message, decoded from Body.
	Message  string
	Attempts int
}

func (e *APIError) Error() string {
	return fmt.Sprintf("%s %s %s: HTTP %d %s: %s", e.Platform, e.Method, e.Path, e.Status, http.StatusText(e.Status), e.Message)
}

// StatusOf returns the HTTP status of an *APIError, or 0.
func StatusOf(err error) int {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Status
	}
	return 0
}

// IsNotFound reports an HTTP 404 answer.
func IsNotFound(err error) bool { return StatusOf(err) == http.StatusNotFound }

// MaybeApplied reports whether a failed request may still have been carried out by
// the platform: no answer came after the request was written, a gateway error, or a
// success status whose body could not be read.
func MaybeApplied(err error) bool {
	if IsAuthFailure(err) || errors.Is(err, ErrRedirect) {
		// Nothing was sent to the API: the credentials were refused or never obtained,
		// or the request stopped at a redirect it was not allowed to follow.
		return false
	}
	var re *RequestError
	if errors.As(err, &re) {
		return re.Wrote
	}
	var de *DecodeError
	if errors.As(err, &de) {
		return true
	}
	switch StatusOf(err) {
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}
