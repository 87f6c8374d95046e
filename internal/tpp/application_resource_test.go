package tpp_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/registrar-dev/terraform-provider-registrar/internal/acctest"
	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

const addr = "registrar_tpp_oauth_application.test"

// base are the arguments of the test application, as HCL literals.
func base() map[string]string {
	return map[string]string{
		"application_id": `"registrar-ci"`,
		"name":           `"Registrar CI"`,
		"vendor":         `"Example Corp"`,
		"description":    `"Registers certificates from CI"`,
		"url":            `"help.example.com/ci"`,
		"scope":          `"certificate:manage"`,
		"maximum_scope":  `"certificate:manage,revoke;configuration"`,
	}
}

// appHCL renders the test resource from base() with changes applied ("" removes an argument).
func appHCL(changes map[string]string) string {
	return acctest.Resource("registrar_tpp_oauth_application", "test", acctest.With(base(), changes))
}

// onServer checks the application as the mock holds it.
func onServer(tn *mockapi.Tenant, id string, check func(a *mockapi.TPPApp) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		a := tn.TPP.Get(id)
		if a == nil {
			return fmt.Errorf("the mock has no application %q", id)
		}
		return check(a)
	}
}

// withValidity is the validity fields the tests configure, with changes applied.
func withValidity(changes map[string]string) map[string]string {
	return acctest.With(map[string]string{"access_validity": "3600", "grant_validity": "86400", "renewable": "true"}, changes)
}

func tppBlock(tn *mockapi.Tenant, lines string) map[string]string {
	return map[string]string{"tpp": fmt.Sprintf("  tpp {\n    base_url = %q\n%s  }\n", tn.URL(), lines)}
}

func TestApplication_createReadImport(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	cfg := env.Config(appHCL(withValidity(nil)))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("registrar-ci")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("url"), knownvalue.StringExact("help.example.com/ci")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("access_validity"), knownvalue.Int64Exact(3600)),
				},
				Check: onServer(tn, "registrar-ci", func(a *mockapi.TPPApp) error {
					want := mockapi.TPPApp{ID: "registrar-ci", Name: "Registrar CI", Vendor: "Example Corp", Description: "Registers certificates from CI",
						URL: "help.example.com/ci", Scope: "certificate:manage", MaximumScope: "certificate:manage,revoke;configuration",
						AccessValidity: 3600, GrantValidity: 86400, Renewable: true}
					if *a != want {
						return fmt.Errorf("TPP holds %+v, want %+v", *a, want)
					}
					return nil
				}),
			},
			{ // refresh: a TPP whose GetApplication leaves the validity fields out; state keeps them
				PreConfig:    func() { tn.TPP.SetHideValidity(true) },
				RefreshState: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "access_validity", "3600"),
					resource.TestCheckResourceAttr(addr, "grant_validity", "86400"),
					resource.TestCheckResourceAttr(addr, "renewable", "true"),
				),
			},
			{ // GetApplication returns the validity fields (the vendor's contract): an import has them all
				PreConfig:         func() { tn.TPP.SetHideValidity(false) },
				ResourceName:      addr,
				ImportState:       true,
				ImportStateId:     "registrar-ci",
				ImportStateVerify: true,
			},
			{
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: "has space",
				ExpectError:   acctest.ErrorMatching("Invalid import id"),
			},
			{ // no changes after apply
				Config:   cfg,
				PlanOnly: true,
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if n := tn.TPP.Count(); n != 0 {
				return fmt.Errorf("after destroy TPP still holds %d applications", n)
			}
			return nil
		},
	})
}

