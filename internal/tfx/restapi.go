package tfx

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// RestapiObjectType is the resource type of the generic REST provider
// (registry.terraform.io/Mastercard/restapi) that applications were registered
// with before this provider existed.
const RestapiObjectType = "restapi_object"

// IsRestapiSource reports whether a moved block's source is a restapi_object of a
// provider whose type is restapi, under any host and namespace (Mastercard's, a
// fork's, or a test's hashicorp/restapi).
func IsRestapiSource(providerAddress, typeName string) bool {
	if typeName != RestapiObjectType {
		return false
	}
	addr := strings.TrimSuffix(providerAddress, "/")
	return strings.EqualFold(addr[strings.LastIndex(addr, "/")+1:], "restapi")
}

// RestapiObject is the state of a restapi_object, decoded. Every field is
// optional: restapi's versions differ in what they record.
type RestapiObject struct {
	// ID is the Terraform id: the object id restapi learned from id_attribute.
	ID string
	// ObjectID is object_id, which overrides ID in restapi's requests when set.
	ObjectID string
	// Paths are path, create_path and read_path, those that are set.
	Paths []string
	// DataObject is `data`, the JSON object the configuration sent (the user's arguments).
	DataObject map[string]any
	// APIData is api_data: the top-level fields of the last answer, formatted by Go's fmt.
	APIData map[string]string
	// APIResponse is api_response (the last read's body) and CreateResponse is
	// create_response (the create's body), when they hold a JSON object.
	APIResponse, CreateResponse map[string]any
}

var errDataNotObject = errors.New(`the restapi_object attribute "data" is not a JSON object, so its arguments cannot be read`)

// DecodeRestapiObject decodes the raw state of a restapi_object. It fails only on
// what makes a move impossible or unsafe: no JSON state, or a `data` that is not a
// JSON object. Responses that are not JSON (restapi keeps raw bodies) are ignored.
func DecodeRestapiObject(raw *tfprotov6.RawState) (*RestapiObject, error) {
	if raw == nil || len(raw.JSON) == 0 {
		return nil, errors.New("terraform sent no JSON state for the restapi_object (a state last written by Terraform 0.11 or older holds a flat map: refresh it once with a current Terraform before moving)")
	}
	var s map[string]json.RawMessage
	if err := decodeJSON(raw.JSON, &s); err != nil {
		return nil, fmt.Errorf("the restapi_object state is not a JSON object: %v", err)
	}
	o := &RestapiObject{ID: scalar(s["id"]), ObjectID: scalar(s["object_id"])}
	for _, k := range []string{"path", "create_path", "read_path"} {
		if p := scalar(s[k]); p != "" {
			o.Paths = append(o.Paths, p)
		}
	}
	var ok bool
	if o.DataObject, ok = jsonObject(s["data"]); !ok {
		return nil, errDataNotObject
	}
	o.APIResponse, _ = jsonObject(s["api_response"])
	o.CreateResponse, _ = jsonObject(s["create_response"])
	var apiData map[string]any
	if len(s["api_data"]) > 0 && decodeJSON(s["api_data"], &apiData) == nil && len(apiData) > 0 {
		o.APIData = make(map[string]string, len(apiData))
		for k, v := range apiData {
			if str, ok := v.(string); ok {
				o.APIData[k] = str
			}
		}
	}
	return o, nil
}

func decodeJSON(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	return d.Decode(v)
}

// scalar is a JSON string or number as a string; "" for null, absent or anything else.
func scalar(b json.RawMessage) string {
	var v any
	if len(b) == 0 || decodeJSON(b, &v) != nil {
		return ""
	}
	s, _ := RestapiValue{v: v, ok: true}.String()
	return s
}

