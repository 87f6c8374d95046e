package mockapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

const gw = "/api/gateway/v1/applications/"

// aapDo sends one request to the tenant's gateway with the superuser's token.
func aapDo(t *testing.T, tn *mockapi.Tenant, method, path string, body any) (int, map[string]any) {
	t.Helper()
	return aapAs(t, tn, "Bearer "+tn.Creds.AAPToken, method, path, body)
}

func aapAs(t *testing.T, tn *mockapi.Tenant, auth, method, path string, body any) (int, map[string]any) {
	t.Helper()
	st, raw := awxRaw(t, tn, method, path, auth, body)
	var m map[string]any
	if len(bytes.TrimSpace(raw)) > 0 {
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s %s: %d, not a JSON object: %v", method, path, st, err)
		}
	}
	return st, m
}

func aapApp(name string, org int) map[string]any {
	m := awxApp(name, org)
	m["app_url"] = "https://app.example.com"
	return m
}

// TestAAP_secretOnlyInCreate: the 201 carries the plaintext secret; every later
// answer (a read, a list, an update) shows "$encrypted$"; a public app has no
// client_secret member at all.
func TestAAP_secretOnlyInCreate(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	tn.AAP.SetNextSecret("preset-gateway-secret")
	st, m := aapDo(t, tn, "POST", gw, aapApp("portal", 1))
	if st != http.StatusCreated || m["client_secret"] != "preset-gateway-secret" || m["client_id"] == "" {
		t.Fatalf("create: %d %v", st, m)
	}
	id := jsonNumber(m["id"])
	if st, m := aapDo(t, tn, "GET", gw+id+"/", nil); st != 200 || m["client_secret"] != "$encrypted$" || m["app_url"] != "https://app.example.com" {
		t.Fatalf("GET: %d %v", st, m)
	}
	st, m = aapDo(t, tn, "GET", gw+"?name=portal", nil)
	if results, _ := m["results"].([]any); st != 200 || len(results) != 1 || results[0].(map[string]any)["client_secret"] != "$encrypted$" {
		t.Fatalf("list: %d %v", st, m)
	}
	if st, m := aapDo(t, tn, "PATCH", gw+id+"/", map[string]any{"description": "d"}); st != 200 || m["client_secret"] != "$encrypted$" {
		t.Fatalf("PATCH: %d %v", st, m)
	}
	pub := aapApp("public", 1)
	pub["client_type"] = "public"
	st, m = aapDo(t, tn, "POST", gw, pub)
	if _, has := m["client_secret"]; st != http.StatusCreated || has {
		t.Fatalf("public create: %d %v", st, m)
	}
	// The AWX fake is another platform: the gateway's application is not there.
	if tn.AWX.Count() != 0 || tn.AAP.Count() != 2 {
		t.Fatalf("counts %v", tn.Counts())
	}
}

// TestAAP_fields: the gateway's own fields are stored and returned, with their
// defaults (pkce_required true); algorithm is a choice; a gateway from before
// pkce_required neither returns nor stores it.
func TestAAP_fields(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	in := aapApp("full", 2)
	in["post_logout_redirect_uris"] = "https://app.example.com/bye"
	in["allowed_origins"] = "https://app.example.com https://other.example.com"
	in["algorithm"] = "RS256"
	st, m := aapDo(t, tn, "POST", gw, in)
	if st != http.StatusCreated {
		t.Fatalf("create: %d %v", st, m)
	}
	for k, want := range map[string]any{
		"post_logout_redirect_uris": "https://app.example.com/bye", "allowed_origins": "https://app.example.com https://other.example.com",
		"algorithm": "RS256", "app_url": "https://app.example.com", "pkce_required": true, "organization": float64(2),
	} {
		if m[k] != want {
			t.Errorf("%s = %v, want %v", k, m[k], want)
		}
	}
	bad := aapApp("bad", 1)
	bad["algorithm"] = "ES256"
	if st, m := aapDo(t, tn, "POST", gw, bad); st != 400 || m["algorithm"] == nil {
		t.Fatalf("algorithm ES256: %d %v", st, m)
	}
	tn.AAP.SetOlder(true)
	st, m = aapDo(t, tn, "POST", gw, aapApp("older", 1))
	if _, has := m["pkce_required"]; st != http.StatusCreated || has {
		t.Fatalf("older gateway: %d %v", st, m)
	}
}

