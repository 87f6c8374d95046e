package ltiaas

import (
	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
)

// credentialCheck describes CheckCredentials for the plan-time check
// (tfx.ResourceBase.ModifyPlan).
func (c *Client) credentialCheck() tfx.CredentialCheck {
	return tfx.CredentialCheck{Platform: "LTIaaS", Block: "ltiaas", BaseURL: c.BaseURL(), Credentials: credentialsHint, Check: c.CheckCredentials}
}
