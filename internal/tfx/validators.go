package tfx

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// UUID validates a canonical 8-4-4-4-12 hexadecimal UUID.
func UUID() validator.String {
	return stringvalidator.RegexMatches(regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`),
		"must be a UUID such as 123e4567-e89b-12d3-a456-426614174000")
}

// URLOptions tune URL.
type URLOptions struct {
	// HTTPSOnly rejects http:// except for loopback hosts.
	HTTPSOnly bool
	// AllowEmpty accepts "", for attributes whose platform default is the empty
	// string (so that the default, written out, is valid too).
	AllowEmpty bool
}

// StringCheck is a plan-time string validator made of a description and a check.
// The check gets the attribute's path and its configured value (null and unknown
// values are not checked) and returns nil, or the error to report on the attribute
// (built with diag.NewAttributeErrorDiagnostic, so that the troubleshooting-guide
// test finds its summary).
func StringCheck(description string, check func(p path.Path, raw string) diag.Diagnostic) validator.String {
	return stringCheck{description, check}
}

type stringCheck struct {
	description string
	check       func(path.Path, string) diag.Diagnostic
}

func (v stringCheck) Description(context.Context) string         { return v.description }
func (v stringCheck) MarkdownDescription(context.Context) string { return v.description }

func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if d := v.check(req.Path, req.ConfigValue.ValueString()); d != nil {
		resp.Diagnostics.Append(d)
	}
}

// URL validates an absolute http(s) URL with a host.
func URL(o URLOptions) validator.String {
	return StringCheck(urlDescription(o), func(p path.Path, raw string) diag.Diagnostic {
		if d := CheckURL(p, "", raw, o); d.HasError() {
			return d[0]
		}
		return nil
	})
}

func urlDescription(o URLOptions) string {
	d := "must be an absolute http or https URL"
	if o.HTTPSOnly {
		d = "must be an absolute https URL (http only for localhost or a loopback address)"
	}
	if o.AllowEmpty {
		d += `, or "" for none`
	}
	return d
}

// CheckURL is the URL validator's check, for values that do not come from the
// configuration (an environment variable, named by source in the message).
func CheckURL(p path.Path, source, raw string, o URLOptions) diag.Diagnostics {
	var diags diag.Diagnostics
	if raw == "" && o.AllowEmpty {
		return diags
	}
	desc := urlDescription(o)
	if source != "" {
		source += " "
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		diags.AddAttributeError(p, "Invalid URL", fmt.Sprintf("%s%q is not a URL: %v; it %s.", source, raw, err, desc))
	case u.Scheme != "http" && u.Scheme != "https", u.Host == "":
		diags.AddAttributeError(p, "Invalid URL", fmt.Sprintf("%s%q %s, such as https://example.com/path.", source, raw, desc))
	case o.HTTPSOnly && u.Scheme == "http" && !IsLoopback(u.Hostname()):
		diags.AddAttributeError(p, "Insecure URL", fmt.Sprintf("%s%q uses http; it %s.", source, raw, desc))
	}
	return diags
}

// NotBlank rejects a value made only of white space, quoting it so that the blanks
// are visible in the message.
func NotBlank() validator.String {
	const desc = "must contain a character other than white space"
	return StringCheck(desc, func(p path.Path, s string) diag.Diagnostic {
		if s != "" && strings.TrimSpace(s) == "" {
			return diag.NewAttributeErrorDiagnostic(p, "Blank value", fmt.Sprintf("%s %s; got %q (white space only).", p, desc, s))
		}
		return nil
	})
}

// URLSet validates each string of a set (redirect URIs) as URL does, with no white
// space, and reports one error per bad element on the set attribute itself, quoting
// the element: a set element's own path (`redirect_uris[Value("…")]`) is hard to read.
func URLSet(o URLOptions) validator.Set { return urlSetValidator{o} }

type urlSetValidator struct{ o URLOptions }

func (v urlSetValidator) Description(context.Context) string {
	return "each element " + urlDescription(v.o) + ", without white space"
}
func (v urlSetValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v urlSetValidator) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	for _, e := range req.ConfigValue.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			continue
		}
		raw := s.ValueString()
		if strings.ContainsFunc(raw, unicode.IsSpace) {
			resp.Diagnostics.AddAttributeError(req.Path, "Invalid URL",
				fmt.Sprintf("%s: %q contains white space; each element %s.", req.Path, raw, urlDescription(v.o)))
			continue
		}
		if d := CheckURL(req.Path, req.Path.String()+":", raw, v.o); d.HasError() {
			resp.Diagnostics.Append(d[0])
		}
	}
}
