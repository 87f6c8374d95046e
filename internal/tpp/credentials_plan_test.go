package tpp_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
)

// threeApps renders three applications with distinct ids.
func threeApps() string {
	out := ""
	for _, n := range []string{"one", "two", "three"} {
		out += fmt.Sprintf(`
resource "registrar_tpp_oauth_application" %q {
  application_id = "registrar-%s"
  name           = "Registrar %s"
  vendor         = "Example Corp"
  scope          = "certificate:manage"
  maximum_scope  = "certificate:manage"
}
`, n, n, n)
	}
	return out
}

// TestApplication_wrongPasswordFailsThePlan: with a password TPP refuses, `terraform
// plan` of three applications fails with TPP's answer and the settings to fix, after
// one token request for the whole plan and no create.
func TestApplication_wrongPasswordFailsThePlan(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	lines := fmt.Sprintf("    username  = %q\n    password  = \"wrong\"\n    client_id = %q\n", tn.Creds.TPPUsername, tn.Creds.TPPClientID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:   env.ProviderConfig(tppBlock(tn, lines)) + threeApps(),
			PlanOnly: true,
			ExpectError: acctest.ErrorMatching("Could not verify the TPP credentials", "/vedauth/authorize/oauth", "HTTP 400",
				"invalid_grant: Username/password combination not valid", "VENAFI_USER, VENAFI_PASS"),
		}},
	})
	if n := acctest.CountRequests(tn, "POST", `(?i)^/vedauth/authorize/oauth$`); n != 1 {
		t.Errorf("the plan requested a token %d times, want once", n)
	}
	if n := acctest.CountRequests(tn, "", `(?i)^/vedsdk/`); n != 0 {
		t.Errorf("the plan sent %d Web SDK requests, want none", n)
	}
}

// TestApplication_wrongAccessTokenFailsThePlan: an access_token TPP does not accept
// fails the plan through GET /vedauth/authorize/verify, once for three applications.
func TestApplication_wrongAccessTokenFailsThePlan(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:   env.ProviderConfig(tppBlock(tn, "    access_token = \"not-a-token\"\n")) + threeApps(),
			PlanOnly: true,
			ExpectError: acctest.ErrorMatching("Could not verify the TPP credentials", "GET /t/"+tn.Name+"/vedauth/authorize/verify", "HTTP 401",
				"invalid_token", "VENAFI_TOKEN"),
		}},
	})
	if n := acctest.CountRequests(tn, "GET", `^/vedauth/authorize/verify$`); n != 1 {
		t.Errorf("the plan sent verify %d times, want once", n)
	}
	if n := acctest.CountRequests(tn, "", `(?i)^/vedsdk/`); n != 0 {
		t.Errorf("the plan sent %d Web SDK requests, want none", n)
	}
}

// TestApplication_validAccessTokenIsVerified: a token TPP issued passes the check, and
// the applications are created with it.
func TestApplication_validAccessTokenIsVerified(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	tok := tn.TPP.IssueToken(tn.Creds.TPPUsername, "admin")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.ProviderConfig(tppBlock(tn, fmt.Sprintf("    access_token = %q\n", tok))) + threeApps(),
			Check: func(*terraform.State) error {
				if n := acctest.CountRequests(tn, "GET", `^/vedauth/authorize/verify$`); n == 0 {
					return fmt.Errorf("the token was never verified")
				}
				if n := acctest.CountRequests(tn, "POST", `(?i)^/vedsdk/oauth/CreateApplication$`); n != 3 {
					return fmt.Errorf("%d creates, want 3", n)
				}
				return nil
			},
		}},
	})
}
