package mockapi_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// TestAppsPrintWithoutSecrets: a test that prints a stored application never shows
// its client secret.
func TestAppsPrintWithoutSecrets(t *testing.T) {
	for _, v := range []any{
		mockapi.AWXApp{ID: 1, Name: "a", ClientID: "id-a", ClientSecret: "secret-awx"},
		[]mockapi.TimebackApp{{Name: "t", ClientID: "id-t", ClientSecret: "secret-tb", SandboxClientSecret: "secret-sb"}},
		&mockapi.CronofyApp{Name: "c", ClientID: "id-c", ClientSecret: "secret-cr"},
	} {
		for _, f := range []string{"%v", "%+v", "%s"} {
			out := fmt.Sprintf(f, v)
			if strings.Contains(out, "secret-") || !strings.Contains(out, "id-") {
				t.Errorf("%s of %T = %q", f, v, out)
			}
		}
	}
}
