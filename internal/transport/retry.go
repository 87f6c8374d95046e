package transport

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// attemptState follows one logical request across its attempts.
type attemptState struct {
	ctx           context.Context // for log lines (masked)
	method, path  string
	duplicateSafe bool
	attempt       int
	wrote         atomic.Bool
	start         time.Time
	// set by CheckRetry when it decides to retry, read by the backoff's log line
	status    int    // the status of the attempt being retried, 0 without an answer
	reason    string // why it is retried
	resent503 int    // attempts answered 503 and resent
	waited    time.Duration
}

type attemptKey struct{}

func withAttemptState(ctx context.Context, st *attemptState) context.Context {
	ctx = context.WithValue(ctx, attemptKey{}, st)
	return httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteRequest: func(httptrace.WroteRequestInfo) { st.wrote.Store(true) },
	})
}

func stateFrom(ctx context.Context) *attemptState {
	st, _ := ctx.Value(attemptKey{}).(*attemptState)
	return st
}

func (c *Client) beforeAttempt(_ retryablehttp.Logger, req *http.Request, retry int) {
	st := stateFrom(req.Context())
	if st == nil {
		return
	}
	st.attempt = retry + 1
	st.wrote.Store(false)
	st.start = time.Now()
}

// idempotent methods may be resent whenever the answer was lost.
func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// CheckRetry is the retry policy (CONTRIBUTING.md, Retries):
//   - idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS): connection errors, 429, 502, 503, 504;
//   - other methods (POST, PATCH): 429 and 503, and connection errors that happened before the
//     request was written; 502/504 only when the request is marked DuplicateSafe.
//
// 429 and 503 are the two statuses with which a server says it did not handle the request
// (RFC 9110 §15.5.30 and §15.6.4: too many requests, unable to handle it now), so a resend
// cannot make a second object. 502 and 504 come from a gateway that may have passed the
// request on before it failed, so only a create the platform keeps unique (a resend finds
// the first object by its key) is resent after them.
//
// TLS certificate errors and a cancelled context are never retried.
func CheckRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	st := stateFrom(ctx)
	method, dupSafe, wrote := http.MethodGet, false, true
	if st != nil {
		method, dupSafe, wrote = st.method, st.duplicateSafe, st.wrote.Load()
	}
	retry, status, reason := decideRetry(method, dupSafe, wrote, resp, err)
	if retry && st != nil {
		st.status, st.reason = status, reason
		if status == http.StatusServiceUnavailable {
			st.resent503++
		}
	}
	return retry, nil
}

// decideRetry applies the policy to one attempt's outcome; reason says why it is retried.
func decideRetry(method string, dupSafe, wrote bool, resp *http.Response, err error) (bool, int, string) {
	if err != nil {
		if isPermanent(err) {
			return false, 0, ""
		}
		if idempotent(method) {
			return true, 0, "no answer (" + connectionProblem(err) + ")"
		}
		if !wrote {
			return true, 0, "no answer, and the request was not sent (" + connectionProblem(err) + ")"
		}
		return false, 0, ""
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		return true, resp.StatusCode, "rate limited"
	case http.StatusServiceUnavailable:
		return true, resp.StatusCode, "service unavailable"
	case http.StatusBadGateway, http.StatusGatewayTimeout:
		if idempotent(method) {
			return true, resp.StatusCode, "gateway error"
		}
		if dupSafe {
			return true, resp.StatusCode, "gateway error (a resend fails as a duplicate instead of creating a second object)"
		}
	}
	return false, 0, ""
}

// connectionProblem names a transport error's kind without its text.
func connectionProblem(err error) string {
	var ne net.Error
	var oe *net.OpError
	switch {
	case errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.As(err, &oe) && oe.Op == "dial":
		return "connection refused or unreachable"
	}
	return "connection error"
}

// isPermanent reports errors that no retry can heal: TLS certificate verification
// failures, a host name that does not resolve, a refused redirect.
func isPermanent(err error) bool {
	var ua x509.UnknownAuthorityError
	var hn x509.HostnameError
	var ci x509.CertificateInvalidError
	var tv *tls.CertificateVerificationError
	var dns *net.DNSError
	return errors.As(err, &ua) || errors.As(err, &hn) || errors.As(err, &ci) || errors.As(err, &tv) ||
		(errors.As(err, &dns) && dns.IsNotFound) || errors.Is(err, ErrRedirect)
}

// ErrRedirect is returned for a redirect that leaves the configured origin (another
// scheme, host or port); it is never retried.
var ErrRedirect = errors.New("redirect refused")

// Backoff waits for Retry-After when the server sends one (seconds or an HTTP date),
// capped at max; otherwise exponential from min, capped at max, with jitter drawn
// from [d/2, d].
func Backoff(minWait, maxWait time.Duration, attemptNum int, resp *http.Response) time.Duration {
	if resp != nil {
		if d, ok := RetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			if d > maxWait {
				return maxWait
			}
			return d
		}
	}
	d := minWait << uint(min(attemptNum, 20))
	if d <= 0 || d > maxWait {
		d = maxWait
	}
	return Jitter(d)
}

// Jitter returns a duration drawn uniformly from [d/2, d].
func Jitter(d time.Duration) time.Duration {
	if d <= 1 {
		return d
	}
	half := d / 2
	return half + rand.N(d-half+1)
}

// RetryAfter parses a Retry-After value: delay-seconds or an HTTP date.
func RetryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0, false
		}
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}
