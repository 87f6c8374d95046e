package tfx

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// CredentialCheck describes a platform's credential check (a client's
// CheckCredentials, made once per provider process with
// transport.CheckCredentialsOnce) for PlanCredentialCheck and ReportCredentialCheck.
type CredentialCheck struct {
	// Platform names the platform ("AWX"); Block is its provider block ("awx").
	Platform, Block string
	// BaseURL is the configured base URL, named when the platform cannot be reached.
	BaseURL string
	// Credentials names the settings to fix when the credentials are refused (the
	// resource's credentials hint: "the awx block's token (CONTROLLER_OAUTH_TOKEN) or …").
	Credentials string
	// Check is the client's CheckCredentials.
	Check func(context.Context) error
	// Fix, when set, picks the fix for an error ("" for the default by HTTP status).
	Fix func(error) string
}

// PlanCredentialCheck runs the check when the plan creates the object (no state,
// a planned value), so that credentials the platform refuses fail `terraform plan`
// instead of an apply. The check is made once per provider process: a plan of many
// objects asks the platform once, and every object reports the same result. The
// caller skips it while the provider is not configured (no client). Call it from
// ModifyPlan.
func PlanCredentialCheck(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, c CredentialCheck) {
	if !req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || c.Check == nil {
		return
	}
	ReportCredentialCheck(ctx, &resp.Diagnostics, c)
}

// ReportCredentialCheck runs the check (once per provider process) and appends an
// error diagnostic when it fails: the platform, the call, the HTTP status, the
// platform's message and the settings to fix; an unreachable platform names base_url.
func ReportCredentialCheck(ctx context.Context, diags *diag.Diagnostics, c CredentialCheck) {
	err := c.Check(ctx)
	if err == nil {
		return
	}
	fix := ""
	if c.Fix != nil {
		fix = c.Fix(err)
	}
	var re *transport.RequestError
	if fix == "" && errors.As(err, &re) {
		fix = fmt.Sprintf("Check that the %s block's base_url (%s) is right and that %s is reachable from where Terraform runs, then plan again.",
			c.Block, safeURL(c.BaseURL), c.Platform)
	}
	var d diag.Diagnostics
	APIError(&d, Op{Verb: "verify", Object: "the " + c.Platform + " credentials", Credentials: c.Credentials}, err, fix)
	for _, x := range d {
		diags.AddError(x.Summary(), fmt.Sprintf("Before planning to create anything on %s, the provider checked its credentials with one API call, and it failed. "+
			"Nothing was created.\n\n%s", c.Platform, x.Detail()))
	}
}

// safeURL drops any user information from a URL shown in a diagnostic.
func safeURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.User = nil
	return u.String()
}
