package tfx

import (
	"context"
	"fmt"
	"iter"
	"reflect"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// MaxListItems bounds every listing: a list resource stops after this many objects,
// with a warning (transport.MaxListObjects; a variable so that tests can lower it).
// The paging loops are bounded by transport.Pager as well.
var MaxListItems = transport.MaxListObjects

// ListItem is one object a list call found.
type ListItem struct {
	// DisplayName is what `terraform query` shows for it.
	DisplayName string
	// Fields points to a struct whose `tfsdk`-tagged fields are attributes of the
	// resource (embedded structs included). It never holds a secret: the attributes it
	// leaves out (secrets, write-only arguments, timeouts) stay null in the result.
	Fields any
}

// Lister walks a platform's list call and passes every object to yield until yield
// returns false. It bounds its own paging (MaxListItems, and a next page that does
// not advance ends it).
type Lister func(ctx context.Context, yield func(ListItem) bool) error

// ListStream turns a Lister into the results of a list resource: each carries the
// identity, copied from the object's attributes, and the object itself when the
// request asks for it. It stops at the request's limit and at MaxListItems. An error
// of the list call becomes an error diagnostic naming op.
func ListStream(ctx context.Context, req list.ListRequest, op Op, lister Lister) iter.Seq[list.ListResult] {
	return func(push func(list.ListResult) bool) {
		count := 0
		stopped := false
		err := lister(ctx, func(item ListItem) bool {
			if count >= MaxListItems {
				stopped = true
				r := list.ListResult{}
				r.Diagnostics.AddWarning("List truncated",
					fmt.Sprintf("Listing %s stopped after %d objects, the provider's bound on one listing. Narrow the query with its filters to see the rest.", op.Object, MaxListItems))
				push(r)
				return false
			}
			count++
			if !push(listResult(ctx, req, item)) || (req.Limit > 0 && int64(count) >= req.Limit) {
				stopped = true
				return false
			}
			return true
		})
		if err != nil && !stopped {
			var diags diag.Diagnostics
			APIError(&diags, op, err, "")
			push(list.ListResult{Diagnostics: diags})
		}
	}
}

func listResult(ctx context.Context, req list.ListRequest, item ListItem) list.ListResult {
	r := req.NewListResult(ctx)
	r.DisplayName = item.DisplayName
	res := *r.Resource
	r.Diagnostics.Append(SetFields(ctx, &res, item.Fields)...)
	if r.Diagnostics.HasError() {
		return r
	}
	r.Diagnostics.Append(IdentityFromState(ctx, tfsdk.State{Schema: res.Schema, Raw: res.Raw}, r.Identity)...)
	if req.IncludeResource {
		r.Resource = &res
	} else {
		r.Resource = nil
	}
	return r
}

// SetFields sets every `tfsdk`-tagged field of the struct fields points to (embedded
// structs included) as the attribute of that name; the other attributes stay as they
// are (null in a new list result).
func SetFields(ctx context.Context, res *tfsdk.Resource, fields any) diag.Diagnostics {
	var diags diag.Diagnostics
	v := reflect.Indirect(reflect.ValueOf(fields))
	setFields(ctx, res, v, &diags)
	return diags
}

func setFields(ctx context.Context, res *tfsdk.Resource, v reflect.Value, diags *diag.Diagnostics) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			setFields(ctx, res, v.Field(i), diags)
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("tfsdk"), ",")
		if name == "" || name == "-" {
			continue
		}
		val, ok := v.Field(i).Interface().(attr.Value)
		if !ok {
			continue
		}
		diags.Append(res.SetAttribute(ctx, path.Root(name), val)...)
	}
}
