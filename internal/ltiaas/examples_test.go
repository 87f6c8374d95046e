package ltiaas_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

// TestExamples applies the documentation's example (one platform per auth method)
// against the mock, so the published HCL stays valid.
func TestExamples(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	hcl, err := os.ReadFile("../../examples/resources/registrar_ltiaas_platform/resource.tf")
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(tn),
		Steps: []resource.TestStep{{
			Config: env.Config(string(hcl)),
			Check: func(*terraform.State) error {
				methods := map[string]bool{}
				for _, p := range tn.LTIaaS.All() {
					methods[p.AuthConfig.Method] = p.Active
				}
				if len(methods) != 3 || !methods["JWK_SET"] || !methods["JWK_KEY"] || methods["RSA_KEY"] {
					return fmt.Errorf("want JWK_SET and JWK_KEY active and RSA_KEY inactive, got %v", methods)
				}
				return nil
			},
		}},
	})
}
