package acctest

import (
	"context"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/registrar-dev/terraform-provider-registrar/internal/provider"
)

// ListServer is the provider served in process, configured against the test's
// tenant, for calling the ListResource RPC that `terraform query` uses: no CLI here
// can run `terraform query`, so the list resources are tested through the server.
type ListServer struct {
	t      testing.TB
	srv    tfprotov6.ProviderServer
	schema *tfprotov6.GetProviderSchemaResponse
	ids    map[string]*tfprotov6.ResourceIdentitySchema
}

// ListResult is one decoded list result.
type ListResult struct {
	DisplayName string
	// Identity holds the identity attributes (strings).
	Identity map[string]string
	// Resource is the resource object (nil when not asked for); Values its attributes.
	Resource map[string]tftypes.Value
}

// ListDiag is a diagnostic of a list call.
type ListDiag struct {
	Severity        tfprotov6.DiagnosticSeverity
	Summary, Detail string
}

// NewListServer runs GetProviderSchema and ConfigureProvider, with the platform
// blocks given (block -> attribute -> value) and every other setting null.
func (e *Env) NewListServer(t testing.TB, blocks map[string]map[string]string) *ListServer {
	t.Helper()
	ctx := context.Background()
	srv := provider.NewProtocol6("test")()
	schema, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || hasError(schema.Diagnostics) {
		t.Fatalf("GetProviderSchema: %v %s", err, diagText(schema.Diagnostics))
	}
	ids, err := srv.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil || hasError(ids.Diagnostics) {
		t.Fatalf("GetResourceIdentitySchemas: %v %s", err, diagText(ids.Diagnostics))
	}
	typ := schema.Provider.ValueType().(tftypes.Object)
	vals := map[string]tftypes.Value{"max_retries": tftypes.NewValue(tftypes.Number, 2), "retry_max_wait_seconds": tftypes.NewValue(tftypes.Number, 1)}
	for block, attrs := range blocks {
		bt := typ.AttributeTypes[block].(tftypes.Object)
		bv := map[string]tftypes.Value{}
		for k, v := range attrs {
			bv[k] = tftypes.NewValue(tftypes.String, v)
		}
		vals[block] = object(bt, bv)
	}
	cfg, err := tfprotov6.NewDynamicValue(typ, object(typ, vals))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.14.0", Config: &cfg})
	if err != nil || hasError(resp.Diagnostics) {
		t.Fatalf("ConfigureProvider: %v %s", err, diagText(resp.Diagnostics))
	}
	return &ListServer{t: t, srv: srv, schema: schema, ids: ids.IdentitySchemas}
}

// object is a value of typ with the given attributes and every other one null.
func object(typ tftypes.Object, vals map[string]tftypes.Value) tftypes.Value {
	all := map[string]tftypes.Value{}
	for k, at := range typ.AttributeTypes {
		if v, ok := vals[k]; ok {
			all[k] = v
		} else {
			all[k] = tftypes.NewValue(at, nil)
		}
	}
	return tftypes.NewValue(typ, all)
}

// ListSchema returns the list resource's config schema (nil when there is none).
func (s *ListServer) ListSchema(typeName string) *tfprotov6.Schema {
	return s.schema.ListResourceSchemas[typeName]
}