// jsonObject decodes a state attribute holding a JSON object: a string of JSON (what
// restapi stores) or, should a version store it so, the object itself. Null, absent
// or an empty string gives nil and true; anything else that is not an object, false.
func jsonObject(b json.RawMessage) (map[string]any, bool) {
	var v any
	if len(b) == 0 || decodeJSON(b, &v) != nil {
		return nil, len(b) == 0
	}
	if s, isString := v.(string); isString {
		if strings.TrimSpace(s) == "" {
			return nil, true
		}
		v = nil
		if decodeJSON([]byte(s), &v) != nil {
			return nil, false
		}
	}
	if v == nil {
		return nil, true
	}
	m, ok := v.(map[string]any)
	return m, ok
}

// RestapiValue is a value found in a restapi_object, or not found.
type RestapiValue struct {
	v  any
	ok bool
}

// Or is v when it was found, else w.
func (v RestapiValue) Or(w RestapiValue) RestapiValue {
	if v.ok {
		return v
	}
	return w
}

// String is the value as a string: a JSON string, or a number or boolean in its JSON form.
func (v RestapiValue) String() (string, bool) {
	switch x := v.v.(type) {
	case string:
		return x, v.ok
	case json.Number:
		return x.String(), v.ok
	case bool:
		return strconv.FormatBool(x), v.ok
	}
	return "", false
}

