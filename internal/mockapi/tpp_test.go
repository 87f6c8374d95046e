package mockapi_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// post sends a JSON body and decodes the JSON answer.
func (f *tenantFixture) post(path, token string, body any) (int, map[string]any) {
	f.t.Helper()
	return mockapi.SendJSON(f.t, http.MethodPost, f.tn.URL()+path, map[string]string{"Authorization": mockapi.Bearer(token)}, body)
}

func (f *tenantFixture) token(user, pass string) map[string]any {
	f.t.Helper()
	st, out := f.post("/vedauth/authorize/oauth", "", map[string]string{"client_id": f.tn.Creds.TPPClientID, "username": user, "password": pass, "scope": "admin"})
	if st != http.StatusOK {
		f.t.Fatalf("token: HTTP %d %v", st, out)
	}
	return out
}

func (f *tenantFixture) adminToken() string {
	return f.token(f.tn.Creds.TPPUsername, f.tn.Creds.TPPPassword)["access_token"].(string)
}

func tppAppBody(id string) map[string]any {
	return map[string]any{"ApplicationId": id, "Name": "n", "Vendor": "v", "Description": "d", "Url": "help.example.com",
		"Scope": "certificate:manage", "MaxScope": "certificate:manage;configuration", "AccessValidity": 100, "GrantValidity": 200, "Renewable": true}
}

func TestTPP_createGetCaseInsensitiveAndMaxScope(t *testing.T) {
	f := newFixture(t)
	tok := f.adminToken()
	st, out := f.post("/VEDSDK/OAuth/createapplication", tok, tppAppBody("a1"))
	if st != 200 || out["Success"] != true || out["Result"] != float64(0) {
		t.Fatalf("create: HTTP %d %v", st, out)
	}
	created := out["Application"].(map[string]any)
	if created["MaximumScope"] != "certificate:manage;configuration" || created["AccessValidity"] != float64(100) {
		t.Fatalf("create answer %v", created)
	}
	if _, ok := created["MaxScope"]; ok {
		t.Fatalf("the answer spells MaxScope: %v", created)
	}
	// GetApplication answers the vendor contract's shape by default: Applications, an
	// array, with the validity fields and counts.
	st, out = f.post("/vedsdk/oauth/getapplication", tok, map[string]string{"ApplicationId": "a1"})
	list, _ := out["Applications"].([]any)
	if st != 200 || len(list) != 1 || out["Application"] != nil {
		t.Fatalf("get: HTTP %d %v, want {\"Applications\":[one]}", st, out)
	}
	got := list[0].(map[string]any)
	if got["ID"] != "a1" || got["MaximumScope"] != "certificate:manage;configuration" {
		t.Fatalf("get: %v", got)
	}
	want := map[string]any{"AccessValidity": float64(100), "GrantValidity": float64(200), "Renewable": true,
		"UnusedExpiration": float64(mockapi.TPPDefaultUnusedExpiration), "GrantCount": float64(0), "UserCount": float64(0)}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("GetApplication %s = %v, want %v", k, got[k], v)
		}
	}
	st, out = f.post("/vedsdk/oauth/GetApplications", tok, map[string][]string{"ApplicationIds": {"a1", "missing"}})
	if list := out["Applications"].([]any); st != 200 || len(list) != 1 {
		t.Fatalf("get many: HTTP %d %v", st, out)
	}
	// A duplicate id is HTTP 200 with Success false, Result 19 (ApplicationAlreadyExists) and an Error text.
	st, out = f.post("/vedsdk/oauth/CreateApplication", tok, tppAppBody("a1"))
	if st != 200 || out["Success"] != false || out["Result"] != float64(19) || out["Error"] == "" || out["Error"] == nil || f.tn.TPP.Count() != 1 {
		t.Fatalf("duplicate: HTTP %d %v", st, out)
	}
}

// TestTPP_getShapeAndHiddenValidity: the fault switches give the docs' example shape
// ({"Application":{…}}) and leave the validity fields out.
func TestTPP_getShapeAndHiddenValidity(t *testing.T) {
	f := newFixture(t)
	tok := f.adminToken()
	f.post("/vedsdk/oauth/CreateApplication", tok, tppAppBody("a1"))
	f.tn.TPP.SetGetApplicationKey("Application")
	f.tn.TPP.SetHideValidity(true)
	st, out := f.post("/vedsdk/oauth/GetApplication", tok, map[string]string{"ApplicationId": "a1"})
	got, _ := out["Application"].(map[string]any)
	if st != 200 || got == nil || got["ID"] != "a1" || out["Applications"] != nil {
		t.Fatalf("get: HTTP %d %v, want {\"Application\":{…}}", st, out)
	}
	for _, k := range []string{"AccessValidity", "GrantValidity", "Renewable", "UnusedExpiration", "GrantCount", "UserCount"} {
		if _, ok := got[k]; ok {
			t.Errorf("GetApplication returned %s although SetHideValidity(true)", k)
		}
	}
}

