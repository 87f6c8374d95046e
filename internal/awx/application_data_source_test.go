package awx_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

func TestApplication_dataSource(t *testing.T) {
	env := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.Config(hcl("lookup", "confidential", "authorization-code", "") + `
data "registrar_awx_oauth_application" "by_id" {
  id = registrar_awx_oauth_application.test.id
}
data "registrar_awx_oauth_application" "by_name" {
  name         = registrar_awx_oauth_application.test.name
  organization = 1
}`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.CompareValuePairs(addr, tfjsonpath.New("client_id"), "data.registrar_awx_oauth_application.by_id", tfjsonpath.New("client_id"), compare.ValuesSame()),
				statecheck.CompareValuePairs(addr, tfjsonpath.New("id"), "data.registrar_awx_oauth_application.by_name", tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.registrar_awx_oauth_application.by_name", tfjsonpath.New("redirect_uris"),
					knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("https://app.example.com/callback")})),
			},
		}},
	})
}
