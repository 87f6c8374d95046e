package tfx

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// OrphanWithoutSecret is Orphan for objects that carry no client secret (LTIaaS
// platforms, TPP applications): the same error for an object whose create response
// was lost, without Orphan's advice about a secret that was in the lost response.
func OrphanWithoutSecret(diags *diag.Diagnostics, op Op, resourceType, id string, cause error) {
	var b strings.Builder
	fmt.Fprintf(&b, "The create request was sent, but its response was lost (%v).\n\n", cause)
	if id != "" {
		fmt.Fprintf(&b, "The platform now holds %s with id %q, which is not in Terraform state. The provider did not send the create again, so there is no duplicate.\n\n", op.Object, id)
		fmt.Fprintf(&b, "Fix: import it, then apply again:\n\n  terraform import %s.<name> %s\n\nor add an import block:\n\n  import {\n    to = %s.<name>\n    id = %q\n  }", resourceType, id, resourceType, id)
	} else {
		fmt.Fprintf(&b, "The provider could not tell whether %s was created, so it did not send the create again. Check the platform: if the object exists, import it with `terraform import %s.<name> <id>`; if it does not, apply again.", op.Object, resourceType)
	}
	diags.AddError(fmt.Sprintf("%s may exist outside Terraform state", capitalize(op.Object)), b.String())
}