// TestTPP_grantNeverExpires: GrantValidity null means the grant never expires; Get
// answers null for it.
func TestTPP_grantNeverExpires(t *testing.T) {
	f := newFixture(t)
	tok := f.adminToken()
	f.post("/vedsdk/oauth/CreateApplication", tok, tppAppBody("a1"))
	st, out := f.post("/vedsdk/oauth/UpdateApplication", tok, map[string]any{"Application": map[string]any{
		"ID": "a1", "Name": "n", "Vendor": "v", "Description": "d", "Url": "", "Scope": "certificate", "MaximumScope": "certificate",
		"AccessValidity": 100, "GrantValidity": nil, "Renewable": true, "UnusedExpiration": 300}})
	if st != 200 || out["Success"] != true {
		t.Fatalf("update: HTTP %d %v", st, out)
	}
	if a := f.tn.TPP.Get("a1"); !a.GrantNeverExpires || a.UnusedExpiration != 300 {
		t.Fatalf("after the update: %+v", *a)
	}
	_, out = f.post("/vedsdk/oauth/GetApplication", tok, map[string]string{"ApplicationId": "a1"})
	got := out["Applications"].([]any)[0].(map[string]any)
	if v, ok := got["GrantValidity"]; !ok || v != nil {
		t.Fatalf("GrantValidity = %v (present %v), want null", v, ok)
	}
}

// TestTPP_enumerate pages through every application with Start and Count.
func TestTPP_enumerate(t *testing.T) {
	f := newFixture(t)
	tok := f.adminToken()
	for _, id := range []string{"c", "a", "b"} {
		f.tn.TPP.Put(mockapi.TPPApp{ID: id, Name: "name-" + id, Scope: "certificate", MaximumScope: "certificate", UnusedExpiration: 60})
	}
	page := func(body map[string]any) []string {
		t.Helper()
		st, out := f.post("/vedsdk/oauth/EnumerateApplications", tok, body)
		list, ok := out["Applications"].([]any)
		if st != 200 || out["Success"] != true || !ok {
			t.Fatalf("enumerate %v: HTTP %d %v", body, st, out)
		}
		var ids []string
		for _, x := range list {
			a := x.(map[string]any)
			if a["UnusedExpiration"] != float64(60) {
				t.Errorf("enumerate leaves out the validity fields: %v", a)
			}
			ids = append(ids, a["ID"].(string))
		}
		return ids
	}
	if got := fmt.Sprint(page(map[string]any{"Start": 0, "Count": 2})); got != "[a b]" {
		t.Errorf("first page = %s, want [a b]", got)
	}
	if got := fmt.Sprint(page(map[string]any{"Start": 2, "Count": 2})); got != "[c]" {
		t.Errorf("second page = %s, want [c]", got)
	}
	if got := fmt.Sprint(page(map[string]any{"Start": 3, "Count": 2})); got != "[]" {
		t.Errorf("past the end = %s, want []", got)
	}
	if got := fmt.Sprint(page(map[string]any{"OrderBy": "Name", "Descending": true})); got != "[c b a]" {
		t.Errorf("by name descending = %s, want [c b a]", got)
	}
	if st, out := f.post("/vedsdk/oauth/EnumerateApplications", tok, map[string]any{"Count": mockapi.TPPEnumerateMaxCount + 1}); st != 200 || out["Success"] != false || out["Result"] != float64(6) {
		t.Errorf("an oversized page: HTTP %d %v, want Result 6", st, out)
	}
}

func TestTPP_updateResetsOmittedFields(t *testing.T) {
	f := newFixture(t)
	tok := f.adminToken()
	f.post("/vedsdk/oauth/CreateApplication", tok, tppAppBody("a1"))
	f.tn.TPP.Edit("a1", func(a *mockapi.TPPApp) { a.UnusedExpiration = 86400 }) // set in the console
	st, out := f.post("/vedsdk/oauth/UpdateApplication", tok, map[string]any{"Application": map[string]any{
		"ID": "a1", "Name": "renamed", "Vendor": "v", "Description": "d", "Url": "", "Scope": "certificate", "MaximumScope": "certificate"}})
	if st != 200 || out["Success"] != true {
		t.Fatalf("update: HTTP %d %v", st, out)
	}
	a := f.tn.TPP.Get("a1")
	if a.Name != "renamed" || a.AccessValidity != mockapi.TPPDefaultAccessValidity || a.GrantValidity != mockapi.TPPDefaultGrantValidity || a.Renewable != mockapi.TPPDefaultRenewable ||
		a.UnusedExpiration != mockapi.TPPDefaultUnusedExpiration {
		t.Fatalf("after a partial update: %+v", *a)
	}
	// A required field left out is a 400.
	st, _ = f.post("/vedsdk/oauth/UpdateApplication", tok, map[string]any{"Application": map[string]any{"ID": "a1", "Name": "x"}})
	if st != 400 {
		t.Fatalf("update without Scope: HTTP %d", st)
	}
}