// TestAAP_duplicate: DRF's unique-together error under non_field_errors; the same
// name in another organization is fine; a rename onto a taken name is refused too.
func TestAAP_duplicate(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	want := map[string]any{"non_field_errors": []any{"The fields name, organization must make a unique set."}}
	if st, m := aapDo(t, tn, "POST", gw, aapApp("dup", 1)); st != http.StatusCreated {
		t.Fatalf("first create: %d %v", st, m)
	}
	if st, m := aapDo(t, tn, "POST", gw, aapApp("dup", 1)); st != 400 || !reflect.DeepEqual(m, want) {
		t.Fatalf("duplicate: %d %v", st, m)
	}
	st, m := aapDo(t, tn, "POST", gw, aapApp("dup", 2))
	if st != http.StatusCreated {
		t.Fatalf("other organization: %d %v", st, m)
	}
	if st, m := aapDo(t, tn, "PATCH", gw+jsonNumber(m["id"])+"/", map[string]any{"organization": 1}); st != 400 || !reflect.DeepEqual(m, want) {
		t.Fatalf("move onto a duplicate: %d %v", st, m)
	}
}

// TestAAP_grantTypeReadOnlyOnUpdate: a changed grant type is ignored without an error.
func TestAAP_grantTypeReadOnlyOnUpdate(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	st, m := aapDo(t, tn, "POST", gw, aapApp("g", 1))
	if st != http.StatusCreated {
		t.Fatalf("create: %d %v", st, m)
	}
	if st, m := aapDo(t, tn, "PATCH", gw+jsonNumber(m["id"])+"/", map[string]any{"authorization_grant_type": "password"}); st != 200 || m["authorization_grant_type"] != "authorization-code" {
		t.Fatalf("PATCH grant type: %d %v", st, m)
	}
}

// TestAAP_superuserOnly: an authenticated user who is not a superuser may read but
// not create (403 with DRF's text); me/ says who is calling.
func TestAAP_superuserOnly(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	c := tn.Creds
	for _, auth := range []string{"Bearer " + c.AAPOrgAdminToken, basic(c.AAPOrgAdminUsername, c.AAPOrgAdminPassword)} {
		st, m := aapAs(t, tn, auth, "POST", gw, aapApp("x", 1))
		if st != 403 || !reflect.DeepEqual(m, map[string]any{"detail": "You do not have permission to perform this action."}) {
			t.Fatalf("%s create: %d %v", auth[:6], st, m)
		}
		if st, m := aapAs(t, tn, auth, "GET", gw, nil); st != 200 || m["count"] != float64(0) {
			t.Fatalf("org admin list: %d %v", st, m)
		}
		st, m = aapAs(t, tn, auth, "GET", "/api/gateway/v1/me/", nil)
		if u := m["results"].([]any)[0].(map[string]any); st != 200 || u["is_superuser"] != false || u["username"] != c.AAPOrgAdminUsername {
			t.Fatalf("me as org admin: %d %v", st, m)
		}
	}
	if tn.AAP.Count() != 0 {
		t.Fatal("a refused create was stored")
	}
	for _, auth := range []string{"Bearer " + c.AAPToken, basic(c.AAPUsername, c.AAPPassword)} {
		st, m := aapAs(t, tn, auth, "GET", "/api/gateway/v1/me/", nil)
		if u := m["results"].([]any)[0].(map[string]any); st != 200 || u["is_superuser"] != true {
			t.Fatalf("me as superuser: %d %v", st, m)
		}
	}
}

// TestAAP_notFoundAuthAndPaging: 404 {"detail":"Not found."}, 401 for missing or
// wrong credentials (the AWX token is not a gateway token), DRF pagination.
func TestAAP_notFoundAuthAndPaging(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	for _, method := range []string{"GET", "PATCH", "DELETE"} {
		if st, m := aapDo(t, tn, method, gw+"999/", map[string]any{}); st != 404 || !reflect.DeepEqual(m, map[string]any{"detail": "Not found."}) {
			t.Errorf("%s: %d %v", method, st, m)
		}
	}
	for _, auth := range []string{"", "Bearer " + tn.Creds.AWXToken, basic("aapadmin", "wrong")} {
		if st, _ := aapAs(t, tn, auth, "GET", gw, nil); st != 401 {
			t.Errorf("auth %q: %d", auth, st)
		}
	}
	for i := range 3 {
		if st, m := aapDo(t, tn, "POST", gw, aapApp(fmt.Sprintf("p-%d", i), 1)); st != http.StatusCreated {
			t.Fatalf("create: %d %v", st, m)
		}
	}
	st, m := aapDo(t, tn, "GET", gw+"?page_size=2", nil)
	next, _ := m["next"].(string)
	if st != 200 || m["count"] != float64(3) || len(m["results"].([]any)) != 2 || !strings.Contains(next, "page=2") {
		t.Fatalf("page 1: %d %v", st, m)
	}
	st, m = aapDo(t, tn, "GET", next, nil)
	if st != 200 || len(m["results"].([]any)) != 1 || m["next"] != nil {
		t.Fatalf("page 2: %d %v", st, m)
	}
	id := jsonNumber(m["results"].([]any)[0].(map[string]any)["id"])
	if st, _ := aapDo(t, tn, "DELETE", gw+id+"/", nil); st != http.StatusNoContent {
		t.Fatalf("DELETE: %d", st)
	}
}

