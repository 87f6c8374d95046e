package cronofy

import (
	"context"
	"errors"
	"net/http"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// Contact is the contact of a verification call.
type Contact struct {
	Email       string `json:"email"`
	DisplayName string `json:"display_name,omitempty"`
}

// VerifyInput is the body of POST /v1/application_verification.
type VerifyInput struct {
	RedirectURIs []string `json:"redirect_uris"`
	Contact      Contact  `json:"contact"`
}

// Verify calls "Verify an existing application" (POST /v1/application_verification,
// prerelease) in the data center ("" for the client's own), authenticated with the
// application's own client secret, not the Admin API key. Cronofy adds the redirect
// URIs to the application's (it never removes one) and moves the application into
// production mode; it answers 202 {}. The call only adds what it names, so a resend
// of the same body is harmless: it is marked duplicate-safe. A 401 most likely means
// the secret was refreshed in the dashboard (IsUnauthorized).
func (c *Client) Verify(ctx context.Context, dc, clientSecret string, in VerifyInput) error {
	if clientSecret == "" {
		return errors.New("the application's client secret is unknown")
	}
	if dc == "" {
		dc = c.cfg.DataCenter
	}
	base, err := c.BaseURL(dc)
	if err != nil {
		return err
	}
	// Its own transport: the bearer is the application's secret, and both it and the
	// Admin API key are kept out of every message.
	tr, err := c.newTransport(base, clientSecret, c.cfg.AdminAPIKey)
	if err != nil {
		return err
	}
	_, err = tr.Do(ctx, transport.Request{Method: http.MethodPost, Path: "/v1/application_verification", Body: in, DuplicateSafe: true})
	return err
}

// IsUnauthorized reports a 401 answer.
func IsUnauthorized(err error) bool { return transport.StatusOf(err) == http.StatusUnauthorized }
