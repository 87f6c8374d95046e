package mockapi_test

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

func cronofyVerify(t *testing.T, srv *httptest.Server, tn *mockapi.Tenant, secret, body string) (int, string) {
	t.Helper()
	st, _, b := mockapi.Send(t, http.MethodPost, srv.URL+"/t/"+tn.Name+"/v1/application_verification",
		map[string]string{"Host": "api-uk.cronofy.com", "Authorization": mockapi.Bearer(secret)}, body)
	return st, string(b)
}

// TestCronofy_verification: the call is authenticated with the application's own
// secret, adds redirect URIs (never removes), replaces the contact, moves the
// application into production mode and answers 202 {}.
func TestCronofy_verification(t *testing.T) {
	srv, tn := newCronofyMock(t)
	a := tn.Cronofy.Add("Scheduler", "https://app.example.com", "api-uk.cronofy.com")
	other := tn.Cronofy.Add("Other", "https://other.example.com", "api-uk.cronofy.com")
	if a.Production || len(a.RedirectURIs) != 0 {
		t.Fatalf("a new application is in development mode with no redirect URIs: %+v", a)
	}
	body := `{"redirect_uris":["https://app.example.com/b","https://app.example.com/a"],"contact":{"email":"ops@example.com","display_name":"Ops"}}`

	for _, secret := range []string{"", tn.Creds.CronofyAdminAPIKey, "wrong"} {
		if st, _ := cronofyVerify(t, srv, tn, secret, body); st != http.StatusUnauthorized {
			t.Fatalf("bearer %q: HTTP %d, want 401", secret, st)
		}
	}
	st, b := cronofyVerify(t, srv, tn, a.ClientSecret, body)
	if st != http.StatusAccepted || strings.TrimSpace(b) != "{}" {
		t.Fatalf("verification: HTTP %d %s, want 202 {}", st, b)
	}
	got := tn.Cronofy.Get(a.ClientID)
	if !got.Production || !reflect.DeepEqual(got.RedirectURIs, []string{"https://app.example.com/a", "https://app.example.com/b"}) ||
		got.ContactEmail != "ops@example.com" || got.ContactDisplayName != "Ops" {
		t.Fatalf("after verification: %+v %v", got, got.RedirectURIs)
	}
	if o := tn.Cronofy.Get(other.ClientID); o.Production || len(o.RedirectURIs) != 0 {
		t.Fatalf("another application changed: %+v", o)
	}

	// Additive: a call with fewer URIs removes none; the contact is replaced.
	st, _ = cronofyVerify(t, srv, tn, a.ClientSecret, `{"redirect_uris":["https://app.example.com/c"],"contact":{"email":"new@example.com"}}`)
	got = tn.Cronofy.Get(a.ClientID)
	if st != http.StatusAccepted || len(got.RedirectURIs) != 3 || got.ContactEmail != "new@example.com" || got.ContactDisplayName != "" {
		t.Fatalf("second verification: HTTP %d %+v %v", st, got, got.RedirectURIs)
	}
	calls := tn.Cronofy.Verifications(a.ClientID)
	if len(calls) != 2 || !reflect.DeepEqual(calls[1].RedirectURIs, []string{"https://app.example.com/c"}) || calls[0].ContactDisplayName != "Ops" {
		t.Fatalf("recorded calls: %+v", calls)
	}

	// Validation: 422 in Cronofy's shape, nothing recorded.
	for _, bad := range []string{`{"redirect_uris":["http://app.example.com/x"],"contact":{"email":"a@example.com"}}`, `{"redirect_uris":["https://app.example.com/x"]}`} {
		if st, b := cronofyVerify(t, srv, tn, a.ClientSecret, bad); st != http.StatusUnprocessableEntity || !strings.Contains(b, `"errors"`) {
			t.Fatalf("%s: HTTP %d %s, want 422", bad, st, b)
		}
	}
	// A secret refreshed in the dashboard: the old one gets 401.
	old := a.ClientSecret
	if !tn.Cronofy.RefreshSecret(a.ClientID, "") {
		t.Fatal("RefreshSecret")
	}
	if st, _ := cronofyVerify(t, srv, tn, old, body); st != http.StatusUnauthorized {
		t.Fatalf("old secret after a refresh: HTTP %d, want 401", st)
	}
	// An injected failure records nothing.
	tn.Cronofy.FailVerification(http.StatusInternalServerError)
	if st, _ := cronofyVerify(t, srv, tn, tn.Cronofy.Get(a.ClientID).ClientSecret, body); st != http.StatusInternalServerError {
		t.Fatalf("injected failure: HTTP %d", st)
	}
	if n := len(tn.Cronofy.Verifications(a.ClientID)); n != 2 {
		t.Fatalf("%d recorded calls after failures, want 2", n)
	}
}
