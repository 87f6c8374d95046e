package awx_test

// Unit tests of the AWX API client against httptest servers: how it reads Django
// REST Framework error bodies, how it recognises the unique-key error of a resent
// create, how it pages through a lookup by name, and what its rate limiter releases.
// They need no terraform CLI and run without TF_ACC.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/registrar-dev/terraform-provider-registrar/internal/awx"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport/transporttest"
)

// testClient is an AWX client for srv with fast retries.
func testClient(t *testing.T, srv *httptest.Server, rps float64) *awx.Client {
	t.Helper()
	s := transport.DefaultSettings()
	s.MaxRetries = 0
	s.RetryMaxWait = 10 * time.Millisecond
	s.RequestsPerSecond = rps
	c, err := awx.NewClient(s, awx.Config{BaseURL: srv.URL, Token: "unit-test-token"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// answering is a server that answers every request with this status and body.
func answering(t *testing.T, status int, body string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv
}

var create = awx.CreateInput{Name: "ci", Organization: 1, ClientType: "confidential", AuthorizationGrantType: "password"}

// The error parser turns each DRF body shape into one readable message: the detail
// alone, field errors prefixed by their field (sorted, so the message is stable),
// non-field errors without a prefix.
func TestErrorMessage(t *testing.T) {
	cases := []struct {
		name, body, want string
	}{
		{"detail", `{"detail":"Authentication credentials were not provided."}`, "Authentication credentials were not provided."},
		{"field errors", `{"redirect_uris":["Redirect URIs must be set for authorization-code grant type."],"name":["This field may not be blank.","Ensure this field has no more than 512 characters."]}`,
			"name: This field may not be blank. Ensure this field has no more than 512 characters.; redirect_uris: Redirect URIs must be set for authorization-code grant type."},
		{"non_field_errors", `{"non_field_errors":["The fields name, organization must make a unique set."]}`, "The fields name, organization must make a unique set."},
		{"__all__", `{"__all__":["Application with this Name and Organization already exists."]}`, "Application with this Name and Organization already exists."},
		{"mixed", `{"__all__":["Duplicate."],"client_type":["\"secret\" is not a valid choice."]}`, `Duplicate.; client_type: "secret" is not a valid choice.`},
		{"field error as a string", `{"organization":"Invalid pk \"9\" - object does not exist."}`, `organization: Invalid pk "9" - object does not exist.`},
		{"empty object", `{}`, ""},
		{"not JSON", `<html>Bad Gateway</html>`, ""},
		{"JSON list", `["x"]`, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := awx.ErrorMessage(http.StatusBadRequest, []byte(c.body)); got != c.want {
				t.Errorf("ErrorMessage(%s)\n got %q\nwant %q", c.body, got, c.want)
			}
		})
	}
}

// The parsed message reaches the error a client call returns, with the field errors
// available by field.
func TestClient_errorFromServer(t *testing.T) {
	srv := answering(t, http.StatusBadRequest, `{"name":["This field may not be blank."]}`)
	_, err := testClient(t, srv, 0).Create(context.Background(), create)
	var ae *transport.APIError
	if !errors.As(err, &ae) || ae.Status != http.StatusBadRequest {
		t.Fatalf("Create: %v, want an *transport.APIError with HTTP 400", err)
	}
	if !strings.Contains(err.Error(), "name: This field may not be blank.") {
		t.Errorf("the error does not carry AWX's message: %v", err)
	}
	if fe := awx.FieldErrors(err); len(fe["name"]) != 1 || fe["name"][0] != "This field may not be blank." {
		t.Errorf("FieldErrors = %v", fe)
	}
	if awx.IsDuplicate(err) {
		t.Error("a field error counts as a duplicate")
	}
}

// IsDuplicate recognises AWX's unique (name, organization) answer, and nothing else.
func TestIsDuplicate(t *testing.T) {
	cases := []struct {
		name   string
		status int
		body   string
		want   bool
	}{
		{"unique set", http.StatusBadRequest, `{"__all__":["Application with this Name and Organization already exists."]}`, true},
		{"other __all__ error", http.StatusBadRequest, `{"__all__":["Something else is wrong."]}`, false},
		{"already exists in a field", http.StatusBadRequest, `{"name":["Application with this Name already exists."]}`, false},
		{"detail", http.StatusBadRequest, `{"detail":"already exists"}`, false},
		{"conflict status", http.StatusConflict, `{"__all__":["Application with this Name and Organization already exists."]}`, false},
		{"not JSON", http.StatusBadRequest, `already exists`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := answering(t, c.status, c.body)
			_, err := testClient(t, srv, 0).Create(context.Background(), create)
			if err == nil {
				t.Fatal("Create succeeded")
			}
			if got := awx.IsDuplicate(err); got != c.want {
				t.Errorf("IsDuplicate(HTTP %d %s) = %v, want %v", c.status, c.body, got, c.want)
			}
		})
	}
	for _, err := range []error{nil, errors.New("plain"), fmt.Errorf("wrapped: %w", &transport.RequestError{Err: errors.New("EOF")})} {
		if awx.IsDuplicate(err) {
			t.Errorf("IsDuplicate(%v) = true", err)
		}
	}
}

// pagedAWX serves GET /api/v2/applications/ in pages of size, over n applications
// named app-0 … app-(n-1) in organization 1 (app-3 also exists in organization 2),
// and records the pages asked for.
func pagedAWX(t *testing.T, n, size int) (*httptest.Server, *[]string) {
	t.Helper()
	type app struct {
		ID           int64  `json:"id"`
		Name         string `json:"name"`
		Organization int64  `json:"organization"`
	}
	var all []app
	for i := 0; i < n; i++ {
		all = append(all, app{ID: int64(i + 1), Name: "app-" + strconv.Itoa(i), Organization: 1})
	}
	all = append(all[:3:3], append([]app{{ID: 1000, Name: "app-3", Organization: 2}}, all[3:]...)...)
	var mu sync.Mutex
	var pages []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != "/api/v2/applications/" {
			t.Errorf("unexpected request %s %s", r.Method, r.URL.Path)
			w.WriteHeader(http.StatusNotFound)
			return
		}
		// The filter is ignored on purpose: the client must check the name itself.
		p, _ := strconv.Atoi(r.URL.Query().Get("page"))
		mu.Lock()
		pages = append(pages, r.URL.Query().Get("page"))
		mu.Unlock()
		if p < 1 {
			p = 1
		}
		lo, hi := min((p-1)*size, len(all)), min(p*size, len(all))
		var next *string
		if hi < len(all) {
			s := fmt.Sprintf("/api/v2/applications/?page=%d", p+1)
			next = &s
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"count": len(all), "next": next, "results": all[lo:hi]})
	}))
	t.Cleanup(srv.Close)
	return srv, &pages
}

