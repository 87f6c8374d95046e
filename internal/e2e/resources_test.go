package e2e

import (
	"fmt"
	"strconv"

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

// testResource is what the tests know of one platform's resource: its type, and
// where the mock keeps its objects.
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

// resources are the tests' resources, by provider block name.
var resources = map[string]testResource{
	"awx": {
		resourceType: "registrar_awx_oauth_application",
		held:         heldBy(func(tn *mockapi.Tenant) []mockapi.AnsibleApp { return tn.AWX.All() }, ansibleEntry),
		secrets:      true,
		deletable:    true,
	},
	"aap": {
		resourceType: "registrar_aap_oauth_application",
		held:         heldBy(func(tn *mockapi.Tenant) []mockapi.AnsibleApp { return tn.AAP.All() }, ansibleEntry),
		secrets:      true,
		deletable:    true,
	},
	"ltiaas": {
		resourceType: "registrar_ltiaas_platform",
		held: heldBy(func(tn *mockapi.Tenant) []mockapi.LTIaaSPlatform { return tn.LTIaaS.All() },
			func(p mockapi.LTIaaSPlatform) (string, string) { return p.ID, "" }),
		deletable: true,
	},
	"tpp": {
		resourceType: "registrar_tpp_oauth_application",
		held: heldBy(func(tn *mockapi.Tenant) []mockapi.TPPApp { return tn.TPP.All() },
			func(a mockapi.TPPApp) (string, string) { return a.ID, "" }),
		deletable: true,
	},
	"timeback": {
		resourceType: "registrar_timeback_application",
		held: heldBy(func(tn *mockapi.Tenant) []mockapi.TimebackApp { return tn.Timeback.All() },
			func(a mockapi.TimebackApp) (string, string) { return a.ApplicationID, a.ClientSecret }),
		secrets: true,
	},
	"cronofy": {
		resourceType: "registrar_cronofy_application",
		held: heldBy(func(tn *mockapi.Tenant) []mockapi.CronofyApp { return tn.Cronofy.All() },
			func(a mockapi.CronofyApp) (string, string) { return a.ClientID, a.ClientSecret }),
		secrets: true,
	},
}

// config is header with one resource block of r.
func (r testResource) config(name, body string) string {
	return header + fmt.Sprintf("\nresource %q %q {\n%s\n}\n", r.resourceType, name, body)
}
