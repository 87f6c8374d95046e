package timeback

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// NewApplicationDataSource returns the registrar_timeback_application data source.
func NewApplicationDataSource() datasource.DataSource {
	return &providerdata.DataSource[*Client, applicationDataModel]{
		WithClient: providerdata.WithClient[*Client]{TypeSuffix: "_timeback_application", Block: "timeback"},
		DataSchema: dataSourceSchema,
		Lookup:     lookUpApplication,
	}
}

type applicationDataModel struct {
	applicationFields
	Status types.String `tfsdk:"status"`
}

// dataSourceSchema is the data source's schema.
var dataSourceSchema = schema.Schema{
	MarkdownDescription: "Looks up a Timeback application by `id` (`GET /applications/1.0/{id}` and its `/credentials`). " +
		"The client secret is never available here: Timeback shows it only once, at registration.",
	Attributes: map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "The application's id (`applicationId`, a UUID).",
			Required:            true,
			Validators:          []validator.String{tfx.UUID()},
		},
		"name":              schema.StringAttribute{MarkdownDescription: "The application's name.", Computed: true},
		"description":       schema.StringAttribute{MarkdownDescription: "The description.", Computed: true},
		"launch_url":        schema.StringAttribute{MarkdownDescription: "The LTI launch URL.", Computed: true},
		"application_type":  schema.StringAttribute{MarkdownDescription: "`learning_app`, `assessment` or `internal`.", Computed: true},
		"status":            schema.StringAttribute{MarkdownDescription: "Timeback's status: `active`, `inactive` or `tobedeleted`.", Computed: true},
		"app_urn":           schema.StringAttribute{MarkdownDescription: "The URN, `urn:uuid:<id>`.", Computed: true},
		"client_id":         schema.StringAttribute{MarkdownDescription: "The production OAuth client id.", Computed: true},
		"scopes":            schema.ListAttribute{MarkdownDescription: "The production scopes.", ElementType: types.StringType, Computed: true},
		"token_url":         schema.StringAttribute{MarkdownDescription: "The application's token endpoint.", Computed: true},
		"sandbox_client_id": schema.StringAttribute{MarkdownDescription: "The sandbox client id (`sandboxCredentials`); null when Timeback reports no sandbox client.", Computed: true},
		"sandbox_scopes":    schema.ListAttribute{MarkdownDescription: "The sandbox client's scopes.", ElementType: types.StringType, Computed: true},
		"sandbox_token_url": schema.StringAttribute{MarkdownDescription: "The sandbox client's token endpoint.", Computed: true},
	},
}

// lookUpApplication fills the data source from the application named by `id` and its credentials.
func lookUpApplication(ctx context.Context, c *Client, cfg *applicationDataModel, diags *diag.Diagnostics) {
	id := cfg.ID.ValueString()
	op := tfx.Op{Verb: "read", Object: fmt.Sprintf("Timeback application %s", id), Credentials: credentialsHint}
	app, creds, _, err := getApplication(ctx, c, id)
	if transport.IsNotFound(err) {
		diags.AddAttributeError(path.Root("id"), "Timeback application not found",
			fmt.Sprintf("Timeback has no application %s (HTTP 404). Check the id, and that base_url is the environment (production, staging or sandbox) it was registered on.", id))
		return
	}
	if err != nil {
		tfx.APIError(diags, op, err, "")
		return
	}
	cfg.fill(app, creds)
	cfg.Status = types.StringValue(app.Status)
}
