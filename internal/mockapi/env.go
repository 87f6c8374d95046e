package mockapi

import (
	"fmt"
	"io"
	"strings"
)

// envLines are the provider's environment variables, one line per platform, in the
// order -print-env prints them.
var envLines = [][]string{
	{"CONTROLLER_HOST", "CONTROLLER_OAUTH_TOKEN"},
	{"LTIAAS_BASE_URL", "LTIAAS_API_KEY"},
	{"VENAFI_URL", "VENAFI_USER", "VENAFI_PASS", "VENAFI_CLIENT_ID"},
	{"TIMEBACK_BASE_URL", "TIMEBACK_TOKEN", "TIMEBACK_CLIENT_ID", "TIMEBACK_CLIENT_SECRET"},
	{"CRONOFY_BASE_URL", "CRONOFY_ADMIN_API_KEY"},
	{"AAP_HOSTNAME", "AAP_TOKEN"},
}

// ProviderEnv is the one source of "point the provider at the mock": the environment
// variables that send every platform of the provider to baseURL with credentials c.
// The standalone binary prints it (-print-env) for the demo, the benchmarks and
// users; the end-to-end tests pass it to terraform.
func ProviderEnv(baseURL string, c Credentials) map[string]string {
	return map[string]string{
		"CONTROLLER_HOST": baseURL, "CONTROLLER_OAUTH_TOKEN": c.AWXToken,
		"LTIAAS_BASE_URL": baseURL, "LTIAAS_API_KEY": c.LTIaaSAPIKey,
		"VENAFI_URL": baseURL, "VENAFI_USER": c.TPPUsername, "VENAFI_PASS": c.TPPPassword, "VENAFI_CLIENT_ID": c.TPPClientID,
		// The client pair too, for a configuration that exchanges it at the mock's
		// token endpoint instead of using the token.
		"TIMEBACK_BASE_URL": baseURL, "TIMEBACK_TOKEN": c.TimebackToken,
		"TIMEBACK_CLIENT_ID": c.TimebackClientID, "TIMEBACK_CLIENT_SECRET": c.TimebackClientSecret,
		"CRONOFY_BASE_URL": baseURL, "CRONOFY_ADMIN_API_KEY": c.CronofyAdminAPIKey,
		"AAP_HOSTNAME": baseURL, "AAP_TOKEN": c.AAPToken,
	}
}

// ProviderEnv is ProviderEnv for the tenant's URL and credentials.
func (t *Tenant) ProviderEnv() map[string]string { return ProviderEnv(t.URL(), t.Creds) }

// WriteEnv writes env as shell `export` lines, one per platform (what -print-env
// prints); a variable env does not have is left out.
func WriteEnv(w io.Writer, env map[string]string) error {
	for _, names := range envLines {
		var parts []string
		for _, n := range names {
			if v, ok := env[n]; ok {
				parts = append(parts, n+"="+shellQuote(v))
			}
		}
		if len(parts) == 0 {
			continue
		}
		if _, err := fmt.Fprintf(w, "export %s\n", strings.Join(parts, " ")); err != nil {
			return err
		}
	}
	return nil
}

// shellQuote leaves a plain value as it is and single-quotes anything else.
func shellQuote(v string) string {
	if v != "" && strings.Trim(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./:@%+,-") == "" {
		return v
	}
	return "'" + strings.ReplaceAll(v, "'", `'\''`) + "'"
}
