package tpp

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
)

// credentialsHint names the settings to check when TPP refuses the credentials.
const credentialsHint = "the tpp block's access_token (VENAFI_TOKEN), or username, password and client_id (VENAFI_USER, VENAFI_PASS, VENAFI_CLIENT_ID)"

// roles lists the TPP roles each operation needs (from the operation pages).
var roles = map[string]string{
	"create": "Admin",
	"read":   "Admin, Grant Admin, Auditor, Application Owner or Application Maintainer",
	"update": "Admin, Application Owner or Application Maintainer",
	"delete": "Admin or Application Owner",
}

// fixFor names the fix for a TPP error: which credential, scope or role to change.
// It returns "" when the generic fix for the HTTP status fits.
func fixFor(c *Client, verb string, err error) string {
	code := ErrorCode(err)
	if IsTokenError(err) {
		switch code {
		case "invalid_grant":
			if strings.Contains(err.Error(), pathRefresh) {
				return "TPP refused the refresh token; apply again to obtain a new token with username and password."
			}
			return "TPP refused the username and password: check username and password in the tpp block (VENAFI_USER, VENAFI_PASS)."
		case "invalid_client", "unauthorized_client":
			return fmt.Sprintf("TPP does not accept client_id %q: set client_id (VENAFI_CLIENT_ID) to the client id of an existing API integration whose maximum scope allows admin.", c.ClientID())
		case "invalid_scope":
			return fmt.Sprintf("TPP will not grant the admin scope through client_id %q: raise that API integration's maximum scope to include admin, or use another client_id (VENAFI_CLIENT_ID).", c.ClientID())
		case "invalid_request":
			return "Check username, password and client_id in the tpp block (VENAFI_USER, VENAFI_PASS, VENAFI_CLIENT_ID): TPP found the token request incomplete."
		}
		return ""
	}
	switch code {
	case "invalid_token":
		if c.UsesPassword() {
			return fmt.Sprintf("TPP rejected the access token it issued for this run (expired or revoked), and no refresh was possible: apply again; if it persists, check the token validity (access_validity) of the API integration %q used as client_id, and that the user in username is enabled.", c.ClientID())
		}
		return "The access_token (VENAFI_TOKEN) is missing, expired, revoked or invalid: obtain a new token with the admin scope and set it, or use username, password and client_id so the provider obtains one."
	case "insufficient_scope":
		if c.UsesPassword() {
			return fmt.Sprintf("The token TPP issued for username through client_id %q lacks the admin scope (TPP narrowed the requested scope): allow the user the admin scope, and make sure that API integration's maximum scope includes admin.", c.ClientID())
		}
		return "The access_token (VENAFI_TOKEN) lacks the admin scope: obtain a token with scope admin (POST /vedauth/authorize/oauth with \"scope\": \"admin\") and set it."
	case "insufficient_rights":
		return fmt.Sprintf("The TPP user lacks the role for this operation: %s needs %s. Grant the user that role, or use another account (tpp block username or access_token).", verb, roles[verb])
	}
	if re, ok := asResultError(err); ok {
		switch re.Result {
		case 6:
			return "TPP rejected a parameter: check name, vendor, description, url, and that access_validity and grant_validity are whole seconds of 0 or more."
		case 9, 16:
			return fmt.Sprintf("The TPP user lacks the permission for this operation: %s needs %s.", verb, roles[verb])
		case 17:
			return "TPP rejected a scope: check scope and maximum_scope (scopes separated by ';', each optionally followed by ':' and ','-separated restrictions, such as certificate:manage,revoke;configuration)."
		}
	}
	return ""
}

func asResultError(err error) (*ResultError, bool) {
	var re *ResultError
	ok := errors.As(err, &re)
	return re, ok
}

// scopePart is one scope: a name, optionally ':' and ','-separated restrictions.
var scopePart = regexp.MustCompile(`^[A-Za-z0-9_]+(:[A-Za-z0-9_]+(,[A-Za-z0-9_]+)*)?$`)

// scopeValidator checks a TPP scope string: ';'-separated scopes, each a name with
// optional ':' and ','-separated restrictions, and no empty parts.
var scopeValidator = tfx.StringCheck(scopeDescription, checkScope)

const scopeDescription = "must be ';'-separated scopes, each a name optionally followed by ':' and ','-separated restrictions, such as certificate:manage,revoke;configuration"

func checkScope(p path.Path, raw string) diag.Diagnostic {
	const desc = scopeDescription
	if raw == "" {
		return diag.NewAttributeErrorDiagnostic(p, "Invalid TPP scope", fmt.Sprintf("The scope is empty; it %s.", desc))
	}
	for i, part := range strings.Split(raw, ";") {
		if !scopePart.MatchString(part) {
			what := fmt.Sprintf("part %d (%q)", i+1, part)
			if part == "" {
				what = fmt.Sprintf("part %d is empty", i+1)
			}
			return diag.NewAttributeErrorDiagnostic(p, "Invalid TPP scope", fmt.Sprintf("%q is not a valid scope string: %s; it %s.", raw, what, desc))
		}
	}
	return nil
}
