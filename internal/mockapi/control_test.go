package mockapi_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// control sends one /_mock request and returns the status and the body.
func control(t *testing.T, method, url, body string) (int, string) {
	t.Helper()
	st, _, b := mockapi.Send(t, method, url, nil, body)
	return st, string(b)
}

// controlBase is the /_mock prefix that reaches the tenant's objects.
func controlBase(tn *mockapi.Tenant) string {
	root, _, _ := strings.Cut(tn.URL(), "/t/")
	return root + "/_mock/tenants/" + tn.Name
}

// TestControl_deleteEveryKind deletes one object of each platform through /_mock:
// the object is gone, a second delete and an unknown id answer 404.
func TestControl_deleteEveryKind(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	ids := seedEveryKind(t, tn)
	kinds := mockapi.ControlKinds()
	if len(kinds) != len(ids) {
		t.Fatalf("ControlKinds lists %d kinds, the test seeds %d", len(kinds), len(ids))
	}
	for _, kind := range kinds {
		id, ok := ids[kind]
		if !ok {
			t.Fatalf("no object seeded for %s", kind)
		}
		before := tn.Counts()[strings.Split(kind, "/")[0]]
		if st, body := control(t, "DELETE", controlBase(tn)+"/"+kind+"/"+id, ""); st != http.StatusNoContent {
			t.Fatalf("DELETE %s/%s: %d %s", kind, id, st, body)
		}
		if after := tn.Counts()[strings.Split(kind, "/")[0]]; after != before-1 {
			t.Fatalf("%s: %d objects after the delete, want %d", kind, after, before-1)
		}
		if st, body := control(t, "DELETE", controlBase(tn)+"/"+kind+"/"+id, ""); st != http.StatusNotFound || !strings.Contains(body, "has no object") {
			t.Fatalf("second DELETE %s/%s: %d %s", kind, id, st, body)
		}
	}
	if st, body := control(t, "DELETE", controlBase(tn)+"/awx/widgets/1", ""); st != http.StatusNotFound || !strings.Contains(body, "awx/applications") {
		t.Fatalf("unknown kind: %d %s", st, body)
	}
	if st, _ := control(t, "GET", controlBase(tn)+"/awx/applications/1", ""); st != http.StatusMethodNotAllowed {
		t.Fatalf("GET of an object: %d, want 405", st)
	}
}

// seedEveryKind stores one object on every platform behind the provider's back and
// returns its id by ControlKinds entry.
func seedEveryKind(t *testing.T, tn *mockapi.Tenant) map[string]string {
	t.Helper()
	st, m := awxDo(t, tn, "POST", "/api/v2/applications/", map[string]any{
		"name": "a", "organization": 1, "client_type": "confidential",
		"authorization_grant_type": "password",
	})
	if st != http.StatusCreated {
		t.Fatalf("AWX create: %d %v", st, m)
	}
	p := tn.LTIaaS.Register(mockapi.LTIaaSPlatform{URL: "https://lms.example.edu", ClientID: "c", Name: "n"})
	tn.TPP.Put(mockapi.TPPApp{ID: "tpp-1", Name: "t", Scope: "certificate", MaximumScope: "certificate"})
	tb := tn.Timeback.Add(mockapi.TimebackApp{Name: "tb"})
	cr := tn.Cronofy.Add("cr", "https://cr.example.com", "api.cronofy.com")
	st, g := aapDo(t, tn, "POST", "/api/gateway/v1/applications/", aapApp("g", 1))
	if st != http.StatusCreated {
		t.Fatalf("AAP create: %d %v", st, g)
	}
	return map[string]string{
		"aap/applications":      jsonNumber(g["id"]),
		"awx/applications":      jsonNumber(m["id"]),
		"ltiaas/platforms":      p.ID,
		"tpp/applications":      "tpp-1",
		"timeback/applications": strings.ToUpper(tb.ApplicationID), // ids are matched case-insensitively
		"cronofy/applications":  cr.ClientID,
	}
}

