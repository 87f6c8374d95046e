package timeback

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// SecretVerifier checks an application's client secret at its own token endpoint.
// *Client implements it; the resource uses it when it is there.
type SecretVerifier interface {
	VerifyClientSecret(ctx context.Context, tokenURL, clientID, secret string) error
}

var _ SecretVerifier = (*Client)(nil)

// ErrSecretRefused means the application's token endpoint refused the client id and
// secret (HTTP 401, or an OAuth invalid_client error).
var ErrSecretRefused = errors.New("the token endpoint refused the client id and secret")

// UncheckedError means the secret could not be checked: the token endpoint could not
// be reached, answered an error that says nothing about the secret, or is not a URL
// a secret may be sent to.
type UncheckedError struct{ Err error }

func (e *UncheckedError) Error() string {
	return "the client secret could not be checked: " + e.Err.Error()
}
func (e *UncheckedError) Unwrap() error { return e.Err }

// VerifyClientSecret asks the application's token endpoint (tokenUrl of its
// production credentials) for a client-credentials token with HTTP Basic
// clientID:secret. It returns nil when the endpoint authenticates the client (a
// token, or an OAuth error other than invalid_client, such as unauthorized_client),
// an error wrapping ErrSecretRefused when it refuses the secret, and an
// *UncheckedError otherwise. The secret is sent only over https (or http to a
// loopback address), and the token issued is dropped.
func (c *Client) VerifyClientSecret(ctx context.Context, tokenURL, clientID, secret string) error {
	u, err := url.Parse(tokenURL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && (u.Scheme != "http" || !transport.IsLoopback(u.Hostname()))) {
		return &UncheckedError{Err: fmt.Errorf("token_url %q is not an https URL", tokenURL)}
	}
	basic := base64.StdEncoding.EncodeToString([]byte(clientID + ":" + secret))
	s := transport.DefaultSettings()
	s.MaxRetries = 2
	s.RequestTimeout = 30 * time.Second
	tr, err := transport.New(s, transport.Options{
		Platform:     "Timeback application token endpoint",
		BaseURL:      u.Scheme + "://" + u.Host,
		Secrets:      []string{secret, basic},
		ErrorMessage: ErrorMessage,
	})
	if err != nil {
		return &UncheckedError{Err: err}
	}
	var q url.Values
	if len(u.Query()) > 0 {
		q = u.Query()
	}
	_, err = tr.Do(ctx, transport.Request{
		Method: http.MethodPost, Path: u.Path, Query: q, NoAuth: true,
		Form:   url.Values{"grant_type": {"client_credentials"}},
		Header: http.Header{"Authorization": {"Basic " + basic}},
	})
	if err == nil {
		return nil
	}
	var ae *transport.APIError
	if errors.As(err, &ae) {
		code := ""
		if e := decodeError(ae.Body); e != nil {
			code = e.Error
		}
		switch {
		case ae.Status == http.StatusUnauthorized || code == "invalid_client":
			return fmt.Errorf("%w (HTTP %d)", ErrSecretRefused, ae.Status)
		case ae.Status == http.StatusBadRequest && code != "":
			// unauthorized_client, invalid_scope, ...: the client authenticated.
			return nil
		}
	}
	return &UncheckedError{Err: err}
}
