package tpp

import (
	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
)

// credentialCheck describes CheckCredentials for the plan-time check
// (tfx.ResourceBase.ModifyPlan), with TPP's own fixes (which credential, client_id
// or scope TPP refused).
func (c *Client) credentialCheck() tfx.CredentialCheck {
	return tfx.CredentialCheck{Platform: "TPP", Block: "tpp", BaseURL: c.BaseURL(), Credentials: credentialsHint, Check: c.CheckCredentials,
		Fix: func(err error) string { return fixFor(c, "create", err) }}
}
