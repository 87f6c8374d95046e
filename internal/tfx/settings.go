// Package tfx holds the Terraform-side helpers every platform package shares:
// provider-block URL checks, the client secret and its
// write-only restore, API error diagnostics, and plan-time validators.
package tfx

import (
	"context"
	"fmt"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// IsLoopback reports whether host (without port) is localhost or a loopback address.
func IsLoopback(host string) bool { return transport.IsLoopback(host) }

// CheckBaseURL validates a platform base URL from the block or the environment: an
// error when it is not an absolute http(s) URL, a warning for plain http to a host
// that is not loopback.
func CheckBaseURL(block, raw string) diag.Diagnostics {
	var diags diag.Diagnostics
	p := path.Root(block).AtName("base_url")
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		diags.AddAttributeError(p, "Invalid base_url", fmt.Sprintf("%s base_url %q must be an absolute http or https URL, such as https://host.example.com", block, raw))
		return diags
	}
	if u.Scheme == "http" && !IsLoopback(u.Hostname()) {
		diags.AddAttributeWarning(p, "Plain HTTP base_url", fmt.Sprintf("%s base_url %q uses plain http to a host that is not loopback: credentials and client secrets cross the network unencrypted. Use https.", block, raw))
	}
	return diags
}

// StringsFromSet converts a set of strings (null gives nil).
func StringsFromSet(ctx context.Context, s types.Set) ([]string, diag.Diagnostics) {
	if s.IsNull() || s.IsUnknown() {
		return nil, nil
	}
	var out []string
	diags := s.ElementsAs(ctx, &out, false)
	return out, diags
}

// SetFromStrings converts strings to a set; nil or empty gives an empty set when
// emptyAsNull is false, else null.
func SetFromStrings(vals []string, emptyAsNull bool) types.Set {
	if len(vals) == 0 && emptyAsNull {
		return types.SetNull(types.StringType)
	}
	elems := make([]attr.Value, 0, len(vals))
	for _, v := range vals {
		elems = append(elems, types.StringValue(v))
	}
	return types.SetValueMust(types.StringType, elems)
}

// ListFromStrings converts strings to a list.
func ListFromStrings(vals []string) types.List {
	elems := make([]attr.Value, 0, len(vals))
	for _, v := range vals {
		elems = append(elems, types.StringValue(v))
	}
	return types.ListValueMust(types.StringType, elems)
}