func TestTPP_notFound(t *testing.T) {
	f := newFixture(t)
	tok := f.adminToken()
	for _, c := range []struct {
		path string
		body any
	}{
		{"/vedsdk/oauth/GetApplication", map[string]string{"ApplicationId": "missing"}},
		{"/vedsdk/oauth/DeleteApplication", map[string]string{"ApplicationId": "missing"}},
		{"/vedsdk/oauth/UpdateApplication", map[string]any{"Application": map[string]any{"ID": "missing", "Name": "n", "Vendor": "v", "Description": "", "Url": "", "Scope": "a", "MaximumScope": "a"}}},
	} {
		st, out := f.post(c.path, tok, c.body)
		if st != 200 || out["Success"] != false || out["Result"] != float64(2) {
			t.Errorf("%s of a missing application: HTTP %d %v, want 200 Success false Result 2", c.path, st, out)
		}
	}
}

func TestTPP_tokens(t *testing.T) {
	f := newFixture(t)
	// no token, a bad password, a token without admin, an auditor
	if st, out := f.post("/vedsdk/oauth/GetApplication", "", map[string]string{"ApplicationId": "x"}); st != 401 || out["error"] != "invalid_token" {
		t.Fatalf("no token: HTTP %d %v", st, out)
	}
	if st, out := f.post("/vedauth/authorize/oauth", "", map[string]string{"client_id": f.tn.Creds.TPPClientID, "username": f.tn.Creds.TPPUsername, "password": "bad", "scope": "admin"}); st != 400 || out["error"] != "invalid_grant" {
		t.Fatalf("bad password: HTTP %d %v", st, out)
	}
	op := f.token(mockapi.TPPOperatorUser, mockapi.TPPOperatorPassword)
	if op["scope"] != "certificate" {
		t.Fatalf("the operator's token scope is %v", op["scope"])
	}
	if st, out := f.post("/vedsdk/oauth/GetApplication", op["access_token"].(string), map[string]string{"ApplicationId": "x"}); st != 403 || out["error"] != "insufficient_scope" {
		t.Fatalf("token without admin: HTTP %d %v", st, out)
	}
	aud := f.token(mockapi.TPPAuditorUser, mockapi.TPPAuditorPassword)["access_token"].(string)
	if st, out := f.post("/vedsdk/oauth/CreateApplication", aud, tppAppBody("a1")); st != 401 || out["error"] != "insufficient_rights" {
		t.Fatalf("auditor create: HTTP %d %v", st, out)
	}
	if st, _ := f.post("/vedsdk/oauth/GetApplication", aud, map[string]string{"ApplicationId": "x"}); st != 200 {
		t.Fatalf("auditor get: HTTP %d", st)
	}

	// expiry and refresh: the refresh rotates both tokens
	tk := f.token(f.tn.Creds.TPPUsername, f.tn.Creds.TPPPassword)
	f.tn.TPP.ExpireAccessTokens()
	if st, out := f.post("/vedsdk/oauth/GetApplication", tk["access_token"].(string), map[string]string{"ApplicationId": "x"}); st != 401 || out["error"] != "invalid_token" {
		t.Fatalf("expired token: HTTP %d %v", st, out)
	}
	st, nt := f.post("/vedauth/authorize/token", "", map[string]string{"client_id": f.tn.Creds.TPPClientID, "refresh_token": tk["refresh_token"].(string)})
	if st != 200 || nt["access_token"] == tk["access_token"] {
		t.Fatalf("refresh: HTTP %d %v", st, nt)
	}
	if st, _ := f.post("/vedsdk/oauth/GetApplication", nt["access_token"].(string), map[string]string{"ApplicationId": "x"}); st != 200 {
		t.Fatalf("refreshed token: HTTP %d", st)
	}
	if st, out := f.post("/vedauth/authorize/token", "", map[string]string{"client_id": f.tn.Creds.TPPClientID, "refresh_token": tk["refresh_token"].(string)}); st != 400 || out["error"] != "invalid_grant" {
		t.Fatalf("reused refresh token: HTTP %d %v", st, out)
	}
	if f.tn.TPP.TokenRefreshes() != 1 {
		t.Fatalf("refreshes = %d", f.tn.TPP.TokenRefreshes())
	}
}
