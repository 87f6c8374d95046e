package mockapi_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// cronofyCall sends one request to the tenant's Cronofy fake with the given Host header.
func cronofyCall(t *testing.T, srv *httptest.Server, tn *mockapi.Tenant, method, host, key, body string) (int, http.Header, []byte) {
	t.Helper()
	return mockapi.Send(t, method, srv.URL+"/t/"+tn.Name+"/v1/applications", map[string]string{"Host": host, "Authorization": mockapi.Bearer(key)}, body)
}

func newCronofyMock(t *testing.T) (*httptest.Server, *mockapi.Tenant) {
	s := mockapi.New()
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	s.SetURL(srv.URL)
	return srv, s.NewTenant(t.Name())
}

func TestCronofy_createAnswersForAnyHostAndRecordsIt(t *testing.T) {
	srv, tn := newCronofyMock(t)
	key := tn.Creds.CronofyAdminAPIKey
	for _, host := range []string{"api.cronofy.com", "api-uk.cronofy.com"} {
		status, hdr, body := cronofyCall(t, srv, tn, http.MethodPost, host, key, `{"name":"Scheduler","url":"https://app.example.com"}`)
		if status != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
			t.Fatalf("POST via %s: HTTP %d %s", host, status, body)
		}
		var out struct {
			OAuthClient struct {
				ClientID     string `json:"client_id"`
				ClientSecret string `json:"client_secret"`
			} `json:"oauth_client"`
		}
		if err := json.Unmarshal(body, &out); err != nil {
			t.Fatalf("the 200 body is not valid JSON: %v: %s", err, body)
		}
		if out.OAuthClient.ClientID == "" || out.OAuthClient.ClientSecret == "" {
			t.Fatalf("no client id or secret: %s", body)
		}
		app := tn.Cronofy.Get(out.OAuthClient.ClientID)
		if app == nil || app.ClientSecret != out.OAuthClient.ClientSecret || app.Name != "Scheduler" || app.URL != "https://app.example.com" {
			t.Fatalf("stored %+v", app)
		}
		if got := tn.Cronofy.Host(out.OAuthClient.ClientID); got != host {
			t.Fatalf("Host recorded %q, want %q", got, host)
		}
	}
	if n := tn.Cronofy.Count(); n != 2 {
		t.Fatalf("Count = %d, want 2 (no unique key: same name twice makes two applications)", n)
	}
}

func TestCronofy_auth(t *testing.T) {
	srv, tn := newCronofyMock(t)
	for _, key := range []string{"", "wrong-key"} {
		status, hdr, body := cronofyCall(t, srv, tn, http.MethodPost, "", key, `{"name":"a","url":"https://a.example"}`)
		if status != http.StatusUnauthorized || len(body) != 0 || !strings.HasPrefix(hdr.Get("WWW-Authenticate"), "Bearer") {
			t.Fatalf("key %q: HTTP %d %q", key, status, body)
		}
	}
	if tn.Cronofy.Count() != 0 {
		t.Fatal("an unauthenticated create was stored")
	}
}

func TestCronofy_validation(t *testing.T) {
	srv, tn := newCronofyMock(t)
	key := tn.Creds.CronofyAdminAPIKey
	tn.Cronofy.Reject("name", "Taken", "errors.invalid", "is reserved")
	for _, tc := range []struct {
		body string
		want map[string]string // param → description
	}{
		{`{"url":"https://a.example"}`, map[string]string{"name": "required"}},
		{`{"name":"  ","url":"https://a.example"}`, map[string]string{"name": "required"}},
		{`{"name":"a"}`, map[string]string{"url": "required"}},
		{`{}`, map[string]string{"name": "required", "url": "required"}},
		{`{"name":"Taken","url":"https://a.example"}`, map[string]string{"name": "is reserved"}},
	} {
		status, _, body := cronofyCall(t, srv, tn, http.MethodPost, "", key, tc.body)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("%s: HTTP %d %s", tc.body, status, body)
		}
		var out struct {
			Errors map[string][]struct{ Key, Description string } `json:"errors"`
		}
		if err := json.Unmarshal(body, &out); err != nil {
			t.Fatalf("%s: %v", tc.body, err)
		}
		if len(out.Errors) != len(tc.want) {
			t.Fatalf("%s: errors %s", tc.body, body)
		}
		for p, d := range tc.want {
			if len(out.Errors[p]) != 1 || out.Errors[p][0].Description != d || out.Errors[p][0].Key == "" {
				t.Fatalf("%s: errors.%s = %+v, want description %q", tc.body, p, out.Errors[p], d)
			}
		}
	}
	if tn.Cronofy.Count() != 0 {
		t.Fatal("a rejected create was stored")
	}
}

func TestCronofy_noReadOrDeleteRoutes(t *testing.T) {
	srv, tn := newCronofyMock(t)
	key := tn.Creds.CronofyAdminAPIKey
	for _, m := range []string{http.MethodGet, http.MethodDelete, http.MethodPut, http.MethodPatch} {
		if status, _, _ := cronofyCall(t, srv, tn, m, "", key, ""); status != http.StatusNotFound {
			t.Fatalf("%s /v1/applications: HTTP %d, want 404", m, status)
		}
	}
	if status, _, _ := mockapi.Send(t, http.MethodGet, srv.URL+"/t/"+tn.Name+"/v1/applications/abc", map[string]string{"Authorization": mockapi.Bearer(key)}, nil); status != http.StatusNotFound {
		t.Fatalf("GET /v1/applications/abc: HTTP %d, want 404", status)
	}
}

func TestCronofy_deny(t *testing.T) {
	srv, tn := newCronofyMock(t)
	for _, st := range []int{http.StatusPaymentRequired, http.StatusForbidden} {
		tn.Cronofy.Deny(st)
		if status, _, _ := cronofyCall(t, srv, tn, http.MethodPost, "", tn.Creds.CronofyAdminAPIKey, `{"name":"a","url":"https://a.example"}`); status != st {
			t.Fatalf("Deny(%d): HTTP %d", st, status)
		}
	}
	tn.Cronofy.Deny(0)
	if status, _, _ := cronofyCall(t, srv, tn, http.MethodPost, "", tn.Creds.CronofyAdminAPIKey, `{"name":"a","url":"https://a.example"}`); status != http.StatusOK {
		t.Fatalf("after Deny(0): HTTP %d", status)
	}
}
