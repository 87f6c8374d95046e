package tfx

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// IdentityAttribute is one attribute of a resource identity. Every identity attribute
// is a string with the same name as an attribute of the resource, which holds the
// same value: the identity is always copied from the resource's state.
type IdentityAttribute struct {
	Name        string
	Description string
}

// WithIdentity is embedded in a resource to give it a resource identity (Terraform
// 1.12+, OpenTofu 1.12+): `import { identity = {...} }` and the identity that list
// results carry. Fill it in the resource's constructor, and after every State.Set in
// Create, Read and Update call SetIdentity. Read's not-found path (Gone) sets it too.
type WithIdentity struct {
	IdentityAttributes []IdentityAttribute
}

// IdentitySchema implements resource.ResourceWithIdentity.
func (w WithIdentity) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = w.Schema()
}

// Schema is the identity schema: every attribute required for an import by identity.
func (w WithIdentity) Schema() identityschema.Schema {
	attrs := make(map[string]identityschema.Attribute, len(w.IdentityAttributes))
	for _, a := range w.IdentityAttributes {
		attrs[a.Name] = identityschema.StringAttribute{Description: a.Description, RequiredForImport: true}
	}
	return identityschema.Schema{Attributes: attrs}
}

// SetIdentity copies the identity attributes from state into the identity, when the
// resource has one (identity is nil when the caller does not support identities).
func SetIdentity(ctx context.Context, diags *diag.Diagnostics, state tfsdk.State, identity *tfsdk.ResourceIdentity) {
	if identity == nil || state.Raw.IsNull() {
		return
	}
	diags.Append(IdentityFromState(ctx, state, identity)...)
}

// IdentityFromState copies every attribute of the identity schema from the attribute of
// the same name in state.
func IdentityFromState(ctx context.Context, state tfsdk.State, identity *tfsdk.ResourceIdentity) diag.Diagnostics {
	var diags diag.Diagnostics
	for _, name := range identityNames(identity) {
		var v types.String
		diags.Append(state.GetAttribute(ctx, path.Root(name), &v)...)
		diags.Append(identity.SetAttribute(ctx, path.Root(name), v)...)
	}
	return diags
}

// IdentityValues returns the identity's attributes as strings (null and unknown ones
// are left out).
func IdentityValues(ctx context.Context, identity *tfsdk.ResourceIdentity) (map[string]string, diag.Diagnostics) {
	var diags diag.Diagnostics
	out := map[string]string{}
	for _, name := range identityNames(identity) {
		var v types.String
		diags.Append(identity.GetAttribute(ctx, path.Root(name), &v)...)
		if !v.IsNull() && !v.IsUnknown() {
			out[name] = v.ValueString()
		}
	}
	return out, diags
}

func identityNames(identity *tfsdk.ResourceIdentity) []string {
	if identity == nil || identity.Schema == nil {
		return nil
	}
	var names []string
	for name := range identity.Schema.GetAttributes() {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