// FindByName follows the pages until it finds the name in the organization, and
// stops at the last page when it is not there.
func TestFindByName_pages(t *testing.T) {
	cases := []struct {
		name   string
		org    int64
		wantID int64 // 0: not found
		pages  string
	}{
		{"app-1", 1, 2, "1"},
		{"app-7", 1, 8, "1,2,3"},
		{"app-3", 2, 1000, "1,2"},
		{"app-3", 1, 4, "1,2"},
		{"app-11", 1, 12, "1,2,3,4,5"},
		{"missing", 1, 0, "1,2,3,4,5"},
		{"app-5", 9, 0, "1,2,3,4,5"},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s in %d", c.name, c.org), func(t *testing.T) {
			srv, pages := pagedAWX(t, 12, 3) // 13 applications: pages of 3, 3, 3, 3, 1
			a, err := testClient(t, srv, 0).FindByName(context.Background(), c.name, c.org)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case c.wantID == 0 && a != nil:
				t.Errorf("found %+v, want none", *a)
			case c.wantID != 0 && (a == nil || a.ID != c.wantID || a.Name != c.name || a.Organization != c.org):
				t.Errorf("found %+v, want id %d", a, c.wantID)
			}
			if got := strings.Join(*pages, ","); got != c.pages {
				t.Errorf("pages asked for: %s, want %s", got, c.pages)
			}
		})
	}
}

// An empty page ends the lookup even when the server claims there is a next one.
func TestFindByName_emptyPageEnds(t *testing.T) {
	var calls int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"count":0,"next":"/api/v2/applications/?page=2","results":[]}`))
	}))
	t.Cleanup(srv.Close)
	a, err := testClient(t, srv, 0).FindByName(context.Background(), "x", 1)
	if err != nil || a != nil || calls != 1 {
		t.Fatalf("FindByName = %v, %v after %d calls; want nil, nil after 1", a, err, calls)
	}
}

// A failing page is an error, not "not found": the caller must not resend a create
// on the strength of a lookup that did not finish.
func TestFindByName_errorIsNotNotFound(t *testing.T) {
	srv := answering(t, http.StatusInternalServerError, `{"detail":"boom"}`)
	a, err := testClient(t, srv, 0).FindByName(context.Background(), "x", 1)
	if err == nil || a != nil {
		t.Fatalf("FindByName = %v, %v; want an error", a, err)
	}
}

// TestClient_rateLimit: with 10 requests per second, the limiter releases at most
// one request per 100 ms, to sequential calls and to several callers at once
// (transporttest.CheckRateLimit says why the check holds however slowly the machine
// runs). A client limited to 13 per second fails: its 21 sequential calls span about
// 1.5 s plus the round trips, not 2 s.
func TestClient_rateLimit(t *testing.T) {
	for _, tc := range []struct {
		name       string
		calls      int
		concurrent bool
	}{{"sequential", 21, false}, {"concurrent", 16, true}} {
		t.Run(tc.name, func(t *testing.T) {
			c := testClient(t, answering(t, http.StatusOK, `{"id":1,"name":"ci","organization":1}`), 10)
			transporttest.CheckRateLimit(t, tc.calls, 10, tc.concurrent, func() error {
				_, err := c.Get(context.Background(), 1)
				return err
			})
		})
	}
}
