package transport

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// attemptState follows one logical request across its attempts.
type attemptState struct {
	method        string
	duplicateSafe bool
	attempt       int
	wrote         atomic.Bool
	start         time.Time
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
	if retry > 0 {
		logRetry(req.Context(), c.opts.Platform, req.Method, req.URL.Path, st.attempt)
	}
}

// idempotent methods may be resent whenever the answer was lost.
func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// CheckRetry is the retry policy (design rule 7):
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
	if err != nil {
		if isPermanent(err) {
			return false, nil
		}
		return idempotent(method) || !wrote, nil
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		return true, nil
	case http.StatusBadGateway, http.StatusGatewayTimeout:
		return idempotent(method) || dupSafe, nil
	}
	return false, nil
}

func isPermanent(err error) bool {
	var ua x509.UnknownAuthorityError
	var hn x509.HostnameError
	var ci x509.CertificateInvalidError
	var tv *tls.CertificateVerificationError
	return errors.As(err, &ua) || errors.As(err, &hn) || errors.As(err, &ci) || errors.As(err, &tv) || errors.Is(err, ErrRedirect)
}

// ErrRedirect is returned for a redirect to another host; it is never retried.
var ErrRedirect = errors.New("redirect to another host refused")

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