// List calls the ListResource RPC with the filters given (string or int64 values)
// and returns the decoded results and every diagnostic.
func (s *ListServer) List(typeName string, filters map[string]any, includeResource bool, limit int64) ([]ListResult, []ListDiag) {
	s.t.Helper()
	ctx := context.Background()
	ls := s.schema.ListResourceSchemas[typeName]
	if ls == nil {
		s.t.Fatalf("no list resource %s in the provider schema", typeName)
	}
	lt := ls.ValueType().(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for k, v := range filters {
		switch v := v.(type) {
		case string:
			vals[k] = tftypes.NewValue(tftypes.String, v)
		case int64:
			vals[k] = tftypes.NewValue(tftypes.Number, v)
		default:
			s.t.Fatalf("filter %s: unsupported type %T", k, v)
		}
	}
	cfg, err := tfprotov6.NewDynamicValue(lt, object(lt, vals))
	if err != nil {
		s.t.Fatal(err)
	}
	stream, err := s.srv.(tfprotov6.ProviderServerWithListResource).ListResource(ctx, &tfprotov6.ListResourceRequest{ //nolint:staticcheck
		TypeName: typeName, Config: &cfg, IncludeResource: includeResource, Limit: limit,
	})
	if err != nil {
		s.t.Fatalf("ListResource: %v", err)
	}
	rt := s.schema.ResourceSchemas[typeName].ValueType()
	it := identityType(s.ids[typeName])
	var results []ListResult
	var diags []ListDiag
	for r := range stream.Results {
		for _, d := range r.Diagnostics {
			diags = append(diags, ListDiag{Severity: d.Severity, Summary: d.Summary, Detail: d.Detail})
		}
		if r.Identity == nil {
			continue
		}
		res := ListResult{DisplayName: r.DisplayName, Identity: map[string]string{}}
		iv, err := r.Identity.IdentityData.Unmarshal(it)
		if err != nil {
			s.t.Fatalf("identity: %v", err)
		}
		var im map[string]tftypes.Value
		if err := iv.As(&im); err != nil {
			s.t.Fatal(err)
		}
		for k, v := range im {
			var str string
			if v.IsKnown() && !v.IsNull() {
				if err := v.As(&str); err != nil {
					s.t.Fatal(err)
				}
				res.Identity[k] = str
			}
		}
		if r.Resource != nil {
			rv, err := r.Resource.Unmarshal(rt)
			if err != nil {
				s.t.Fatalf("resource: %v", err)
			}
			if !rv.IsNull() {
				if err := rv.As(&res.Resource); err != nil {
					s.t.Fatal(err)
				}
			}
		}
		results = append(results, res)
	}
	return results, diags
}

func identityType(s *tfprotov6.ResourceIdentitySchema) tftypes.Object {
	at := map[string]tftypes.Type{}
	if s != nil {
		for _, a := range s.IdentityAttributes {
			at[a.Name] = a.Type
		}
	}
	return tftypes.Object{AttributeTypes: at}
}

// GeneratedConfig writes what `terraform query -generate-config-out` writes for a
// list result: an import block with the identity's id (Terraform 1.11 has no import
// by identity, so the id the resource's import takes) and a resource block with the
// object's non-computed arguments (Required or Optional, not write-only, not
// sensitive). name is the resource's local name.
func (s *ListServer) GeneratedConfig(typeName, name, importID string, r ListResult) string {
	s.t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "import {\n  to = %s.%s\n  id = %q\n}\n\n", typeName, name, importID)
	fmt.Fprintf(&b, "resource %q %q {\n", typeName, name)
	var names []string
	attrs := map[string]*tfprotov6.SchemaAttribute{}
	for _, a := range s.schema.ResourceSchemas[typeName].Block.Attributes {
		if (a.Required || a.Optional) && !a.WriteOnly && !a.Sensitive {
			names = append(names, a.Name)
			attrs[a.Name] = a
		}
	}
	sort.Strings(names)
	for _, n := range names {
		v := r.Resource[n]
		if v.IsNull() || !v.IsKnown() {
			continue
		}
		fmt.Fprintf(&b, "  %s = %s\n", n, hclValue(s.t, v))
	}
	b.WriteString("}\n")
	return b.String()
}

// hclValue renders a known value as HCL.
func hclValue(t testing.TB, v tftypes.Value) string {
	t.Helper()
	switch {
	case v.Type().Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return fmt.Sprintf("%q", s)
	case v.Type().Is(tftypes.Bool):
		var x bool
		_ = v.As(&x)
		return fmt.Sprint(x)
	case v.Type().Is(tftypes.Number):
		f := new(big.Float)
		_ = v.As(&f)
		return f.Text('f', -1)
	case v.Type().Is(tftypes.Set{}) || v.Type().Is(tftypes.List{}):
		var elems []tftypes.Value
		_ = v.As(&elems)
		parts := make([]string, len(elems))
		for i, e := range elems {
			parts[i] = hclValue(t, e)
		}
		sort.Strings(parts)
		return "[" + strings.Join(parts, ", ") + "]"
	case v.Type().Is(tftypes.Object{}) || v.Type().Is(tftypes.Map{}):
		var m map[string]tftypes.Value
		_ = v.As(&m)
		var parts []string
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if m[k].IsNull() {
				continue
			}
			parts = append(parts, fmt.Sprintf("%s = %s", k, hclValue(t, m[k])))
		}
		return "{ " + strings.Join(parts, ", ") + " }"
	}
	t.Fatalf("cannot render %s as HCL", v.Type())
	return ""
}

func hasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

func diagText(diags []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "\n%s: %s", d.Summary, d.Detail)
	}
	return b.String()
}
