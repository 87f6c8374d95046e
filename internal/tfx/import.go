package tfx

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// WithImportByID is embedded in a resource to give it ImportState: the import id is
// checked against the resource's format, anything that looks like it carries a secret
// is refused (Terraform prints import ids in its output), and the id is stored in
// the attributes named. Fill it in the resource's constructor.
type WithImportByID struct {
	// ResourceType is the resource's type name, for the example command.
	ResourceType string
	// Object names what is imported, with its article: "an AWX OAuth application".
	Object string
	// IDFormat says what the id is: "its numeric id".
	IDFormat string
	// Example is a valid id for the example command.
	Example string
	// Valid checks the id's format.
	Valid func(id string) bool
	// Attributes are set to the id (default: "id").
	Attributes []string
	// Secret: the resource holds a client secret, which the message says how to restore.
	Secret bool
	// Hint ends the message of an invalid id (where to find the id).
	Hint string
	// Parse, when set, replaces Valid and Attributes for an id with parts
	// (`<data_center>/<client_id>`): it returns the attributes to set, or appends an
	// error that ends with usage.
	Parse func(id, usage string, diags *diag.Diagnostics) map[string]string
	// FromIdentity turns the attributes of an `import { identity = {...} }` block into
	// the import id the other fields check (default: the only attribute's value).
	FromIdentity func(values map[string]string) string
}

// ImportState implements resource.ResourceWithImportState.
func (w WithImportByID) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	usage := w.Usage()
	if req.ID == "" && req.Identity != nil && !req.Identity.Raw.IsFullyNull() {
		// An import by identity (Terraform 1.12+): the identity becomes the import
		// id and passes the same checks.
		values, diags := IdentityValues(ctx, req.Identity)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		req.ID = w.idFromIdentity(values)
	}
	if cut, ok := carriesSecret(req.ID); ok {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("The import id (%q, shown only up to its separator) looks like it carries more than an id, such as a client secret. "+
				"An import id must never hold a secret: Terraform prints import ids in its output.\n\n%s", cut, usage))
		return
	}
	var attrs map[string]string
	if w.Parse != nil {
		attrs = w.Parse(req.ID, usage, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
	} else {
		if !w.Valid(req.ID) {
			resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("%s (got %q).", usage, Truncate(req.ID, 12)))
			return
		}
		names := w.Attributes
		if len(names) == 0 {
			names = []string{"id"}
		}
		attrs = make(map[string]string, len(names))
		for _, n := range names {
			attrs[n] = req.ID
		}
	}
	for name, v := range attrs {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), v)...)
	}
	if resp.Identity != nil && !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(IdentityFromState(ctx, resp.State, resp.Identity)...)
	}
	if w.Secret && !resp.Diagnostics.HasError() {
		resp.Diagnostics.AddWarning("Imported without its client secret",
			fmt.Sprintf("The platform never shows a client secret again, so after this import of %s client_secret is null, and anything that references it (an output, another resource) gets null. "+
				"If you hold the secret, record it in state with the write-only arguments client_secret_wo (from a sensitive variable or an ephemeral value) and client_secret_wo_version (any number; change it to record again), then apply: "+
				"no API call is made and the value is never printed. Otherwise replace the application to get a new secret.", w.Object))
	}
}

func (w WithImportByID) idFromIdentity(values map[string]string) string {
	if w.FromIdentity != nil {
		return w.FromIdentity(values)
	}
	for _, v := range values {
		return v // a single-attribute identity
	}
	return ""
}

// Usage is the sentence that says how to import the resource.
func (w WithImportByID) Usage() string {
	s := fmt.Sprintf("Import %s by %s, such as `terraform import %s.example %s`", w.Object, w.IDFormat, w.ResourceType, w.Example)
	if w.Secret {
		s += ". The client secret cannot be part of the id; restore it after the import with client_secret_wo and client_secret_wo_version."
	} else {
		s += "."
	}
	if w.Hint != "" {
		s += " " + w.Hint
	}
	return s
}

// secretSeparator finds an id followed by a separator and a long tail, the shape of
// `<id>:<secret>` or `<id>,client_secret=<secret>`.
var secretSeparator = regexp.MustCompile(`[:;,=|\s]`)

// carriesSecret reports an import id that looks like it holds a secret: a separator
// followed by 16 or more characters, or by the word secret. It returns the part before
// the separator (truncated), the only part a diagnostic may quote.
func carriesSecret(id string) (string, bool) {
	loc := secretSeparator.FindStringIndex(id)
	if loc == nil {
		return "", false
	}
	tail := strings.TrimSpace(id[loc[1]:])
	if strings.Contains(strings.ToLower(tail), "secret") || len(tail) >= 16 {
		return Truncate(id[:loc[0]], 12), true
	}
	return "", false
}
