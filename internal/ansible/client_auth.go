package ansible

import (
	"context"
	"net/http"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// CheckCredentials asks the platform who the credentials belong to (GET
// {api_path}me/: /api/v2/me/ on AWX, /api/gateway/v1/me/ on the AAP gateway), once
// per provider process (transport.CheckCredentialsOnce): refused credentials answer
// 401. The answer's body is not read.
func (c *Client) CheckCredentials(ctx context.Context) error {
	return transport.CheckCredentialsOnce(ctx, c, func(ctx context.Context) error {
		_, err := c.tr.Do(ctx, transport.Request{Method: http.MethodGet, Path: c.apiPath + "me/"})
		return err
	})
}

// BaseURL is the configured base URL.
func (c *Client) BaseURL() string { return c.tr.BaseURL() }
