package ansible

import (
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// Flavor is what a platform package tells the shared resource and data source: its
// names, its messages and whether its applications have the gateway's fields.
type Flavor struct {
	// Block is the provider block ("awx"); TypeSuffix follows the provider's type
	// name ("_awx_oauth_application").
	Block, TypeSuffix string
	// Title names the platform in messages ("AWX", "the AAP gateway").
	Title string
	// Object names an application in messages ("AWX OAuth application").
	Object string
	// Credentials names the settings to check on a 401.
	Credentials string
	// Gateway adds the gateway's fields.
	Gateway bool
	// ResourceDescription and DataSourceDescription are the schemas' descriptions;
	// IDDescription describes the id.
	ResourceDescription, DataSourceDescription, IDDescription string
	// EndpointGone is the fix when the applications endpoint itself answers 404.
	EndpointGone func(apiPath string) string
	// Unauthorized is the fix for a 401 ("" for the default), given the API path.
	Unauthorized func(apiPath string) string
	// ForbiddenCreate is the fix for a 403 on create ("" for the default).
	ForbiddenCreate string
	// Legacy, when set, tells an API path whose applications the platform no longer
	// uses: the detail of a warning given when the resource is configured (at plan
	// and apply), or "" for none.
	Legacy func(apiPath string) string
}

// ResourceType is the resource's full type name.
func (f Flavor) ResourceType() string { return "registrar" + f.TypeSuffix }

func (f Flavor) op(verb, object string) tfx.Op {
	return tfx.Op{Verb: verb, Object: object, Credentials: f.Credentials}
}

// apiError reports a failed call with the fix the platform's answer calls for.
func (f Flavor) apiError(diags *diag.Diagnostics, c *Client, op tfx.Op, err error, fix string) {
	if fix == "" {
		switch transport.StatusOf(err) {
		case http.StatusUnauthorized:
			if f.Unauthorized != nil {
				fix = f.Unauthorized(c.APIPath())
			}
		case http.StatusForbidden:
			if op.Verb == "create" {
				fix = f.ForbiddenCreate
			}
		}
	}
	tfx.APIError(diags, op, err, fix)
}

// Platform describes a flavour's provider block to the provider: the block's settings
// and the flavour's resource, data source and list resource. RM is the resource's
// model (ResourceModel, or GatewayResourceModel with the gateway's fields), DM the
// data source's and list results' (Fields, or GatewayDataModel).
func Platform[RM, DM any, RP resourcePtr[RM], DP dataPtr[DM]](b Block, f Flavor, description string) providerdata.Platform {
	return providerdata.Platform{
		Block:         f.Block,
		Title:         f.Title,
		Description:   description,
		Attrs:         b.Attrs(),
		Credentials:   Credentials,
		Build:         b.Build,
		Resources:     []func() resource.Resource{func() resource.Resource { return NewResource[RM, RP](f) }},
		DataSources:   []func() datasource.DataSource{func() datasource.DataSource { return NewDataSource[DM, DP](f) }},
		ListResources: []func() list.ListResource{func() list.ListResource { return NewListResource[DM, DP](f) }},
	}
}
