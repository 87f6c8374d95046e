package e2e

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// header is what every test configuration starts with: the provider from its
// registry address (dev_overrides serve the built binary), configured from the
// environment the workspace sets.
const header = `
terraform {
  required_providers {
    registrar = { source = "registrar-dev/registrar" }
  }
}
provider "registrar" {}
`

// testResource is what the tests know of one platform's resource.
type testResource struct {
	resourceType string
	// held returns every object the mock holds: the id the resource keeps in state →
	// the secret the platform issued ("" for a platform that issues none).
	held func(tn *mockapi.Tenant) map[string]string
	// secrets: the platform issues a client secret with each object.
	secrets bool
	// deletable: destroy deletes the object on the platform (Timeback and Cronofy
	// cannot delete an application: destroy leaves it there).
	deletable bool
	// create matches the path of the platform's create request (a POST).
	create *regexp.Regexp
	// interruptBody is the resource's arguments for the interrupted-apply test;
	// count.index makes each instance unique.
	interruptBody string
	// converged checks the platform's objects once the interrupted-apply test's
	// second apply is done.
	converged func(t *testing.T, tn *mockapi.Tenant)
	// canaryBody is the resource's arguments for the secret canary test, for a
	// resource that holds a secret.
	canaryBody string
}

// heldBy builds a testResource's held from the mock's objects of one kind and what
// the resource keeps of each (its id in state, the issued secret).
func heldBy[T any](all func(tn *mockapi.Tenant) []T, entry func(T) (id, secret string)) func(tn *mockapi.Tenant) map[string]string {
	return func(tn *mockapi.Tenant) map[string]string {
		out := map[string]string{}
		for _, o := range all(tn) {
			id, secret := entry(o)
			out[id] = secret
		}
		return out
	}
}

// ansibleEntry is what an AWX or AAP gateway application keeps in state.
func ansibleEntry(a mockapi.AnsibleApp) (string, string) { return strconv.Itoa(a.ID), a.ClientSecret }

// ansibleBody are the arguments of an AWX or AAP gateway application named name.
func ansibleBody(name, grant string) string {
	return fmt.Sprintf(`  name                     = %q
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = %q`, name, grant)
}

// resources are the tests' resources, by provider block name.
var resources = map[string]testResource{
	"awx": {
		resourceType:  "registrar_awx_oauth_application",
		held:          heldBy(func(tn *mockapi.Tenant) []mockapi.AnsibleApp { return tn.AWX.All() }, ansibleEntry),
		secrets:       true,
		deletable:     true,
		create:        regexp.MustCompile(`^/api/v2/applications/?$`),
		interruptBody: ansibleBody("interrupted-${count.index}", "password"),
		canaryBody:    ansibleBody("canary", "password"),
	},
	"aap": {
		resourceType:  "registrar_aap_oauth_application",
		held:          heldBy(func(tn *mockapi.Tenant) []mockapi.AnsibleApp { return tn.AAP.All() }, ansibleEntry),
		secrets:       true,
		deletable:     true,
		create:        regexp.MustCompile(`^/api/gateway/v1/applications/?$`),
		interruptBody: ansibleBody("interrupted-${count.index}", "password"),
		canaryBody: ansibleBody("canary-portal", "authorization-code") + `
  redirect_uris            = ["https://portal.example.com/cb"]`,
	},
	"ltiaas": {
		resourceType: "registrar_ltiaas_platform",
		held: heldBy(func(tn *mockapi.Tenant) []mockapi.LTIaaSPlatform { return tn.LTIaaS.All() },
			func(p mockapi.LTIaaSPlatform) (string, string) { return p.ID, "" }),
		deletable: true,
		create:    regexp.MustCompile(`^/(admin|api)/platforms/?$`),
		// active = false: LTIaaS registers a platform active, so each create is
		// followed by a deactivate call, which the signal may cut short.
		interruptBody: `  url                     = "https://lms-${count.index}.example.edu"
  client_id               = "interrupted-${count.index}"
  name                    = "LMS ${count.index}"
  authentication_endpoint = "https://lms-${count.index}.example.edu/auth"
  access_token_endpoint   = "https://lms-${count.index}.example.edu/token"
  active                  = false
  auth_config = {
    method = "JWK_SET"
    key    = "https://lms-${count.index}.example.edu/jwks"
  }`,
		converged: func(t *testing.T, tn *mockapi.Tenant) {
			for _, p := range tn.LTIaaS.All() {
				if p.Active {
					t.Errorf("LTIaaS platform %s is still active after the second apply", p.ID)
				}
			}
		},
	},
	"tpp": {
		resourceType: "registrar_tpp_oauth_application",
		held: heldBy(func(tn *mockapi.Tenant) []mockapi.TPPApp { return tn.TPP.All() },
			func(a mockapi.TPPApp) (string, string) { return a.ID, "" }),
		deletable: true,
		create:    regexp.MustCompile(`(?i)^/vedsdk/oauth/createapplication/?$`),
		interruptBody: `  application_id = "interrupted-${count.index}"
  name           = "Interrupted ${count.index}"
  vendor         = "Example Corp"
  scope          = "certificate:manage"
  maximum_scope  = "certificate:manage,revoke"`,
	},
	"timeback": {
		resourceType: "registrar_timeback_application",
		held: heldBy(func(tn *mockapi.Tenant) []mockapi.TimebackApp { return tn.Timeback.All() },
			func(a mockapi.TimebackApp) (string, string) { return a.ApplicationID, a.ClientSecret }),
		secrets: true,
		create:  regexp.MustCompile(`^/applications/1\.0/drafts/?$`),
		// Each create is followed by two reads (credentials, then the application),
		// which the signal may cut short.
		interruptBody: `  name        = "interrupted-${count.index}"
  description = "Interrupted apply ${count.index}"
  launch_url  = "https://quiz.example.com/launch/${count.index}"`,
		canaryBody: `  name        = "canary-quiz"
  description = "canary"
  launch_url  = "https://quiz.example.com/launch"`,
	},
	"cronofy": {
		resourceType: "registrar_cronofy_application",
		held: heldBy(func(tn *mockapi.Tenant) []mockapi.CronofyApp { return tn.Cronofy.All() },
			func(a mockapi.CronofyApp) (string, string) { return a.ClientID, a.ClientSecret }),
		secrets: true,
		create:  regexp.MustCompile(`^/v1/applications/?$`),
		// redirect_uris: each create is followed by Cronofy's verification call,
		// which the signal may cut short.
		interruptBody: `  name                 = "interrupted-${count.index}"
  url                  = "https://scheduler-${count.index}.example.com"
  redirect_uris        = ["https://scheduler-${count.index}.example.com/callback"]
  contact_email        = "platform-team@example.com"
  contact_display_name = "Platform team"`,
		converged: func(t *testing.T, tn *mockapi.Tenant) {
			for _, a := range tn.Cronofy.All() {
				if !a.Production || len(a.RedirectURIs) != 1 {
					t.Errorf("Cronofy application %s was not verified after the second apply (production %v, %d redirect URIs)", a.ClientID, a.Production, len(a.RedirectURIs))
				}
			}
		},
		canaryBody: `  name = "canary-scheduler"
  url  = "https://scheduler.example.com"`,
	},
}

// config is header with one resource block of r.
func (r testResource) config(name, body string) string {
	return header + fmt.Sprintf("\nresource %q %q {\n%s\n}\n", r.resourceType, name, body)
}
