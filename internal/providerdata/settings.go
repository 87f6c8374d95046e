package providerdata

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// Attr is one attribute of a platform's provider block. Everything the provider says
// or does about the setting comes from it: the schema attribute, its documentation,
// the environment fallback, the default and the checks.
type Attr struct {
	// Name is the attribute's name in the block ("base_url").
	Name string
	// Description is the attribute's Markdown description without the environment
	// variables and the default, which are appended from Env and Default.
	Description string
	// Env lists the environment variables that stand in for the attribute, the first
	// non-empty one winning.
	Env []string
	// NegatedEnv lists variables that hold the opposite of a Bool attribute
	// (AAP_VALIDATE_CERTS=false sets insecure_skip_verify), read after Env. Such a
	// variable alone does not make the platform configured.
	NegatedEnv []string
	// Sensitive marks a credential: the schema hides it.
	Sensitive bool
	// Bool makes the attribute a boolean (its value reads "true" or "false").
	Bool bool
	// Default is taken when neither the block nor the environment sets the attribute.
	Default string
	// Required means the platform cannot work without the setting: a configured
	// platform without it is an error. Credentials are required through Platform.Credentials.
	Required bool
	// Validators check the value at plan time in the block, and the same checks run
	// on a value taken from the environment.
	Validators []validator.String
	// BaseURL checks the resolved value as a platform URL (absolute http or https;
	// plain http to a host that is not loopback is warned).
	BaseURL bool
	// BareHost lets a BaseURL value without a scheme stand for https://value.
	BareHost bool
	// Hint ends the "is not set" error: where to find the value.
	Hint string
}

// Env looks up an environment variable; os.LookupEnv in the provider, a map in tests.
type Env func(name string) (string, bool)

// OSEnv reads the process environment.
func OSEnv(name string) (string, bool) { return os.LookupEnv(name) }

// Values are a platform block's settings after precedence: what the platform's Build
// turns into a client.
type Values struct {
	m map[string]string
}

// Get returns a setting ("" when unset).
func (v Values) Get(name string) string { return v.m[name] }

// Bool returns a boolean setting.
func (v Values) Bool(name string) bool {
	b, _ := strconv.ParseBool(v.m[name])
	return b
}

// Schema is the provider block's schema, built from the spec.
func (p Platform) Schema() schema.Block {
	attrs := map[string]schema.Attribute{}
	for _, a := range p.Attrs {
		desc := a.markdown()
		if a.Bool {
			attrs[a.Name] = schema.BoolAttribute{MarkdownDescription: desc, Optional: true, Sensitive: a.Sensitive}
			continue
		}
		attrs[a.Name] = schema.StringAttribute{MarkdownDescription: desc, Optional: true, Sensitive: a.Sensitive, Validators: a.Validators}
	}
	desc := p.Description
	if len(p.Credentials) > 0 {
		desc += " Credentials: " + p.credentialsText("`") + ". A set of credentials is taken whole from this block or whole from the " +
			"environment, and the block wins; a block that sets part of a set is an error."
	}
	return schema.SingleNestedBlock{
		MarkdownDescription: desc,
		Attributes:          attrs,
		Validators:          []validator.Object{credentialsValidator{p}},
	}
}

// markdown is the attribute's documentation: its description, its environment
// variables and its default.
func (a Attr) markdown() string {
	s := a.Description
	if a.Default != "" {
		s += fmt.Sprintf(" Default: `%s`.", a.Default)
	}
	if len(a.Env) > 0 {
		s += " Environment: `" + strings.Join(a.Env, "`, `") + "`."
	}
	if len(a.NegatedEnv) > 0 {
		s += " Also `" + strings.Join(a.NegatedEnv, "`, `") + "` with the opposite value (`false` sets this to `true`)."
	}
	return s
}

// envText names the attribute with its variables, for messages: "token (CONTROLLER_OAUTH_TOKEN or TOWER_OAUTH_TOKEN)".
func (a Attr) envText() string {
	if len(a.Env) == 0 {
		return a.Name
	}
	return a.Name + " (" + strings.Join(a.Env, " or ") + ")"
}

