package acctest

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// ExpectCount is a check that count, the number of objects the mock holds (such
// as tn.AWX.Count), is want; what names them in the message ("applications").
func ExpectCount(what string, count func() int, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := count(); n != want {
			return fmt.Errorf("the mock holds %d %s, want %d", n, what, want)
		}
		return nil
	}
}

// MovedFromRestapi is the moved block that hands restapi_object.test over to the
// resource at address to.
func MovedFromRestapi(to string) string {
	return fmt.Sprintf(`
moved {
  from = restapi_object.test
  to   = %s
}
`, to)
}

// MoveTest runs steps as a parallel test with the provider and the restapi
// provider (WithRestapi(o)), on Terraform 1.8 or later: a moved block between
// resource types of different providers needs 1.8.
func MoveTest(t *testing.T, o RestapiOptions, steps []resource.TestStep) {
	t.Helper()
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: WithRestapi(o),
		Steps:                    steps,
	})
}

// WriteOnlySecret are the resource arguments that record a secret the user holds
// with client_secret_wo, at version 1.
func WriteOnlySecret(secret string) string {
	return fmt.Sprintf("  client_secret_wo         = %q\n  client_secret_wo_version = 1\n", secret)
}