func TestApplication_updateEachField(t *testing.T) {
	cases := []struct {
		attr, value string
		server      func(a *mockapi.TPPApp) bool
	}{
		{"name", `"Renamed"`, func(a *mockapi.TPPApp) bool { return a.Name == "Renamed" }},
		{"vendor", `"Other Corp"`, func(a *mockapi.TPPApp) bool { return a.Vendor == "Other Corp" }},
		{"description", `"changed"`, func(a *mockapi.TPPApp) bool { return a.Description == "changed" }},
		{"url", `""`, func(a *mockapi.TPPApp) bool { return a.URL == "" }},
		{"scope", `"certificate:manage;configuration"`, func(a *mockapi.TPPApp) bool { return a.Scope == "certificate:manage;configuration" }},
		{"maximum_scope", `"admin:grantrights,viewlogs;certificate:manage;configuration;security"`, func(a *mockapi.TPPApp) bool {
			return a.MaximumScope == "admin:grantrights,viewlogs;certificate:manage;configuration;security"
		}},
		{"access_validity", "0", func(a *mockapi.TPPApp) bool { return a.AccessValidity == 0 }},
		{"grant_validity", "31536000", func(a *mockapi.TPPApp) bool { return a.GrantValidity == 31536000 }},
		{"renewable", "false", func(a *mockapi.TPPApp) bool { return !a.Renewable }},
	}
	for _, tc := range cases {
		t.Run(tc.attr, func(t *testing.T) {
			env := acctest.New(t)
			tn := env.Tenant
			first := withValidity(nil)
			second := withValidity(map[string]string{tc.attr: tc.value})
			acctest.Run(t, []resource.TestStep{
				{Config: env.Config(appHCL(first))},
				{
					Config:           env.Config(appHCL(second)),
					ConfigPlanChecks: acctest.PreApply(plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)),
					Check: onServer(tn, "registrar-ci", func(a *mockapi.TPPApp) error {
						if !tc.server(a) {
							return fmt.Errorf("%s = %s did not reach TPP: %+v", tc.attr, tc.value, *a)
						}
						// Every other field is unchanged (the update sent the complete object).
						b := base()
						if tc.attr != "name" && a.Name != strings.Trim(b["name"], `"`) ||
							tc.attr != "access_validity" && a.AccessValidity != 3600 ||
							tc.attr != "grant_validity" && a.GrantValidity != 86400 ||
							tc.attr != "renewable" && !a.Renewable {
							return fmt.Errorf("another field changed: %+v", *a)
						}
						return nil
					}),
				},
				{Config: env.Config(appHCL(second)), PlanOnly: true},
			})
		})
	}
}

func TestApplication_replaceOnApplicationID(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	acctest.Run(t, []resource.TestStep{
		{Config: env.Config(appHCL(nil))},
		{
			Config:           env.Config(appHCL(map[string]string{"application_id": `"registrar-ci-2"`})),
			ConfigPlanChecks: acctest.PreApply(plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("registrar-ci-2")),
			},
			Check: func(*terraform.State) error {
				if tn.TPP.Get("registrar-ci") != nil || tn.TPP.Get("registrar-ci-2") == nil || tn.TPP.Count() != 1 {
					return fmt.Errorf("after the replacement TPP holds %+v", tn.TPP.All())
				}
				return nil
			},
		},
	})
}

func TestApplication_drift(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	cfg := env.Config(appHCL(nil))
	acctest.Run(t, []resource.TestStep{
		{Config: cfg},
		{ // edited behind Terraform's back: the refresh shows it and the apply puts it back
			PreConfig: func() {
				tn.TPP.Edit("registrar-ci", func(a *mockapi.TPPApp) { a.Name = "edited in the console"; a.Scope = "certificate" })
			},
			Config: cfg,
			ConfigPlanChecks: acctest.PreApply(
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("Registrar CI")),
			),
			Check: onServer(tn, "registrar-ci", func(a *mockapi.TPPApp) error {
				if a.Name != "Registrar CI" || a.Scope != "certificate:manage" {
					return fmt.Errorf("the drift was not corrected: %+v", *a)
				}
				return nil
			}),
		},
		{ // deleted behind Terraform's back: the plan creates it again
			PreConfig:        func() { tn.TPP.Delete("registrar-ci") },
			Config:           cfg,
			ConfigPlanChecks: acctest.PreApply(plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)),
			Check:            onServer(tn, "registrar-ci", func(*mockapi.TPPApp) error { return nil }),
		},
	})
}

// TestApplication_updateKeepsValidity is the reset-on-update trap: UpdateApplication
// resets omitted fields to the defaults and GetApplication does not return the
// validity fields, so a rename must send them from state.
func TestApplication_updateKeepsValidity(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	kept := func(name string) resource.TestCheckFunc {
		return onServer(tn, "registrar-ci", func(a *mockapi.TPPApp) error {
			if a.Name != name || a.AccessValidity != 1234 || a.GrantValidity != 5678 || !a.Renewable {
				return fmt.Errorf("TPP holds %+v: the validity fields were reset (defaults %d, %d, %v)", *a,
					mockapi.TPPDefaultAccessValidity, mockapi.TPPDefaultGrantValidity, mockapi.TPPDefaultRenewable)
			}
			return nil
		})
	}
	acctest.Run(t, []resource.TestStep{
		{
			Config: env.Config(appHCL(map[string]string{"access_validity": "1234", "grant_validity": "5678", "renewable": "true"})),
			Check:  kept("Registrar CI"),
		},
		{ // rename with the validity fields configured
			Config: env.Config(appHCL(map[string]string{"name": `"Renamed once"`, "access_validity": "1234", "grant_validity": "5678", "renewable": "true"})),
			Check:  kept("Renamed once"),
		},
		{ // rename with the validity fields no longer configured: the values come from state
			Config: env.Config(appHCL(map[string]string{"name": `"Renamed twice"`})),
			ConfigPlanChecks: acctest.PreApply(
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(addr, tfjsonpath.New("access_validity"), knownvalue.Int64Exact(1234)),
			),
			Check: kept("Renamed twice"),
		},
	})
}

