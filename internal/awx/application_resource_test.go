package awx_test

import "fmt"

// The resource's behaviour is tested for both of its flavours, AWX and the AAP
// gateway, in internal/ansible; this package tests what only AWX has (its versions
// and the controller path) and the resource's identity and moves.

const addr = "registrar_awx_oauth_application.test"

func appHCL(name, extra string) string {
	return fmt.Sprintf(`
resource "registrar_awx_oauth_application" "test" {
  name                     = %q
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "authorization-code"
  redirect_uris            = ["https://app.example.com/callback"]
%s
}
`, name, extra)
}
