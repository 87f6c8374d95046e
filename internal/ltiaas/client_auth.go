package ltiaas

import (
	"context"
	"net/http"
	"net/url"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// credentialCheckID filters the platform list down to nothing: it is not hex, so no
// platform has it, and the answer is the smallest the list can give.
const credentialCheckID = "registrar-credential-check"

// CheckCredentials lists the platforms with a filter that matches none
// (GET {prefix}/platforms?id=…), once per provider process
// (transport.CheckCredentialsOnce): a refused API key answers 401, a wrong
// path_prefix 404. The answer's body is not read.
func (c *Client) CheckCredentials(ctx context.Context) error {
	return transport.CheckCredentialsOnce(ctx, c, func(ctx context.Context) error {
		_, err := c.tr.Do(ctx, transport.Request{Method: http.MethodGet, Path: c.path(), Query: url.Values{"id": {credentialCheckID}}})
		return err
	})
}

// BaseURL is the configured base URL.
func (c *Client) BaseURL() string { return c.tr.BaseURL() }