func (p Platform) attr(name string) Attr {
	for _, a := range p.Attrs {
		if a.Name == name {
			return a
		}
	}
	panic(fmt.Sprintf("%s: credential %q is not an attribute of the block", p.Block, name))
}

// setText joins the names of one credential set: "username and password".
func (p Platform) setText(set []string, quote string, withEnv bool) string {
	names := make([]string, len(set))
	for i, n := range set {
		names[i] = quote + n + quote
		if withEnv {
			names[i] = p.attr(n).envText()
		}
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// credentialsText lists the credential sets: "`token`, or `username` and `password`".
func (p Platform) credentialsText(quote string) string {
	var alts []string
	for _, set := range p.Credentials {
		alts = append(alts, p.setText(set, quote, false))
	}
	return strings.Join(alts, ", or ")
}

// NotConfigured lists what configures the platform, with the environment variables,
// for the error of a resource whose platform is not configured.
func (p Platform) NotConfigured() string {
	var parts []string
	for _, a := range p.Attrs {
		if a.Required {
			parts = append(parts, a.envText())
		}
	}
	var alts []string
	for _, set := range p.Credentials {
		alts = append(alts, p.setText(set, "", true))
	}
	switch len(alts) {
	case 0:
	case 1:
		parts = append(parts, alts[0])
	default:
		parts = append(parts, "either "+strings.Join(alts, " or "))
	}
	s := strings.Join(parts, " and ")
	for _, a := range p.Attrs {
		if a.Default != "" && len(a.Env) > 0 {
			s += fmt.Sprintf("; %s defaults to %s", a.envText(), a.Default)
		}
	}
	return s
}

// Configure builds the platform's client from the block (null when absent) and the
// environment: Resolve, then Build. It returns a nil client, and no error, when
// neither the block nor the environment holds any setting of the platform.
func (p Platform) Configure(ctx context.Context, block types.Object, s transport.Settings, env Env) (any, diag.Diagnostics) {
	v, configured, diags := p.Resolve(ctx, block, env)
	if !configured || diags.HasError() {
		return nil, diags
	}
	c, err := p.Build(v, s)
	if err != nil {
		diags.AddAttributeError(path.Root(p.Block), fmt.Sprintf("Invalid %s settings", p.Title), err.Error())
		return nil, diags
	}
	return c, diags
}

// blockValues reads the block's attributes: the set ones (null and "" are unset) and
// whether any attribute is present (non-null, even "" or false) or unknown.
func blockValues(block types.Object) (set map[string]string, present bool, unknown []string) {
	set = map[string]string{}
	if block.IsNull() || block.IsUnknown() {
		return set, false, nil
	}
	for name, v := range block.Attributes() {
		if v == nil || v.IsNull() {
			continue
		}
		present = true
		if v.IsUnknown() {
			unknown = append(unknown, name)
			continue
		}
		switch x := v.(type) {
		case types.String:
			if x.ValueString() != "" {
				set[name] = x.ValueString()
			}
		case types.Bool:
			set[name] = strconv.FormatBool(x.ValueBool())
		default:
			set[name] = fmt.Sprint(x)
		}
	}
	return set, present, unknown
}

// lookup returns the first non-empty variable of the attribute and its name.
func lookup(env Env, a Attr) (value, from string) {
	for _, e := range a.Env {
		if s, ok := env(e); ok && s != "" {
			return s, e
		}
	}
	return "", ""
}

// negated reads the attribute's NegatedEnv: the first variable that holds a boolean,
// inverted.
func negated(env Env, a Attr) (string, bool) {
	for _, e := range a.NegatedEnv {
		if s, ok := env(e); ok {
			if b, err := strconv.ParseBool(strings.TrimSpace(s)); err == nil {
				return strconv.FormatBool(!b), true
			}
		}
	}
	return "", false
}

// Resolve applies the precedence rules once, for every platform:
//   - a setting that is not a credential: the block's value, else the first set
//     environment variable, else the default;
//   - credentials: a set (such as username and password) is taken whole from the
//     block or whole from the environment, and the block wins. A block that sets part
//     of a set, or parts of two sets, is an error naming the attributes; the missing
//     part is never taken from the environment. Without credentials in the block, the
//     first set (in the order of Platform.Credentials) complete in the environment is
//     taken.
//
// configured reports whether the block or the environment holds any setting of the
// platform; when it is false, Values is empty and nothing is checked. A value from
// the environment goes through the attribute's validators, as the block's does at plan.
func (p Platform) Resolve(ctx context.Context, block types.Object, env Env) (v Values, configured bool, diags diag.Diagnostics) {
	inBlock, present, unknown := blockValues(block)
	configured = present
	for _, a := range p.Attrs {
		if s, _ := lookup(env, a); s != "" {
			configured = true
		}
	}
	if !configured {
		return Values{}, false, nil
	}
	for _, name := range unknown {
		diags.AddAttributeError(path.Root(p.Block).AtName(name), fmt.Sprintf("%s %s is not known at plan", p.Title, name),
			fmt.Sprintf("The provider needs %s.%s to plan, but its value is known only after apply. Set it from a variable or a literal, or leave it out and use %s.", p.Block, name, p.attr(name).envText()))
	}
	if len(unknown) > 0 {
		return Values{}, true, diags
	}

	v = Values{m: map[string]string{}}
	fromEnv := map[string]string{} // attribute → the variable its value came from
	credential := map[string]bool{}
	for _, set := range p.Credentials {
		for _, n := range set {
			credential[n] = true
		}
	}
	for _, a := range p.Attrs {
		if credential[a.Name] {
			continue
		}
		if s, ok := inBlock[a.Name]; ok {
			v.m[a.Name] = s
		} else if s, from := lookup(env, a); s != "" {
			v.m[a.Name], fromEnv[a.Name] = s, from
		} else if s, ok := negated(env, a); ok {
			v.m[a.Name] = s
		} else if a.Default != "" {
			v.m[a.Name] = a.Default
		}
	}

	diags.Append(p.checkBlockCredentials(inBlock)...)
	if diags.HasError() {
		return Values{}, true, diags
	}
	chosen := -1
	for i, set := range p.Credentials {
		for _, n := range set {
			if _, ok := inBlock[n]; ok {
				chosen = i // checked above: the block holds the whole set
			}
		}
		if chosen == i {
			for _, n := range set {
				v.m[n] = inBlock[n]
			}
		}
	}
	var partial []string // what partial sets in the environment miss, for the error
	for i, set := range p.Credentials {
		if chosen >= 0 {
			break
		}
		vals, froms, missing := map[string]string{}, map[string]string{}, []string(nil)
		for _, n := range set {
			vals[n], froms[n] = lookup(env, p.attr(n))
			if vals[n] == "" {
				missing = append(missing, p.attr(n).envText())
			}
		}
		if len(missing) == 0 {
			chosen = i
			for _, n := range set {
				v.m[n], fromEnv[n] = vals[n], froms[n]
			}
		} else if len(missing) < len(set) {
			partial = append(partial, missing...)
		}
	}
	if chosen < 0 && len(p.Credentials) > 0 {
		diags.Append(p.credentialsNotSet(partial))
	}

	for _, a := range p.Attrs {
		val := v.m[a.Name]
		at := path.Root(p.Block).AtName(a.Name)
		if from := fromEnv[a.Name]; from != "" {
			for _, d := range validate(ctx, at, a, val) {
				diags.AddAttributeError(at, d.Summary(), d.Detail()+" The value comes from the environment variable "+from+".")
			}
		}
		if a.Required && val == "" {
			detail := fmt.Sprintf("Set %s in the %s block, or %s.", a.Name, p.Block, strings.Join(a.Env, " or "))
			if a.Hint != "" {
				detail += " " + a.Hint
			}
			diags.AddAttributeError(at, fmt.Sprintf("%s %s is not set", p.Title, a.Name), detail)
		}
		if a.BaseURL && val != "" {
			if a.BareHost && !strings.Contains(val, "://") {
				val = "https://" + val // the platforms' own tooling accepts a bare host name
				v.m[a.Name] = val
			}
			diags.Append(tfx.CheckBaseURL(p.Block, val)...)
		}
	}
	if diags.HasError() {
		return Values{}, true, diags
	}
	return v, true, diags
}

// validate runs the attribute's validators on a value from the environment.
func validate(ctx context.Context, at path.Path, a Attr, val string) diag.Diagnostics {
	var diags diag.Diagnostics
	for _, vd := range a.Validators {
		resp := &validator.StringResponse{}
		vd.ValidateString(ctx, validator.StringRequest{Path: at, PathExpression: at.Expression(), ConfigValue: types.StringValue(val)}, resp)
		diags.Append(resp.Diagnostics.Errors()...)
	}
	return diags
}

// credentialsNotSet is the error of a configured platform without a complete set of
// credentials in the block or the environment; partial names what the environment's
// incomplete sets miss.
func (p Platform) credentialsNotSet(partial []string) diag.Diagnostic {
	at := path.Root(p.Block)
	summary := fmt.Sprintf("%s credentials are not set", p.Title)
	if len(p.Credentials) == 1 && len(p.Credentials[0]) == 1 {
		a := p.attr(p.Credentials[0][0])
		at = at.AtName(a.Name)
		summary = fmt.Sprintf("%s %s is not set", p.Title, a.Name)
	}
	var alts []string
	for _, set := range p.Credentials {
		alts = append(alts, p.setText(set, "", true))
	}
	detail := fmt.Sprintf("Set %s, in the %s block or in the environment.", strings.Join(alts, ", or "), p.Block)
	if len(partial) > 0 {
		detail += " Missing from the environment: " + strings.Join(partial, ", ") + "."
	}
	for _, set := range p.Credentials {
		for _, n := range set {
			if h := p.attr(n).Hint; h != "" {
				detail += " " + h
			}
		}
	}
	return diag.NewAttributeErrorDiagnostic(at, summary, detail)
}

// checkBlockCredentials refuses a block that sets part of a credential set, or parts
// of two sets. present holds the attributes the block sets (an unknown value counts:
// at validation, a value from a variable is not known yet).
func (p Platform) checkBlockCredentials(present map[string]string) diag.Diagnostics {
	var diags diag.Diagnostics
	var used []int
	for i, set := range p.Credentials {
		for _, n := range set {
			if _, ok := present[n]; ok {
				used = append(used, i)
				break
			}
		}
	}
	if len(used) > 1 {
		var names []string
		for _, i := range used {
			for _, n := range p.Credentials[i] {
				if _, ok := present[n]; ok {
					names = append(names, n)
				}
			}
		}
		diags.AddAttributeError(path.Root(p.Block).AtName(p.Credentials[used[1]][0]), fmt.Sprintf("Conflicting %s credentials", p.Title),
			fmt.Sprintf("The %s block sets %s: give %s, not several.", p.Block, strings.Join(names, ", "), p.credentialsText("")))
		return diags
	}
	for _, i := range used {
		set := p.Credentials[i]
		var have, missing []string
		for _, n := range set {
			if _, ok := present[n]; ok {
				have = append(have, n)
			} else {
				missing = append(missing, n)
			}
		}
		for _, n := range missing {
			diags.AddAttributeError(path.Root(p.Block).AtName(n), fmt.Sprintf("Incomplete %s credentials", p.Title),
				fmt.Sprintf("The %s block sets %s but not %s. Credentials are taken whole from the block or whole from the environment, "+
					"so %s is not used: set %s in the %s block as well, or remove %s from it to use the environment's.",
					p.Block, strings.Join(have, " and "), n, strings.Join(p.attr(n).Env, " or "), n, p.Block, strings.Join(have, " and ")))
		}
	}
	return diags
}

// credentialsValidator checks the credential sets of a block at plan time.
type credentialsValidator struct{ p Platform }

func (v credentialsValidator) Description(context.Context) string {
	return "credentials are set whole: " + v.p.credentialsText("")
}

func (v credentialsValidator) MarkdownDescription(context.Context) string {
	return "credentials are set whole: " + v.p.credentialsText("`")
}

func (v credentialsValidator) ValidateObject(_ context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	present := map[string]string{}
	inBlock, _, unknown := blockValues(req.ConfigValue)
	for k, s := range inBlock {
		present[k] = s
	}
	for _, k := range unknown {
		present[k] = ""
	}
	resp.Diagnostics.Append(v.p.checkBlockCredentials(present)...)
}
