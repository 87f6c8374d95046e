package awx_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

func TestApplication_credentialErrors(t *testing.T) {
	env := acctest.New(t)
	body := hcl("cred", "public", "password", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.ProviderConfig(map[string]string{"awx": ""}) + body,
				ExpectError: acctest.ErrorMatching(`The AWX platform is not configured`, `CONTROLLER_HOST`, `CONTROLLER_OAUTH_TOKEN`),
			},
			{
				Config:      env.ProviderConfig(map[string]string{"awx": fmt.Sprintf("  awx {\n    base_url = %q\n    token = \"wrong\"\n  }\n", env.Tenant.URL())}) + body,
				ExpectError: acctest.ErrorMatching(`HTTP 401`, `Authentication credentials were not provided.`, `CONTROLLER_OAUTH_TOKEN`),
			},
			{ // username and password work too
				Config: env.ProviderConfig(map[string]string{"awx": fmt.Sprintf("  awx {\n    base_url = %q\n    username = %q\n    password = %q\n  }\n",
					env.Tenant.URL(), env.Tenant.Creds.AWXUsername, env.Tenant.Creds.AWXPassword)}) + body,
				Check: mockCount(env.Tenant, 1),
			},
		},
	})
}
