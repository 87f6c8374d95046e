package ansible

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
)

// Fields are the fields of an application that every platform has, shared by the
// resource and the data source.
type Fields struct {
	ID                     types.String `tfsdk:"id"`
	Name                   types.String `tfsdk:"name"`
	Description            types.String `tfsdk:"description"`
	Organization           types.Int64  `tfsdk:"organization"`
	ClientType             types.String `tfsdk:"client_type"`
	AuthorizationGrantType types.String `tfsdk:"authorization_grant_type"`
	RedirectURIs           types.Set    `tfsdk:"redirect_uris"`
	SkipAuthorization      types.Bool   `tfsdk:"skip_authorization"`
	ClientID               types.String `tfsdk:"client_id"`
}

// GatewayFields are the fields only the AAP gateway's application has.
type GatewayFields struct {
	PostLogoutRedirectURIs types.Set    `tfsdk:"post_logout_redirect_uris"`
	AllowedOrigins         types.Set    `tfsdk:"allowed_origins"`
	AppURL                 types.String `tfsdk:"app_url"`
	Algorithm              types.String `tfsdk:"algorithm"`
	PKCERequired           types.Bool   `tfsdk:"pkce_required"`
}

// ResourceModel is the AWX resource's model, and the common part of the gateway's.
type ResourceModel struct {
	Fields
	RotateWhenChanged types.Map      `tfsdk:"rotate_when_changed"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
	tfx.Secret
}

// GatewayResourceModel is the AAP gateway resource's model.
type GatewayResourceModel struct {
	ResourceModel
	GatewayFields
}

// GatewayDataModel is the AAP gateway data source's model.
type GatewayDataModel struct {
	Fields
	GatewayFields
}

// resourceModel and dataModel give the generic resource and data source the parts of
// a platform's model: the gateway part is nil on AWX.
type resourceModel interface {
	parts() (*ResourceModel, *GatewayFields)
}

type dataModel interface {
	dataParts() (*Fields, *GatewayFields)
}

// resourcePtr and dataPtr constrain the type parameters of the generic resource,
// data source and list resource: P is *M, the pointer to a platform's model.
type resourcePtr[M any] interface {
	*M
	resourceModel
}

type dataPtr[M any] interface {
	*M
	dataModel
}

func (m *ResourceModel) parts() (*ResourceModel, *GatewayFields) { return m, nil }
func (m *GatewayResourceModel) parts() (*ResourceModel, *GatewayFields) {
	return &m.ResourceModel, &m.GatewayFields
}
func (f *Fields) dataParts() (*Fields, *GatewayFields)           { return f, nil }
func (m *GatewayDataModel) dataParts() (*Fields, *GatewayFields) { return &m.Fields, &m.GatewayFields }

// fillApp copies what the platform returned into the fields, and into the gateway's
// fields where the model has them (g is nil on AWX).
func fillApp(f *Fields, g *GatewayFields, a *Application) {
	f.fill(a)
	if g != nil {
		g.fill(a)
	}
}

// fill copies what the platform returned into the fields; the secret is not among them.
func (f *Fields) fill(a *Application) {
	f.ID = types.StringValue(strconv.FormatInt(a.ID, 10))
	f.Name = types.StringValue(a.Name)
	f.Description = types.StringValue(a.Description)
	f.Organization = types.Int64Value(a.Organization)
	f.ClientType = types.StringValue(a.ClientType)
	f.AuthorizationGrantType = types.StringValue(a.AuthorizationGrantType)
	f.RedirectURIs = tfx.SetFromStrings(a.RedirectURIList(), false)
	f.SkipAuthorization = types.BoolValue(a.SkipAuthorization)
	f.ClientID = types.StringValue(a.ClientID)
}

// fill copies the gateway's fields. A field the gateway did not return (an older
// gateway has no pkce_required) keeps the value it had (the configuration's or the
// state's), and is null when that is unknown.
func (g *GatewayFields) fill(a *Application) {
	if a.PostLogoutRedirectURIs != nil {
		g.PostLogoutRedirectURIs = tfx.SetFromStrings(splitSpaces(*a.PostLogoutRedirectURIs), false)
	}
	if a.AllowedOrigins != nil {
		g.AllowedOrigins = tfx.SetFromStrings(splitSpaces(*a.AllowedOrigins), false)
	}
	if a.AppURL != nil {
		g.AppURL = types.StringValue(*a.AppURL)
	}
	if a.Algorithm != nil {
		g.Algorithm = types.StringValue(*a.Algorithm)
	}
	if a.PKCERequired != nil {
		g.PKCERequired = types.BoolValue(*a.PKCERequired)
	}
	for _, s := range []*types.Set{&g.PostLogoutRedirectURIs, &g.AllowedOrigins} {
		if s.IsUnknown() {
			*s = tfx.SetFromStrings(nil, false)
		}
	}
	for _, s := range []*types.String{&g.AppURL, &g.Algorithm} {
		if s.IsUnknown() {
			*s = types.StringValue("")
		}
	}
	if g.PKCERequired.IsUnknown() {
		g.PKCERequired = types.BoolNull()
	}
}

// joined returns a set of strings as the API's space-separated text.
func joined(ctx context.Context, s types.Set, diags *diag.Diagnostics) string {
	vals, d := tfx.StringsFromSet(ctx, s)
	diags.Append(d...)
	return strings.Join(vals, " ")
}

func splitSpaces(s string) []string { return strings.Fields(s) }

// urlSet validates a set of URLs the API takes space-separated: absolute http(s)
// URLs without white space or a fragment.
func urlSet() []validator.Set {
	return []validator.Set{tfx.URLSet(tfx.URLOptions{}), setvalidator.ValueStringsAre(
		stringvalidator.RegexMatches(regexp.MustCompile(`^[^#]*$`), "must not contain a fragment (#...): the platform refuses redirect URIs with fragments"),
	)}
}