func TestApplication_createDefaults(t *testing.T) {
	env := acctest.New(t)
	acctest.Run(t, []resource.TestStep{
		{
			Config: env.Config(appHCL(map[string]string{"description": "", "url": ""})),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("description"), knownvalue.StringExact("")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("access_validity"), knownvalue.Int64Exact(mockapi.TPPDefaultAccessValidity)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("grant_validity"), knownvalue.Int64Exact(mockapi.TPPDefaultGrantValidity)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("renewable"), knownvalue.Bool(mockapi.TPPDefaultRenewable)),
			},
		},
		{Config: env.Config(appHCL(map[string]string{"description": "", "url": ""})), PlanOnly: true},
	})
}

func TestApplication_duplicateID(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	tn.TPP.Put(mockapi.TPPApp{ID: "registrar-ci", Name: "Made by hand", Vendor: "Someone", Scope: "certificate", MaximumScope: "certificate"})
	acctest.Run(t, []resource.TestStep{
		{
			Config: env.Config(appHCL(nil)),
			// TPP answers Result 19 at HTTP 200: the diagnostic names the code, TPP's Error text, the id and the import command.
			ExpectError: acctest.ErrorMatching("HTTP 200", "Result 19 (ApplicationAlreadyExists", "An application with the ID 'registrar-ci' already exists",
				`already has an OAuth application with application_id "registrar-ci"`, "terraform import registrar_tpp_oauth_application.<name> registrar-ci"),
		},
	})
	if a := tn.TPP.Get("registrar-ci"); a == nil || a.Name != "Made by hand" || tn.TPP.Count() != 1 {
		t.Fatalf("the existing application was changed: %+v", tn.TPP.All())
	}
}

func TestApplication_lostCreateResponse(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	cfg := env.Config(appHCL(nil))
	acctest.Run(t, []resource.TestStep{
		{
			PreConfig:   func() { tn.SetFaults(mockapi.Faults{DropCreates: 1}) },
			Config:      cfg,
			ExpectError: acctest.ErrorMatching("may exist outside Terraform state", "no duplicate", "terraform import registrar_tpp_oauth_application.<name> registrar-ci"),
		},
		{ // the import the diagnostic suggests brings it under Terraform; nothing was duplicated
			PreConfig: func() {
				if n := tn.TPP.Count(); n != 1 {
					t.Fatalf("TPP holds %d applications after the lost create, want 1", n)
				}
			},
			Config: cfg + "\nimport {\n  to = " + addr + "\n  id = \"registrar-ci\"\n}\n",
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("registrar-ci")),
			},
		},
	})
}

func TestApplicationDataSource(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	tn.TPP.Put(mockapi.TPPApp{ID: "vcert-sdk", Name: "VCert SDK", Vendor: "Venafi", Description: "d", URL: "help.example.com",
		Scope: "certificate:manage", MaximumScope: "certificate:manage;configuration", AccessValidity: 3600, GrantValidity: 7200, Renewable: true,
		UnusedExpiration: 600, GrantCount: 5, UserCount: 3})
	const ds = "data.registrar_tpp_oauth_application.test"
	acctest.Run(t, []resource.TestStep{
		{
			Config: env.Config(`data "registrar_tpp_oauth_application" "test" { application_id = "vcert-sdk" }`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("id"), knownvalue.StringExact("vcert-sdk")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("name"), knownvalue.StringExact("VCert SDK")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("vendor"), knownvalue.StringExact("Venafi")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("url"), knownvalue.StringExact("help.example.com")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("maximum_scope"), knownvalue.StringExact("certificate:manage;configuration")),
				// GetApplication returns the validity fields and counters (the vendor's contract).
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("access_validity"), knownvalue.Int64Exact(3600)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("grant_validity"), knownvalue.Int64Exact(7200)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("renewable"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("unused_expiration"), knownvalue.Int64Exact(600)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("grant_count"), knownvalue.Int64Exact(5)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("user_count"), knownvalue.Int64Exact(3)),
			},
		},
		{
			Config:      env.Config(`data "registrar_tpp_oauth_application" "test" { application_id = "missing" }`),
			ExpectError: acctest.ErrorMatching("TPP OAuth application not found", `"missing"`),
		},
	})
}

