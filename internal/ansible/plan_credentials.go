package ansible

import (
	"net/http"

	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// credentialCheck describes the client's CheckCredentials for tfx.PlanCredentialCheck,
// with the platform's own fix for a 401.
func (f Flavor) credentialCheck(c *Client) tfx.CredentialCheck {
	return tfx.CredentialCheck{Platform: f.Title, Block: f.Block, BaseURL: c.BaseURL(), Credentials: f.Credentials, Check: c.CheckCredentials,
		Fix: func(err error) string {
			if transport.StatusOf(err) == http.StatusUnauthorized && f.Unauthorized != nil {
				return f.Unauthorized(c.APIPath())
			}
			return ""
		}}
}
