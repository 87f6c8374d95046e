package mockapi_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// awxDo sends one request to the tenant's AWX fake with its token and decodes a JSON object answer.
func awxDo(t *testing.T, tn *mockapi.Tenant, method, path string, body any) (int, map[string]any) {
	t.Helper()
	return mockapi.SendJSON(t, method, tn.URL()+path, map[string]string{"Authorization": mockapi.Bearer(tn.Creds.AWXToken)}, body)
}

func awxRaw(t *testing.T, tn *mockapi.Tenant, method, path, auth string, body any) (int, []byte) {
	t.Helper()
	st, _, raw := mockapi.Send(t, method, tn.URL()+path, map[string]string{"Authorization": auth}, body)
	return st, raw
}

func awxApp(name string, org int) map[string]any {
	return map[string]any{
		"name": name, "organization": org, "client_type": "confidential",
		"authorization_grant_type": "authorization-code", "redirect_uris": "https://app.example.com/cb",
	}
}

// TestAWX_secretOnlyInCreate: the 201 carries the plaintext secret; every later read
// (one object, a list, an update's answer) shows "************"; a public app has no
// client_secret member at all.
func TestAWX_secretOnlyInCreate(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	tn.AWX.SetNextSecret("preset-secret-for-this-test")
	st, m := awxDo(t, tn, "POST", "/api/v2/applications/", awxApp("portal", 1))
	if st != http.StatusCreated || m["client_secret"] != "preset-secret-for-this-test" || m["client_id"] == "" {
		t.Fatalf("create: %d %v", st, m)
	}
	id := int(m["id"].(float64))
	if got := tn.AWX.Get(id); got == nil || got.ClientSecret != "preset-secret-for-this-test" {
		t.Fatal("the stored secret is not the one the create returned")
	}
	for _, path := range []string{fmt.Sprintf("/api/v2/applications/%d/", id), fmt.Sprintf("/api/controller/v2/applications/%d/", id)} {
		if st, m := awxDo(t, tn, "GET", path, nil); st != 200 || m["client_secret"] != "************" || m["name"] != "portal" {
			t.Fatalf("GET %s: %d %v", path, st, m)
		}
	}
	st, m = awxDo(t, tn, "GET", "/api/v2/applications/?name=portal", nil)
	results, _ := m["results"].([]any)
	if st != 200 || len(results) != 1 || results[0].(map[string]any)["client_secret"] != "************" {
		t.Fatalf("list: %d %v", st, m)
	}
	if st, m := awxDo(t, tn, "PATCH", fmt.Sprintf("/api/v2/applications/%d/", id), map[string]any{"description": "d"}); st != 200 || m["client_secret"] != "************" {
		t.Fatalf("PATCH: %d %v", st, m)
	}
	pub := awxApp("public", 1)
	pub["client_type"] = "public"
	st, m = awxDo(t, tn, "POST", "/api/v2/applications/", pub)
	if _, has := m["client_secret"]; st != http.StatusCreated || has {
		t.Fatalf("public create: %d %v", st, m)
	}
}

// TestAWX_duplicate: (name, organization) is unique, with Django's __all__ error;
// the same name in another organization is fine.
func TestAWX_duplicate(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	if st, m := awxDo(t, tn, "POST", "/api/v2/applications/", awxApp("dup", 1)); st != http.StatusCreated {
		t.Fatalf("first create: %d %v", st, m)
	}
	st, raw := awxRaw(t, tn, "POST", "/api/v2/applications/", "Bearer "+tn.Creds.AWXToken, awxApp("dup", 1))
	var got map[string][]string
	if err := json.Unmarshal(raw, &got); err != nil || st != http.StatusBadRequest ||
		!reflect.DeepEqual(got, map[string][]string{"__all__": {"Application with this Name and Organization already exists."}}) {
		t.Fatalf("duplicate: %d %s", st, raw)
	}
	if st, m := awxDo(t, tn, "POST", "/api/v2/applications/", awxApp("dup", 2)); st != http.StatusCreated {
		t.Fatalf("same name in another organization: %d %v", st, m)
	}
	// Renaming onto a taken (name, organization) is refused the same way.
	st, m := awxDo(t, tn, "POST", "/api/v2/applications/", awxApp("other", 1))
	if st != http.StatusCreated {
		t.Fatalf("create: %d %v", st, m)
	}
	st, raw = awxRaw(t, tn, "PATCH", fmt.Sprintf("/api/v2/applications/%v/", m["id"]), "Bearer "+tn.Creds.AWXToken, map[string]any{"name": "dup"})
	if st != http.StatusBadRequest || !strings.Contains(string(raw), `"__all__"`) {
		t.Fatalf("rename onto a duplicate: %d %s", st, raw)
	}
	if tn.AWX.Count() != 3 {
		t.Fatalf("%d applications, want 3", tn.AWX.Count())
	}
}

