package ltiaas

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
)

// ModifyPlan checks the API key when the plan creates a registration (once per
// run), so that a refused key fails the plan instead of the apply.
func (r *platformResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.client != nil {
		tfx.PlanCredentialCheck(ctx, req, resp, r.client.credentialCheck())
	}
}

// credentialCheck describes CheckCredentials for tfx.PlanCredentialCheck.
func (c *Client) credentialCheck() tfx.CredentialCheck {
	return tfx.CredentialCheck{Platform: "LTIaaS", Block: "ltiaas", BaseURL: c.BaseURL(), Credentials: credentialsHint, Check: c.CheckCredentials}
}