func jsonNumber(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestControl_patch edits fields of an object: only the named fields change, the
// answer never shows the secret, and a later read on the platform API sees the change.
func TestControl_patch(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	ids := seedEveryKind(t, tn)
	awxID := ids["awx/applications"]
	before := tn.AWX.All()[0]

	st, body := control(t, "PATCH", controlBase(tn)+"/awx/applications/"+awxID, `{"name": "renamed", "description": "changed behind Terraform's back"}`)
	if st != http.StatusOK || !strings.Contains(body, `"renamed"`) {
		t.Fatalf("PATCH: %d %s", st, body)
	}
	if strings.Contains(body, before.ClientSecret) || strings.Contains(strings.ToLower(body), "secret") {
		t.Fatalf("the PATCH answer shows the secret: %s", body)
	}
	after := tn.AWX.All()[0]
	if after.Name != "renamed" || after.Description != "changed behind Terraform's back" ||
		after.ClientSecret != before.ClientSecret || after.Organization != before.Organization || !after.Modified.After(before.Modified) {
		t.Fatalf("after PATCH: %v (modified %v, before %v)", after, after.Modified, before.Modified)
	}
	if st, m := awxDo(t, tn, "GET", "/api/v2/applications/"+awxID+"/", nil); st != 200 || m["name"] != "renamed" {
		t.Fatalf("GET after PATCH: %d %v", st, m)
	}

	// Nested fields merge; field names match the object's JSON case-insensitively.
	st, body = control(t, "PATCH", controlBase(tn)+"/ltiaas/platforms/"+ids["ltiaas/platforms"], `{"authConfig": {"key": "https://other.example.edu/jwks"}, "active": false}`)
	p := tn.LTIaaS.Get(ids["ltiaas/platforms"])
	if st != 200 || p.AuthConfig.Key != "https://other.example.edu/jwks" || p.Active || p.Name != "n" {
		t.Fatalf("LTIaaS PATCH: %d %s → %+v", st, body, p)
	}
	st, body = control(t, "PATCH", controlBase(tn)+"/timeback/applications/"+ids["timeback/applications"], `{"launchurl": "https://moved.example.com/launch"}`)
	if a := tn.Timeback.FindByName("tb"); st != 200 || a.LaunchURL != "https://moved.example.com/launch" {
		t.Fatalf("Timeback PATCH: %d %s", st, body)
	}

	for _, bad := range []struct{ body, want string }{
		{`{"no_such_field": 1}`, "no_such_field"},
		{`{"name": 5}`, "do not fit"},
		{`{"id": 999}`, "cannot be changed"},
		{`[1]`, "JSON object"},
		{`null`, "JSON object"},
		{`{`, "JSON object"},
	} {
		st, body := control(t, "PATCH", controlBase(tn)+"/awx/applications/"+awxID, bad.body)
		if st != http.StatusBadRequest || !strings.Contains(body, bad.want) {
			t.Errorf("PATCH %s: %d %s, want 400 with %q", bad.body, st, body, bad.want)
		}
	}
	if a := tn.AWX.All()[0]; a.ID != after.ID || a.Name != "renamed" {
		t.Fatalf("a refused PATCH changed the object: %v", a)
	}
	if st, _ := control(t, "PATCH", controlBase(tn)+"/awx/applications/12345", `{"name": "x"}`); st != http.StatusNotFound {
		t.Fatalf("PATCH of an unknown id: %d", st)
	}
}

// TestControl_defaultTenant: without tenants/<t>/ the object endpoints act on the
// default tenant (the one the standalone binary serves at the root).
func TestControl_defaultTenant(t *testing.T) {
	s := mockapi.New()
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	s.SetURL(ts.URL)
	def := s.Tenant("default")
	other := s.NewTenant(t.Name())
	a := def.Timeback.Add(mockapi.TimebackApp{Name: "same"})
	b := other.Timeback.Add(mockapi.TimebackApp{Name: "same", ApplicationID: a.ApplicationID})

	if st, body := control(t, "PATCH", ts.URL+"/_mock/timeback/applications/"+a.ApplicationID, `{"description": "drifted"}`); st != 200 {
		t.Fatalf("PATCH: %d %s", st, body)
	}
	if st, body := control(t, "DELETE", ts.URL+"/_mock/timeback/applications/"+a.ApplicationID, ""); st != http.StatusNoContent {
		t.Fatalf("DELETE: %d %s", st, body)
	}
	if def.Timeback.Count() != 0 || other.Timeback.Get(b.ApplicationID) == nil || other.Timeback.Get(b.ApplicationID).Description == "drifted" {
		t.Fatal("the default-tenant endpoints reached another tenant")
	}
	// The tenant endpoints still need tenants/<t>/.
	if st, _ := control(t, "GET", ts.URL+"/_mock/counts", ""); st != http.StatusNotFound {
		t.Fatalf("GET /_mock/counts: %d, want 404", st)
	}
	if st, _ := control(t, "GET", ts.URL+"/_mock/tenants/default/counts", ""); st != http.StatusOK {
		t.Fatalf("GET counts: %d", st)
	}
}

// TestProviderEnv: every platform's base URL is the tenant's, every credential is
// the tenant's, and WriteEnv prints one export line per platform with them all.
func TestProviderEnv(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	env := tn.ProviderEnv()
	c := tn.Creds
	want := map[string]string{
		"CONTROLLER_HOST": tn.URL(), "LTIAAS_BASE_URL": tn.URL(), "VENAFI_URL": tn.URL(), "TIMEBACK_BASE_URL": tn.URL(), "CRONOFY_BASE_URL": tn.URL(), "AAP_HOSTNAME": tn.URL(),
		"CONTROLLER_OAUTH_TOKEN": c.AWXToken, "LTIAAS_API_KEY": c.LTIaaSAPIKey,
		"VENAFI_USER": c.TPPUsername, "VENAFI_PASS": c.TPPPassword, "VENAFI_CLIENT_ID": c.TPPClientID,
		"TIMEBACK_TOKEN": c.TimebackToken, "TIMEBACK_CLIENT_ID": c.TimebackClientID, "TIMEBACK_CLIENT_SECRET": c.TimebackClientSecret,
		"CRONOFY_ADMIN_API_KEY": c.CronofyAdminAPIKey, "AAP_TOKEN": c.AAPToken,
	}
	for k, v := range want {
		if env[k] != v || v == "" {
			t.Errorf("%s = %q, want %q", k, env[k], v)
		}
	}
	if len(env) != len(want) {
		t.Errorf("ProviderEnv has %d variables, want %d", len(env), len(want))
	}
	var b bytes.Buffer
	if err := mockapi.WriteEnv(&b, env); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 6 {
		t.Fatalf("WriteEnv printed %d lines, want one per platform:\n%s", len(lines), b.String())
	}
	var printed []string
	for _, l := range lines {
		rest, ok := strings.CutPrefix(l, "export ")
		if !ok {
			t.Fatalf("not an export line: %q", l)
		}
		for _, kv := range strings.Fields(rest) {
			k, v, _ := strings.Cut(kv, "=")
			if want[k] != v {
				t.Errorf("printed %s=%s, want %s", k, v, want[k])
			}
			printed = append(printed, k)
		}
	}
	sort.Strings(printed)
	if len(printed) != len(want) {
		t.Errorf("printed %v", printed)
	}
	b.Reset()
	_ = mockapi.WriteEnv(&b, map[string]string{"LTIAAS_API_KEY": "it's $x"})
	if got := b.String(); got != `export LTIAAS_API_KEY='it'\''s $x'`+"\n" {
		t.Errorf("quoting: %q", got)
	}
}