// TestAnsible_redirectURIErrors: django-oauth-toolkit's clean() errors arrive under
// __all__ with its texts, on AWX and on the gateway alike.
func TestAnsible_redirectURIErrors(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	cases := map[string]string{
		"":                               "redirect_uris cannot be empty with grant_type authorization-code",
		"ftp://files.example.com/cb":     "Unauthorized redirect scheme: ftp",
		"not-a-url":                      "Enter a valid URL.",
		"https://app.example.com/cb#top": "Redirect URIs must not contain fragments",
	}
	for _, path := range []string{"/api/v2/applications/", gw} {
		for uris, want := range cases {
			in := aapApp("r", 1)
			in["redirect_uris"] = uris
			st, m := aapDo(t, tn, "POST", path, in)
			if path != gw {
				st, m = awxDo(t, tn, "POST", path, in)
			}
			if st != 400 || !reflect.DeepEqual(m, map[string]any{"__all__": []any{want}}) {
				t.Errorf("%s %q: %d %v", path, uris, st, m)
			}
		}
	}
}

// TestAnsible_put: a PUT is DRF's full update: client_type is required, an omitted
// redirect_uris is kept (the model field has no default), description and
// skip_authorization fall back to their defaults.
func TestAnsible_put(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	for _, path := range []string{"/api/v2/applications/", gw} {
		do := aapDo
		if path != gw {
			do = awxDo
		}
		in := aapApp("put", 1)
		in["description"], in["skip_authorization"] = "kept?", true
		st, m := do(t, tn, "POST", path, in)
		if st != http.StatusCreated {
			t.Fatalf("%s create: %d %v", path, st, m)
		}
		item := path + jsonNumber(m["id"]) + "/"
		if st, m := do(t, tn, "PUT", item, map[string]any{"name": "put"}); st != 400 || !reflect.DeepEqual(m, map[string]any{"client_type": []any{"This field is required."}}) {
			t.Fatalf("%s PUT without client_type: %d %v", path, st, m)
		}
		st, m = do(t, tn, "PUT", item, map[string]any{"name": "put2", "client_type": "confidential"})
		if st != 200 || m["redirect_uris"] != "https://app.example.com/cb" || m["description"] != "" || m["skip_authorization"] != false {
			t.Fatalf("%s PUT: %d %v", path, st, m)
		}
	}
}

// TestAnsible_removedEndpoints: AWX after 24.6.1 answers 404 on the applications
// URLs; AAP 2.7's controller answers 401 to the controller's credentials; the gateway
// is not affected by either.
func TestAnsible_removedEndpoints(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	tn.SetFaults(mockapi.Faults{AWXWithoutOAuth2: true})
	if st, m := awxDo(t, tn, "GET", "/api/v2/applications/", nil); st != 404 || m["detail"] != "The requested resource could not be found." {
		t.Fatalf("AWX without OAuth2: %d %v", st, m)
	}
	tn.SetFaults(mockapi.Faults{ControllerGatewayOnly: true})
	if st, _ := awxDo(t, tn, "GET", "/api/controller/v2/applications/", nil); st != 401 {
		t.Fatalf("AAP 2.7 controller: %d", st)
	}
	if st, _ := awxDo(t, tn, "GET", "/api/v2/applications/", nil); st != 200 {
		t.Fatalf("/api/v2/ with ControllerGatewayOnly: %d", st)
	}
	if st, _ := aapDo(t, tn, "GET", gw, nil); st != 200 {
		t.Fatalf("gateway: %d", st)
	}
}
