// Package transport is the one HTTP client every platform package uses: retries
// (go-retryablehttp) with a policy that never resends a create blindly, backoff
// that honours Retry-After under a cap, an optional token-bucket rate limit,
// structured tflog logging with secrets masked, and a typed APIError.
package transport

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/time/rate"
)

// Settings are the provider's top-level transport settings, shared by every platform.
type Settings struct {
	MaxRetries        int
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
	// RetryWaitMin is the first backoff step; zero means 250 ms.
	RetryWaitMin time.Duration
}

// Client sends requests to one platform.
type Client struct {
	opts     Options
	base     *url.URL
	settings Settings
	http     *retryablehttp.Client
	limiter  *rate.Limiter
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
	if o.RetryWaitMin == 0 {
		o.RetryWaitMin = 250 * time.Millisecond
	}
	if s.RetryMaxWait <= 0 {
		s.RetryMaxWait = 30 * time.Second
	}
	c := &Client{opts: o, base: base, settings: s}

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
	hc := &http.Client{Transport: rt, Timeout: s.RequestTimeout, CheckRedirect: sameHostRedirects}

	c.http = &retryablehttp.Client{
		HTTPClient:     hc,
		Logger:         nil,
		RetryWaitMin:   o.RetryWaitMin,
		RetryWaitMax:   s.RetryMaxWait,
		RetryMax:       s.MaxRetries,
		CheckRetry:     CheckRetry,
		Backoff:        Backoff,
		RequestLogHook: c.beforeAttempt,
		ErrorHandler:   retryablehttp.PassthroughErrorHandler,
	}
	return c, nil
}

// BaseURL returns the base URL the client joins paths to.
func (c *Client) BaseURL() string { return c.base.String() }

// Platform returns the platform's display name.
func (c *Client) Platform() string { return c.opts.Platform }

// sameHostRedirects follows redirects on the same host only: credentials never go elsewhere.
func sameHostRedirects(req *http.Request, via []*http.Request) error {
	if len(via) >= 5 {
		return errors.New("stopped after 5 redirects")
	}
	if req.URL.Host != via[0].URL.Host {
		return fmt.Errorf("%w: from %s to %s (credentials are only sent to the configured host; set base_url to the host that answers)", ErrRedirect, via[0].URL.Host, req.URL.Host)
	}
	return nil
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
}

// Decode unmarshals the body as JSON into out.
func (r *Response) Decode(out any) error {
	if err := json.Unmarshal(r.Body, out); err != nil {
		return &DecodeError{Status: r.Status, Err: err, Snippet: snippet(r.Body)}
	}
	return nil
}

// DecodeError is a 2xx response whose body is not what the API documents.
type DecodeError struct {
	Status  int
	Err     error
	Snippet string
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("the response (HTTP %d) is not the JSON the API documents: %v (body starts %q)", e.Status, e.Err, e.Snippet)
}

func snippet(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
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
	st := &attemptState{method: r.Method, duplicateSafe: r.DuplicateSafe}
	ctx = withAttemptState(ctx, st)
	ctx = maskContext(ctx, c.opts.Secrets)

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

	start := time.Now()
	resp, err := c.http.Do(req)
	logDone(ctx, c.opts.Platform, r.Method, u.Path, resp, err, st.attempt, time.Since(start))
	if err != nil {
		return nil, &RequestError{Platform: c.opts.Platform, Method: r.Method, Path: u.Path, Attempts: st.attempt, Wrote: st.wrote.Load(), Err: err}
	}
	defer func() { _ = resp.Body.Close() }()
	data, rerr := io.ReadAll(io.LimitReader(resp.Body, 10<<20))
	if rerr != nil {
		return nil, &RequestError{Platform: c.opts.Platform, Method: r.Method, Path: u.Path, Attempts: st.attempt, Wrote: true, Err: fmt.Errorf("reading the response: %w", rerr)}
	}
	if resp.StatusCode >= 400 {
		ae := &APIError{Platform: c.opts.Platform, Method: r.Method, Path: u.Path, Status: resp.StatusCode, Body: data, Attempts: st.attempt}
		if c.opts.ErrorMessage != nil {
			ae.Message = c.opts.ErrorMessage(resp.StatusCode, data)
		}
		if ae.Message == "" {
			ae.Message = genericMessage(resp.Header.Get("Content-Type"), data)
		}
		ae.Message = c.redact(ae.Message, req.Header.Get("Authorization"))
		ae.Body = []byte(c.redact(string(ae.Body), req.Header.Get("Authorization")))
		return nil, ae
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: data, Attempts: st.attempt}, nil
}

// secretFields matches JSON members whose values are secrets.
var secretFields = regexp.MustCompile(`(?i)("(?:client_?secret|secret|password|token|access_?token|refresh_?token|api_?key|admin_api_key)"\s*:\s*)"[^"]*"`)

// redact removes credentials and secret-named JSON values from text the platform
// sent back (an error body may echo what it was sent), so no diagnostic repeats them.
func (c *Client) redact(s, authorization string) string {
	s = secretFields.ReplaceAllString(s, `$1"***"`)
	for _, sec := range append([]string{authorization, strings.TrimPrefix(authorization, "Bearer ")}, c.opts.Secrets...) {
		if len(sec) >= 4 {
			s = strings.ReplaceAll(s, sec, "***")
		}
	}
	return s
}

// genericMessage is used when the platform's own error shape did not match.
func genericMessage(contentType string, body []byte) string {
	if strings.Contains(contentType, "html") || bytes.HasPrefix(bytes.TrimSpace(body), []byte("<")) {
		return "the server answered with an HTML page instead of the API's JSON (a proxy or gateway error?)"
	}
	s := snippet(body)
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
	var uerr *url.Error
	if errors.As(e.Err, &uerr) {
		msg = uerr.Err.Error()
	}
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