// TestAWX_pagination: pages of page_size, count over all pages, next and previous
// as relative links that keep the filters, and Invalid page past the end.
func TestAWX_pagination(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	for i := range 5 {
		if st, m := awxDo(t, tn, "POST", "/api/v2/applications/", awxApp(fmt.Sprintf("app-%d", i), 1)); st != http.StatusCreated {
			t.Fatalf("create: %d %v", st, m)
		}
	}
	var names []string
	path := "/api/v2/applications/?organization=1&page_size=2"
	for pages := 0; path != ""; pages++ {
		if pages == 3 {
			t.Fatalf("more than 3 pages of 2 for 5 applications")
		}
		st, m := awxDo(t, tn, "GET", path, nil)
		if st != 200 || m["count"] != float64(5) {
			t.Fatalf("GET %s: %d %v", path, st, m)
		}
		for _, r := range m["results"].([]any) {
			names = append(names, r.(map[string]any)["name"].(string))
		}
		if pages > 0 && m["previous"] == nil {
			t.Fatalf("page %d has no previous link", pages+1)
		}
		path = ""
		if next, ok := m["next"].(string); ok {
			if !strings.Contains(next, "organization=1") || !strings.Contains(next, "page_size=2") {
				t.Fatalf("next %q lost the filters", next)
			}
			path = next // a path from the tenant's root, as AWX gives it from the server's
		}
	}
	if !reflect.DeepEqual(names, []string{"app-0", "app-1", "app-2", "app-3", "app-4"}) {
		t.Fatalf("pages gave %v", names)
	}
	for _, q := range []string{"page=4&page_size=2", "page=0", "page=x"} {
		if st, m := awxDo(t, tn, "GET", "/api/v2/applications/?"+q, nil); st != 404 || m["detail"] != "Invalid page." {
			t.Errorf("?%s: %d %v", q, st, m)
		}
	}
	if st, m := awxDo(t, tn, "GET", "/api/v2/applications/?name=none", nil); st != 200 || m["count"] != float64(0) || m["next"] != nil {
		t.Fatalf("empty filter: %d %v", st, m)
	}
}

// TestAWX_notFoundAndAuth: Django REST Framework's {"detail": ...} for an unknown or
// malformed id (404) and for missing or wrong credentials (401).
func TestAWX_notFoundAndAuth(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	for _, path := range []string{"/api/v2/applications/999/", "/api/v2/applications/abc/"} {
		for _, method := range []string{"GET", "PATCH", "DELETE"} {
			if st, m := awxDo(t, tn, method, path, map[string]any{}); st != 404 || !reflect.DeepEqual(m, map[string]any{"detail": "Not found."}) {
				t.Errorf("%s %s: %d %v", method, path, st, m)
			}
		}
	}
	st, m := awxDo(t, tn, "POST", "/api/v2/applications/", awxApp("gone", 1))
	if st != http.StatusCreated {
		t.Fatalf("create: %d %v", st, m)
	}
	item := fmt.Sprintf("/api/v2/applications/%v/", m["id"])
	if st, _ := awxDo(t, tn, "DELETE", item, nil); st != http.StatusNoContent {
		t.Fatalf("DELETE: %d", st)
	}
	if st, m := awxDo(t, tn, "GET", item, nil); st != 404 || m["detail"] != "Not found." {
		t.Fatalf("GET after DELETE: %d %v", st, m)
	}
	c := tn.Creds
	for auth, want := range map[string]string{
		"":                   "Authentication credentials were not provided.",
		"Bearer wrong":       "Authentication credentials were not provided.",
		basic("admin", "no"): "Invalid username/password.",
	} {
		st, raw := awxRaw(t, tn, "GET", "/api/v2/applications/", auth, nil)
		if st != 401 || !strings.Contains(string(raw), want) {
			t.Errorf("auth %q: %d %s", auth, st, raw)
		}
	}
	if st, _ := awxRaw(t, tn, "GET", "/api/v2/applications/", basic(c.AWXUsername, c.AWXPassword), nil); st != 200 {
		t.Fatalf("basic auth: %d", st)
	}
}

func basic(user, pass string) string {
	req, _ := http.NewRequest("GET", "http://x", nil)
	req.SetBasicAuth(user, pass)
	return req.Header.Get("Authorization")
}
