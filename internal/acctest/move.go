package acctest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/registrar-dev/terraform-provider-registrar/internal/provider"
)

// MastercardRestapi is the registry address of the generic REST provider whose
// restapi_object the registrar resources take over with a moved block.
const MastercardRestapi = "registry.terraform.io/mastercard/restapi"

// RestapiState is a restapi_object's state as Mastercard/restapi (an SDKv2
// provider) writes it: every attribute of its schema, data and the answers as
// strings of JSON, api_data as Go's fmt renders the answer's top-level fields.
type RestapiState struct {
	ID, ObjectID   string
	Path, ReadPath string
	IDAttribute    string
	Data           any // marshalled into the `data` string; a string is kept as is
	APIResponse    any // likewise; nil: null
	CreateResponse any // likewise; nil: null (restapi versions before create_response)
	APIData        map[string]string
}

func jsonString(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		return x
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// JSON is the raw state Terraform sends in MoveResourceState.
func (s RestapiState) JSON() []byte {
	st := map[string]any{
		"id": orNull(s.ID), "object_id": orNull(s.ObjectID), "path": orNull(s.Path), "read_path": orNull(s.ReadPath),
		"id_attribute": orNull(s.IDAttribute), "data": jsonString(s.Data),
		"api_response": jsonString(s.APIResponse), "create_response": jsonString(s.CreateResponse), "api_data": s.APIData,
		"create_path": nil, "update_path": nil, "destroy_path": nil, "create_method": nil, "read_method": nil,
		"update_method": nil, "destroy_method": nil, "query_string": nil, "read_data": nil, "update_data": nil,
		"destroy_data": nil, "read_search": nil, "force_new": nil, "debug": false,
	}
	b, _ := json.Marshal(st)
	return b
}

// APIDataOf renders an answer's top-level fields as restapi's api_data does (fmt's %v).
func APIDataOf(answer map[string]any) map[string]string {
	out := make(map[string]string, len(answer))
	for k, v := range answer {
		out[k] = fmt.Sprintf("%v", v)
	}
	return out
}

// MoveResult is the provider's answer to MoveResourceState.
type MoveResult struct {
	// State is the target state's attributes as Go values (nil when none).
	State       map[string]any
	Diagnostics []*tfprotov6.Diagnostic
}

// Move sends MoveResourceState to the registrar provider through its protocol 6
// server, as Terraform does for a moved block, and decodes the target state.
func Move(t testing.TB, sourceProvider, sourceType, targetType string, raw []byte) MoveResult {
	t.Helper()
	ctx := context.Background()
	srv, err := providerserver.NewProtocol6WithError(provider.New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	target, ok := schemas.ResourceSchemas[targetType]
	if !ok {
		t.Fatalf("no resource type %s", targetType)
	}
	resp, err := srv.MoveResourceState(ctx, &tfprotov6.MoveResourceStateRequest{
		SourceProviderAddress: sourceProvider, SourceTypeName: sourceType, SourceSchemaVersion: 0,
		SourceState: &tfprotov6.RawState{JSON: raw}, TargetTypeName: targetType,
	})
	if err != nil {
		t.Fatal(err)
	}
	res := MoveResult{Diagnostics: resp.Diagnostics}
	if resp.TargetState != nil {
		v, err := resp.TargetState.Unmarshal(target.ValueType())
		if err != nil {
			t.Fatalf("decoding the target state: %v", err)
		}
		if m, ok := goValue(v).(map[string]any); ok {
			res.State = m
		}
	}
	return res
}

// goValue converts a Terraform value: null → nil, string, bool, number → int64
// (when whole) or float64, list and set → []any, map and object → map[string]any.
func goValue(v tftypes.Value) any {
	if v.IsNull() || !v.IsKnown() {
		return nil
	}
	switch {
	case v.Type().Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return s
	case v.Type().Is(tftypes.Bool):
		var b bool
		_ = v.As(&b)
		return b
	case v.Type().Is(tftypes.Number):
		var f big.Float
		_ = v.As(&f)
		if i, acc := f.Int64(); acc == big.Exact {
			return i
		}
		x, _ := f.Float64()
		return x
	case v.Type().Is(tftypes.List{}), v.Type().Is(tftypes.Set{}), v.Type().Is(tftypes.Tuple{}):
		var elems []tftypes.Value
		_ = v.As(&elems)
		out := make([]any, 0, len(elems))
		for _, e := range elems {
			out = append(out, goValue(e))
		}
		return out
	default:
		var attrs map[string]tftypes.Value
		_ = v.As(&attrs)
		out := make(map[string]any, len(attrs))
		for k, e := range attrs {
			out[k] = goValue(e)
		}
		return out
	}
}

// Text is every diagnostic of the given severity, summary and detail.
func (r MoveResult) Text(sev tfprotov6.DiagnosticSeverity) string {
	var b strings.Builder
	for _, d := range r.Diagnostics {
		if d.Severity == sev {
			fmt.Fprintf(&b, "%s\n%s\n", d.Summary, d.Detail)
		}
	}
	return b.String()
}

// MoveCase is one MoveResourceState call and what must come of it.
type MoveCase struct {
	Name string
	// SourceProvider and SourceType default to Mastercard's restapi_object.
	SourceProvider, SourceType string
	State                      RestapiState
	// Want holds attributes of the target state (nil: null); other attributes are not checked.
	Want map[string]any
	// WantWarning is in a warning's text ("": no warning at all).
	WantWarning string
	// WantError are parts of the error, in order (nil: no error).
	WantError []string
	// Secret must appear in no diagnostic.
	Secret string
}

// RunMoveCases runs each case against targetType.
func RunMoveCases(t *testing.T, targetType string, cases []MoveCase) {
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			src, typ := c.SourceProvider, c.SourceType
			if src == "" {
				src = MastercardRestapi
			}
			if typ == "" {
				typ = "restapi_object"
			}
			r := Move(t, src, typ, targetType, c.State.JSON())
			errs, warns := r.Text(tfprotov6.DiagnosticSeverityError), r.Text(tfprotov6.DiagnosticSeverityWarning)
			if c.Secret != "" && strings.Contains(errs+warns, c.Secret) {
				t.Errorf("a diagnostic shows the secret")
			}
			if c.WantError != nil {
				if !ErrorMatching(c.WantError...).MatchString(errs) {
					t.Errorf("want an error matching %q, got:\n%s%s", c.WantError, errs, warns)
				}
				if r.State != nil {
					t.Errorf("an error, yet a state: %v", r.State)
				}
				return
			}
			if errs != "" {
				t.Fatalf("unexpected error:\n%s", errs)
			}
			switch {
			case c.WantWarning == "" && warns != "":
				t.Errorf("unexpected warning:\n%s", warns)
			case c.WantWarning != "" && !strings.Contains(warns, c.WantWarning):
				t.Errorf("want a warning holding %q, got:\n%s", c.WantWarning, warns)
			}
			for k, want := range c.Want {
				if got := r.State[k]; !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %#v, want %#v", k, got, want)
				}
			}
		})
	}
}
