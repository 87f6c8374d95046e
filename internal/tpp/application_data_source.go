package tpp

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
)

// NewApplicationDataSource returns the registrar_tpp_oauth_application data source.
func NewApplicationDataSource() datasource.DataSource {
	return &providerdata.DataSource[*Client, applicationDataModel]{
		WithClient: providerdata.WithClient[*Client]{TypeSuffix: "_tpp_oauth_application", Block: "tpp"},
		DataSchema: dataSourceSchema,
		Lookup:     lookUpApplication,
	}
}

// applicationDataModel is the application's fields, shared with the resource, plus
// TPP's read-only counters (left out of the resource: they change with every grant).
type applicationDataModel struct {
	applicationFields
	GrantCount types.Int64 `tfsdk:"grant_count"`
	UserCount  types.Int64 `tfsdk:"user_count"`
}

// dataSourceSchema is the data source's schema.
var dataSourceSchema = schema.Schema{
	MarkdownDescription: "Looks up a TPP OAuth application (API integration) by `application_id` with GetApplication (its answer may hold the application as `Application` or as `Applications`; both are read). " +
		"`access_validity`, `grant_validity`, `renewable`, `unused_expiration`, `grant_count` and `user_count` are null when TPP's answer leaves them out " +
		"(the doc example of GetApplication does not show them; the vendor's contract does). `grant_validity` is also null when grants never expire.",
	Attributes: map[string]schema.Attribute{
		"application_id": schema.StringAttribute{
			MarkdownDescription: "The application id (the \"Client ID\" in the TPP console).",
			Required:            true,
			Validators:          []validator.String{stringvalidator.RegexMatches(applicationIDRe, "must be a non-empty id without white space")},
		},
		"id":                schema.StringAttribute{MarkdownDescription: "The application id.", Computed: true},
		"name":              schema.StringAttribute{MarkdownDescription: "The application's name.", Computed: true},
		"vendor":            schema.StringAttribute{MarkdownDescription: "The vendor's name.", Computed: true},
		"description":       schema.StringAttribute{MarkdownDescription: "The description.", Computed: true},
		"url":               schema.StringAttribute{MarkdownDescription: "The URL to learn more about the application (free text).", Computed: true},
		"scope":             schema.StringAttribute{MarkdownDescription: "The minimum scope.", Computed: true},
		"maximum_scope":     schema.StringAttribute{MarkdownDescription: "The maximum scope.", Computed: true},
		"access_validity":   schema.Int64Attribute{MarkdownDescription: "Token validity in seconds; null when TPP does not return it.", Computed: true},
		"grant_validity":    schema.Int64Attribute{MarkdownDescription: "Grant validity in seconds; null when grants never expire (`GrantValidity: null`) or TPP does not return it.", Computed: true},
		"renewable":         schema.BoolAttribute{MarkdownDescription: "Whether grants are renewable; null when TPP does not return it.", Computed: true},
		"unused_expiration": schema.Int64Attribute{MarkdownDescription: "How long, in seconds, an unused grant lives (`UnusedExpiration`); null when TPP does not return it.", Computed: true},
		"grant_count":       schema.Int64Attribute{MarkdownDescription: "How many grants the application holds (`GrantCount`); null when TPP does not return it.", Computed: true},
		"user_count":        schema.Int64Attribute{MarkdownDescription: "How many users hold grants for the application (`UserCount`); null when TPP does not return it.", Computed: true},
	},
}

// lookUpApplication fills the data source from the application named by `application_id`.
func lookUpApplication(ctx context.Context, c *Client, cfg *applicationDataModel, diags *diag.Diagnostics) {
	id := cfg.ApplicationID.ValueString()
	app, err := c.Get(ctx, id)
	if IsNotFound(err) {
		diags.AddError("TPP OAuth application not found",
			fmt.Sprintf("TPP has no OAuth application with application_id %q: check the id (the \"Client ID\" on TPP's API Integrations page).", id))
		return
	}
	if err != nil {
		tfx.APIError(diags, tfx.Op{Verb: "read", Object: objectName(id), Credentials: credentialsHint}, err, fixFor(c, "read", err))
		return
	}
	cfg.fill(app) // validity fields TPP leaves out stay null
	cfg.GrantCount = types.Int64PointerValue(app.GrantCount)
	cfg.UserCount = types.Int64PointerValue(app.UserCount)
}