// Int64 is the value as an integer: a JSON number, or a string of digits (api_data).
func (v RestapiValue) Int64() (int64, bool) {
	s, ok := v.String()
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// Bool is the value as a boolean: JSON true or false, or the strings "true" and "false".
func (v RestapiValue) Bool() (bool, bool) {
	s, ok := v.String()
	if !ok {
		return false, false
	}
	b, err := strconv.ParseBool(s)
	return b, err == nil && (s == "true" || s == "false")
}

// at looks a restapi-style key up: "a/b" reaches into nested objects, as restapi's
// id_attribute does.
func at(m map[string]any, key string) RestapiValue {
	var cur any = m
	for _, part := range strings.Split(key, "/") {
		obj, ok := cur.(map[string]any)
		if !ok {
			return RestapiValue{}
		}
		if cur, ok = obj[part]; !ok {
			return RestapiValue{}
		}
	}
	return RestapiValue{v: cur, ok: cur != nil}
}

// Data looks a key up in `data`: what the configuration sent.
func (o *RestapiObject) Data(key string) RestapiValue { return at(o.DataObject, key) }

// Answer looks the keys up in what the platform answered: the last read
// (api_response), then the create (create_response), then api_data (top-level
// keys only).
func (o *RestapiObject) Answer(keys ...string) RestapiValue {
	for _, m := range []map[string]any{o.APIResponse, o.CreateResponse} {
		for _, k := range keys {
			if v := at(m, k); v.ok {
				return v
			}
		}
	}
	for _, k := range keys {
		if s, ok := o.APIData[k]; ok {
			return RestapiValue{v: s, ok: true}
		}
	}
	return RestapiValue{}
}

// Secret looks a client secret up, the create's answer first (platforms show it
// only there). A masked value, such as AWX's "************", is never returned;
// masked reports that one was seen.
func (o *RestapiObject) Secret(keys ...string) (secret string, masked bool) {
	sources := []func(string) RestapiValue{
		func(k string) RestapiValue { return at(o.CreateResponse, k) },
		func(k string) RestapiValue { return at(o.APIResponse, k) },
		func(k string) RestapiValue {
			s, ok := o.APIData[k]
			return RestapiValue{v: s, ok: ok}
		},
	}
	for _, src := range sources {
		for _, k := range keys {
			s, ok := src(k).String()
			switch {
			case !ok || s == "":
			case IsMasked(s):
				masked = true
			default:
				return s, masked
			}
		}
	}
	return "", masked
}

// IsMasked reports whether a secret is a platform's placeholder rather than the
// secret: only asterisks (AWX answers "************" after the create), or AWX's
// "$encrypted$".
func IsMasked(s string) bool {
	return strings.Trim(s, "*") == "" || s == "$encrypted$"
}

// MoveTarget is the state a move builds, attribute by attribute; attributes left
// alone stay null (the refresh after the move fills what the platform can read).
type MoveTarget struct {
	ctx   context.Context
	state *tfsdk.State
	diags *diag.Diagnostics
}

// attrPath turns "auth_config.method" into a path.
func attrPath(name string) path.Path {
	parts := strings.Split(name, ".")
	p := path.Root(parts[0])
	for _, n := range parts[1:] {
		p = p.AtName(n)
	}
	return p
}

// Set sets an attribute ("name", or "block.name" for a nested attribute).
func (t *MoveTarget) Set(name string, v attr.Value) {
	t.diags.Append(t.state.SetAttribute(t.ctx, attrPath(name), v)...)
}

// String sets a string attribute when the value was found.
func (t *MoveTarget) String(name string, v RestapiValue) {
	if s, ok := v.String(); ok {
		t.Set(name, types.StringValue(s))
	}
}

// Int64 sets an integer attribute when the value was found and is an integer.
func (t *MoveTarget) Int64(name string, v RestapiValue) {
	if n, ok := v.Int64(); ok {
		t.Set(name, types.Int64Value(n))
	}
}

// Bool sets a boolean attribute when the value was found and is a boolean.
func (t *MoveTarget) Bool(name string, v RestapiValue) {
	if b, ok := v.Bool(); ok {
		t.Set(name, types.BoolValue(b))
	}
}

// Secret sets a sensitive attribute from the object's unmasked secret, and reports
// whether there was one.
func (t *MoveTarget) Secret(name string, o *RestapiObject, keys ...string) (found, masked bool) {
	s, masked := o.Secret(keys...)
	if s == "" {
		return false, masked
	}
	t.Set(name, types.StringValue(s))
	return true, masked
}

// RestapiMove is how one resource takes over a restapi_object with a moved block:
// the same id its ImportState takes, what the configuration sent (`data`), and the
// client secret when the object's state holds it unmasked.
type RestapiMove struct {
	// ResourceType is the target type, such as registrar_awx_oauth_application.
	ResourceType string
	// Object names the platform object, such as "an AWX OAuth application".
	Object string
	// PathHint is a part that restapi's path (or create_path, read_path) must
	// contain, case-insensitively, such as "application": a guard against moving an
	// object of another kind.
	PathHint string
	// IDKeys are where the platform's answers or `data` hold the id when restapi's
	// own id is not usable, as restapi paths ("id", "Application/ID").
	IDKeys []string
	// ValidID is the check the resource's ImportState makes.
	ValidID func(string) bool
	// IDFormat describes the id, such as `the numeric AWX id, such as "42"`.
	IDFormat string
	// SecretKeys are where the create answer holds the client secret (none for
	// platforms without one).
	SecretKeys []string
	// SecretExpected tells whether the object should have a secret (nil: always).
	SecretExpected func(*RestapiObject) bool
	// Fill sets the resource's other attributes; "id" is already set.
	Fill func(o *RestapiObject, id string, t *MoveTarget)
}

// StateMover is the resource's MoveState entry for restapi_object. Any other source
// is left alone (no state, no diagnostic), so the framework reports it unsupported.
func (m RestapiMove) StateMover() resource.StateMover {
	return resource.StateMover{StateMover: m.move}
}

func (m RestapiMove) move(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	if !IsRestapiSource(req.SourceProviderAddress, req.SourceTypeName) {
		return
	}
	o, err := DecodeRestapiObject(req.SourceRawState)
	if err != nil {
		what := "unreadable state"
		if errors.Is(err, errDataNotObject) {
			what = `"data" is not a JSON object`
		}
		m.fail(&resp.Diagnostics, what, capitalize(err.Error())+".")
		return
	}
	if !o.pathContains(m.PathHint) {
		m.fail(&resp.Diagnostics, `"path" is not `+m.Object+"'s API",
			fmt.Sprintf("The restapi_object's path %q does not look like the API of %s (it should contain %q): the moved block may name the wrong object, and %s would then manage something else.",
				strings.Join(o.Paths, ", "), m.Object, m.PathHint, m.ResourceType))
		return
	}
	id, problem := m.id(o)
	if problem != "" {
		m.fail(&resp.Diagnostics, `no usable "id"`, problem)
		return
	}
	t := &MoveTarget{ctx: ctx, state: &resp.TargetState, diags: &resp.Diagnostics}
	t.Set("id", types.StringValue(id))
	m.Fill(o, id, t)
	secret := "none"
	if len(m.SecretKeys) > 0 {
		found, masked := t.Secret("client_secret", o, m.SecretKeys...)
		secret = map[bool]string{true: "carried over", false: "not found"}[found]
		if !found && (m.SecretExpected == nil || m.SecretExpected(o)) {
			m.secretWarning(&resp.Diagnostics, masked)
		}
	}
	// Never the secret: only whether it was carried over.
	tflog.Debug(ctx, "moved restapi_object", map[string]any{"source_provider": req.SourceProviderAddress, "target": m.ResourceType, "id": id, "client_secret": secret})
}

func (o *RestapiObject) pathContains(hint string) bool {
	if len(o.Paths) == 0 || hint == "" {
		return true // nothing to judge by
	}
	for _, p := range o.Paths {
		if strings.Contains(strings.ToLower(p), strings.ToLower(hint)) {
			return true
		}
	}
	return false
}

// id picks the first usable id: object_id, restapi's id, then the platform's answers
// and `data` at IDKeys. Without one it says why.
func (m RestapiMove) id(o *RestapiObject) (id, problem string) {
	candidates := []string{o.ObjectID, o.ID}
	for _, k := range m.IDKeys {
		for _, v := range []RestapiValue{o.Answer(k), o.Data(k)} {
			if s, ok := v.String(); ok {
				candidates = append(candidates, s)
			}
		}
	}
	var bad []string
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if m.ValidID(c) {
			return c, ""
		}
		bad = append(bad, fmt.Sprintf("%q", Truncate(c, 40)))
	}
	if len(bad) == 0 {
		return "", fmt.Sprintf("The restapi_object state has no id: its \"id\" attribute is empty, and neither its answers nor its data hold %s.", m.IDFormat)
	}
	return "", fmt.Sprintf("None of the restapi_object's ids (its \"id\" and \"object_id\" attributes, then the ids in its answers and data: %s) is %s.", strings.Join(bad, ", "), m.IDFormat)
}

