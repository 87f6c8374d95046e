package ltiaas_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

// TestPlatform_methodMismatchPointsAtMethod: a key of another method's shape (a key
// set URL given with JWK_KEY) is reported on auth_config.method, the attribute to
// change, named in the text (Terraform cannot underline an attribute inside an object
// value); an unknown method names auth_config.method too.
func TestPlatform_methodMismatchPointsAtMethod(t *testing.T) {
	env := acctest.New(t)
	mismatch := base("60000000000077")
	mismatch.Method, mismatch.Key = "JWK_KEY", "https://lms.example.com/jwks"
	unknown := base("60000000000078")
	unknown.Method = "PEM"
	acctest.Run(t, []resource.TestStep{
		{
			Config:      env.Config(mismatch.hcl("test")),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Invalid JSON Web Key.*auth_config.method\s+is\s+probably\s+wrong.*use\s+method\s+=\s+"JWK_SET"`),
		},
		{
			Config:      env.Config(unknown.hcl("test")),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Attribute\s+auth_config.method\s+value\s+must\s+be\s+one\s+of`),
		},
	})
}
