package tpp

import (
	"context"
	"net/http"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// pathVerify checks a bearer token (GET, the token in the Authorization header).
const pathVerify = "/vedauth/authorize/verify"

// CheckCredentials checks the credentials once per provider process
// (transport.CheckCredentialsOnce): with username, password and client_id it
// obtains the run's access token (the same token every later call uses, so the
// check costs no extra request); with an access_token it asks TPP to verify it
// (GET /vedauth/authorize/verify), which answers 401 for a token TPP does not accept.
func (c *Client) CheckCredentials(ctx context.Context) error {
	return transport.CheckCredentialsOnce(ctx, c, func(ctx context.Context) error {
		if c.UsesPassword() {
			_, err := c.accessToken(ctx)
			return err
		}
		tok := c.cfg.AccessToken
		_, err := c.tr.Do(transport.MaskSecrets(ctx, tok), transport.Request{
			Method: http.MethodGet, Path: pathVerify, NoAuth: true,
			Header: http.Header{"Authorization": {"Bearer " + tok}},
		})
		return err
	})
}

// BaseURL is the configured base URL.
func (c *Client) BaseURL() string { return c.tr.BaseURL() }