func (m RestapiMove) fail(diags *diag.Diagnostics, what, detail string) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\nFix: remove the moved block and bring %s under Terraform with an import block (%s), while a removed block makes Terraform forget the restapi_object without deleting it:\n\n", detail, m.Object, m.IDFormat)
	fmt.Fprintf(&b, "  import {\n    to = %s.<name>\n    id = \"<id>\"\n  }\n\n  removed {\n    from = restapi_object.<name>\n    lifecycle {\n      destroy = false\n    }\n  }", m.ResourceType)
	if len(m.SecretKeys) > 0 {
		b.WriteString("\n\nAfter an import the client secret is null: restore it with client_secret_wo and client_secret_wo_version.")
	}
	diags.AddError(fmt.Sprintf("Cannot move restapi_object to %s: %s", m.ResourceType, what), b.String())
}

func (m RestapiMove) secretWarning(diags *diag.Diagnostics, masked bool) {
	why := "The restapi_object state holds no client secret: it has no create_response (older restapi versions do not record the create's answer), and the last read's answer has none."
	if masked {
		why = "The restapi_object state holds the client secret only masked, as the platform answers it after the create (its create_response, where the secret would be, is missing). The mask was not stored as the secret."
	}
	diags.AddWarning("Client secret not carried over",
		fmt.Sprintf("%s\n\nSo client_secret is null after the move to %s. If you hold the secret, restore it without printing it: set client_secret_wo (from a sensitive variable or an ephemeral value) and client_secret_wo_version = 1 on the resource, then apply (no request is sent). If you do not, only a replacement (a new create) issues a new secret.", why, m.ResourceType))
}
