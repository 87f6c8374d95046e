package ltiaas_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

func TestPlatformDataSource(t *testing.T) {
	env := acctest.New(t)
	p := base("12000000000012")
	p.AuthorizationServer = "https://canvas.example.edu/aud"
	lookups := `
data "registrar_ltiaas_platform" "by_id" {
  id = registrar_ltiaas_platform.test.id
}

data "registrar_ltiaas_platform" "by_pair" {
  url       = registrar_ltiaas_platform.test.url
  client_id = registrar_ltiaas_platform.test.client_id
}
`
	var checks []resource.TestCheckFunc
	for _, ds := range []string{"data.registrar_ltiaas_platform.by_id", "data.registrar_ltiaas_platform.by_pair"} {
		for _, a := range []string{"id", "url", "client_id", "name", "authentication_endpoint", "access_token_endpoint",
			"auth_config.method", "auth_config.key", "authorization_server", "active", "public_key"} {
			checks = append(checks, resource.TestCheckResourceAttrPair(ds, a, addr, a))
		}
	}
	acctest.Run(t, []resource.TestStep{
		{
			Config: env.Config(p.hcl("test") + lookups),
			Check:  resource.ComposeAggregateTestCheckFunc(checks...),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.registrar_ltiaas_platform.by_pair", tfjsonpath.New("name"), knownvalue.StringExact("Canvas")),
			},
		},
		{
			Config: env.Config(p.hcl("test") + `
data "registrar_ltiaas_platform" "missing" {
  url       = "https://canvas.example.edu"
  client_id = "no-such-client"
}
`),
			ExpectError: acctest.ErrorMatching("LTIaaS platform not found", "no-such-client"),
		},
		{
			Config: env.Config(p.hcl("test") + `
data "registrar_ltiaas_platform" "missing" {
  id = "0123456789abcdef0123456789abcdef"
}
`),
			ExpectError: acctest.ErrorMatching("LTIaaS platform not found", "0123456789abcdef0123456789abcdef"),
		},
		{
			Config: env.Config(p.hcl("test") + `
data "registrar_ltiaas_platform" "half" {
  url = "https://canvas.example.edu"
}
`),
			ExpectError: acctest.ErrorMatching("Error:", "Invalid Attribute Combination", "client_id"),
		},
		{ // back to a valid configuration, for the destroy
			Config: env.Config(p.hcl("test")),
		},
	})
}
