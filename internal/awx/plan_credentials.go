package awx

import "github.com/registrar-dev/terraform-provider-registrar/internal/tfx"

// credentialCheck describes CheckCredentials for tfx.PlanCredentialCheck.
func (c *Client) credentialCheck() tfx.CredentialCheck {
	return tfx.CredentialCheck{Platform: "AWX", Block: "awx", BaseURL: c.BaseURL(), Credentials: credentialsHint, Check: c.CheckCredentials}
}
