package tpp

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
)

// ModifyPlan checks the credentials when the plan creates an application (once per
// run), so that refused ones fail the plan instead of the apply.
func (r *applicationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.client != nil {
		tfx.PlanCredentialCheck(ctx, req, resp, r.client.credentialCheck())
	}
}

// credentialCheck describes CheckCredentials for tfx.PlanCredentialCheck, with
// TPP's own fixes (which credential, client_id or scope TPP refused).
func (c *Client) credentialCheck() tfx.CredentialCheck {
	return tfx.CredentialCheck{Platform: "TPP", Block: "tpp", BaseURL: c.BaseURL(), Credentials: credentialsHint, Check: c.CheckCredentials,
		Fix: func(err error) string { return fixFor(c, "create", err) }}
}
