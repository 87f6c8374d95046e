package timeback

import (
	"errors"
	"fmt"

	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// credentialCheck describes the client's CheckCredentials for
// tfx.PlanCredentialCheck; ok is false for a client that has none (a test double).
func credentialCheck(client API) (tfx.CredentialCheck, bool) {
	c, ok := client.(credentialChecker)
	if !ok {
		return tfx.CredentialCheck{}, false
	}
	return tfx.CredentialCheck{Platform: "Timeback", Block: "timeback", BaseURL: c.BaseURL(), Credentials: credentialsHint, Check: c.CheckCredentials,
		Fix: func(err error) string {
			var re *transport.RequestError
			if errors.As(err, &re) {
				return fmt.Sprintf("Check that the timeback block's token_url (or, when it is unset, base_url %s, whose /auth/1.0/token exchanges the client credentials) is right and reachable from where Terraform runs, then plan again.", c.BaseURL())
			}
			return ""
		}}, true
}