// TestApplication_updateKeepsUnusedExpiration: UpdateApplication resets an omitted
// UnusedExpiration, so every update sends back the value TPP holds: one set in the
// console, or one configured and then no longer configured.
func TestApplication_updateKeepsUnusedExpiration(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	unused := func(want int) resource.TestCheckFunc {
		return onServer(tn, "registrar-ci", func(a *mockapi.TPPApp) error {
			if a.UnusedExpiration != want {
				return fmt.Errorf("TPP holds UnusedExpiration %d, want %d (%+v)", a.UnusedExpiration, want, *a)
			}
			return nil
		})
	}
	acctest.Run(t, []resource.TestStep{
		{Config: env.Config(appHCL(nil)), Check: unused(mockapi.TPPDefaultUnusedExpiration)},
		{ // set in the TPP console, then a rename: the update sends it back
			PreConfig: func() { tn.TPP.Edit("registrar-ci", func(a *mockapi.TPPApp) { a.UnusedExpiration = 2592000 }) },
			Config:    env.Config(appHCL(map[string]string{"name": `"Renamed"`})),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("unused_expiration"), knownvalue.Int64Exact(2592000)),
			},
			Check: unused(2592000),
		},
		{ // configured
			Config: env.Config(appHCL(map[string]string{"name": `"Renamed"`, "unused_expiration": "600"})),
			Check:  unused(600),
		},
		{ // no longer configured, and another change: the value stays
			Config:           env.Config(appHCL(map[string]string{"name": `"Renamed again"`})),
			ConfigPlanChecks: acctest.PreApply(plancheck.ExpectKnownValue(addr, tfjsonpath.New("unused_expiration"), knownvalue.Int64Exact(600))),
			Check:            unused(600),
		},
		{Config: env.Config(appHCL(map[string]string{"name": `"Renamed again"`})), PlanOnly: true},
	})
}

// TestApplication_readsValidityFields: GetApplication returns the validity fields
// (in either answer shape), so out-of-band changes are detected and corrected, and
// GrantValidity null (never expires) is null in state and kept by updates.
func TestApplication_readsValidityFields(t *testing.T) {
	env := acctest.New(t)
	tn := env.Tenant
	cfg := env.Config(appHCL(map[string]string{"access_validity": "3600"}))
	acctest.Run(t, []resource.TestStep{
		{Config: cfg},
		{ // changed in the console: the refresh sees it and the apply puts it back
			PreConfig:        func() { tn.TPP.Edit("registrar-ci", func(a *mockapi.TPPApp) { a.AccessValidity = 99 }) },
			Config:           cfg,
			ConfigPlanChecks: acctest.PreApply(plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)),
			Check: onServer(tn, "registrar-ci", func(a *mockapi.TPPApp) error {
				if a.AccessValidity != 3600 {
					return fmt.Errorf("the drift was not corrected: %+v", *a)
				}
				return nil
			}),
		},
		{ // the docs' answer shape; grants set to never expire in the console
			PreConfig: func() {
				tn.TPP.SetGetApplicationKey("Application")
				tn.TPP.Edit("registrar-ci", func(a *mockapi.TPPApp) { a.GrantNeverExpires = true; a.Renewable = true })
			},
			RefreshState: true,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckNoResourceAttr(addr, "grant_validity"),
				resource.TestCheckResourceAttr(addr, "renewable", "true"),
			),
		},
		{ // a rename keeps "never expires" and the console's renewable (neither is configured)
			Config: env.Config(appHCL(map[string]string{"access_validity": "3600", "name": `"Renamed"`})),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("grant_validity"), knownvalue.Null()),
			},
			Check: onServer(tn, "registrar-ci", func(a *mockapi.TPPApp) error {
				if a.Name != "Renamed" || !a.GrantNeverExpires || !a.Renewable {
					return fmt.Errorf("the update reset the grant validity or renewable: %+v", *a)
				}
				return nil
			}),
		},
		{Config: env.Config(appHCL(map[string]string{"access_validity": "3600", "name": `"Renamed"`})), PlanOnly: true},
	})
}
