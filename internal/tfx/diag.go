package tfx

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// Op names an API operation on an object, for diagnostics:
// Op{Verb: "create", Object: `AWX OAuth application "ci"`}.
type Op struct {
	Verb   string
	Object string
	// Credentials names the settings to check on 401 ("the awx block's token or CONTROLLER_OAUTH_TOKEN").
	Credentials string
}

// APIError appends an error diagnostic that names the operation, the object, the HTTP
// status, the platform's own message and the fix. An empty fix picks one from the status.
func APIError(diags *diag.Diagnostics, op Op, err error, fix string) {
	summary := fmt.Sprintf("Could not %s %s", op.Verb, op.Object)
	var ae *transport.APIError
	var re *transport.RequestError
	var de *transport.DecodeError
	var detail string
	switch {
	case errors.As(err, &ae):
		detail = fmt.Sprintf("%s answered %s %s with HTTP %d %s.\n\nPlatform message: %s", ae.Platform, ae.Method, ae.Path, ae.Status, http.StatusText(ae.Status), ae.Message)
		if ae.Attempts > 1 {
			detail += fmt.Sprintf("\n\n(%d attempts were made.)", ae.Attempts)
		}
		if fix == "" {
			fix = DefaultFix(ae.Status, op.Credentials)
		}
	case errors.As(err, &re):
		detail = re.Error()
		if fix == "" {
			fix = "Check that base_url is right and that the platform is reachable from where Terraform runs, then apply again."
		}
	case errors.As(err, &de):
		detail = de.Error()
		if fix == "" {
			fix = "The platform's answer does not match its documented API; check base_url points at the API (not a web page or a proxy), then report this if it persists."
		}
	default:
		detail = err.Error()
	}
	if fix != "" {
		detail += "\n\nFix: " + fix
	}
	diags.AddError(summary, detail)
}

// APIWarning is APIError as a warning: for a follow-up call after a create, whose
// failure must not taint an object that exists and is in state (CONTRIBUTING.md,
// "State before follow-up calls").
func APIWarning(diags *diag.Diagnostics, op Op, err error, fix string) {
	var d diag.Diagnostics
	APIError(&d, op, err, fix)
	AddAsWarnings(diags, d)
}

// AddAsWarnings appends every diagnostic of d to diags as a warning.
func AddAsWarnings(diags *diag.Diagnostics, d diag.Diagnostics) {
	for _, x := range d {
		diags.AddWarning(x.Summary(), x.Detail())
	}
}

// DefaultFix suggests a fix for an HTTP status.
func DefaultFix(status int, credentials string) string {
	switch {
	case status == http.StatusUnauthorized:
		if credentials == "" {
			credentials = "the platform credentials in the provider block or their environment variables"
		}
		return "The credentials were not accepted: check " + credentials + "."
	case status == http.StatusForbidden:
		return "The credentials are valid but lack the permission for this operation: grant the account the role the platform requires, or use another account."
	case status == http.StatusNotFound:
		return "The object or the API path does not exist: check base_url (and any path prefix setting) and the object's id."
	case status == http.StatusTooManyRequests:
		return "The platform kept rate-limiting after all retries: raise max_retries or retry_max_wait_seconds, or set requests_per_second below the platform's limit."
	case status >= 500:
		return "The platform reported a server error that persisted through the retries; try again later, and check the platform's status."
	}
	return ""
}

// Orphan appends the error for an object the platform created (or may have created)
// whose create response was lost: it is not in Terraform state, so it must be
// imported rather than created again. The advice ends with what the lost response
// held: a client secret.
func Orphan(diags *diag.Diagnostics, op Op, resourceType, id string, cause error) {
	orphan(diags, op, resourceType, id, cause, orphanSecretLost)
}

const orphanSecretLost = "Its client secret was in the lost response: if you cannot obtain it, delete the object on the platform and apply again to create a new one."

// OrphanWithoutSecret is Orphan for objects that carry no client secret (LTIaaS
// platforms, TPP applications): nothing but the id was lost.
func OrphanWithoutSecret(diags *diag.Diagnostics, op Op, resourceType, id string, cause error) {
	orphan(diags, op, resourceType, id, cause, "")
}

func orphan(diags *diag.Diagnostics, op Op, resourceType, id string, cause error, lost string) {
	var b strings.Builder
	fmt.Fprintf(&b, "The create request was sent, but its response was lost (%v).\n\n", cause)
	if id != "" {
		fmt.Fprintf(&b, "The platform now holds %s with id %q, which is not in Terraform state. The provider did not send the create again, so there is no duplicate.\n\n", op.Object, id)
		fmt.Fprintf(&b, "Fix: import it, then apply again:\n\n  terraform import %s.<name> %s\n\nor add an import block:\n\n  import {\n    to = %s.<name>\n    id = %q\n  }", resourceType, id, resourceType, id)
		if lost != "" {
			b.WriteString("\n\n" + lost)
		}
	} else {
		fmt.Fprintf(&b, "The provider could not tell whether %s was created, so it did not send the create again. Check the platform: if the object exists, import it with `terraform import %s.<name> <id>`; if it does not, apply again.", op.Object, resourceType)
	}
	diags.AddError(fmt.Sprintf("%s may exist outside Terraform state", capitalize(op.Object)), b.String())
}

// Gone handles a Read that finds the object no longer exists on the platform: a
// warning, and the resource leaves the refreshed state so that the plan creates it
// again. object names it with its id ("AWX OAuth application 42"), platform the
// platform ("AWX").
//
// The identity is set from the prior state before the resource leaves it: state
// written by Terraform 1.11 or earlier has no identity, and a Read that ends without
// one is an error ("Missing Resource Identity After Read") even when it removes the
// resource.
func Gone(ctx context.Context, resp *resource.ReadResponse, object, platform string) {
	if resp.Identity != nil && resp.Identity.Raw.IsFullyNull() {
		SetIdentity(ctx, &resp.Diagnostics, resp.State, resp.Identity)
	}
	resp.Diagnostics.AddWarning(fmt.Sprintf("%s no longer exists", capitalize(object)),
		fmt.Sprintf("%s no longer exists on %s, so the plan will create it again. If it was deleted on purpose, remove it from the configuration instead.",
			capitalize(object), platform))
	resp.State.RemoveResource(ctx)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Truncate keeps a value quoted in a diagnostic to its first n characters (runes),
// marking the cut with "…": an import id or a key that may hold a secret is shown
// only in part, and a long value does not swamp the message.
func Truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
