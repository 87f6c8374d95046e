package timeback

import (
	"context"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// CheckCredentials exchanges client_id and client_secret for an access token, once
// per provider process (transport.CheckCredentialsOnce); the token is cached and
// used by the calls that follow, so the check costs no extra request. A static
// token cannot be checked: Timeback documents no call that only verifies a token,
// so it returns nil and a wrong token shows at apply.
func (c *Client) CheckCredentials(ctx context.Context) error {
	if c.tok == nil {
		return nil
	}
	return transport.CheckCredentialsOnce(ctx, c, func(ctx context.Context) error {
		_, err := c.tok.Token(ctx)
		return err
	})
}

// BaseURL is the configured base URL.
func (c *Client) BaseURL() string { return c.tr.BaseURL() }

// credentialChecker is a client whose credentials can be checked at plan (*Client;
// the resource holds an API, which test doubles implement without it).
type credentialChecker interface {
	CheckCredentials(ctx context.Context) error
	BaseURL() string
}
