package tpp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// fixedServer answers every Web SDK call with answer(request number, decoded body).
func fixedServer(t *testing.T, answer func(n int, body map[string]any) string) (*Client, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		_ = json.NewDecoder(r.Body).Decode(&body)
		n := int(calls.Add(1))
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(answer(n, body)))
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(transport.DefaultSettings(), Config{BaseURL: srv.URL, AccessToken: "t"})
	if err != nil {
		t.Fatal(err)
	}
	return c, &calls
}

// GetApplication may answer Application (the docs' example) or Applications (the
// vendor's contract); an answer that holds no application with the id asked for is
// a clear error.
func TestClient_getEitherShape(t *testing.T) {
	for _, c := range []struct {
		name, body, wantErr string
	}{
		{"Application", `{"Application":{"ID":"a","Name":"one"},"Result":0,"Success":true}`, ""},
		{"Applications", `{"Applications":[{"ID":"b","Name":"two"},{"ID":"a","Name":"one"}],"Result":0,"Success":true}`, ""},
		{"id in other letter case", `{"Applications":[{"ID":"A","Name":"one"}],"Result":0,"Success":true}`, ""},
		{"neither member", `{"Result":0,"Success":true}`, `a body without the object's id`},
		{"empty array", `{"Applications":[],"Result":0,"Success":true}`, `a body without the object's id`},
		{"another application", `{"Application":{"ID":"other","Name":"x"},"Result":0,"Success":true}`, `the object with id "other"`},
		{"others in the array", `{"Applications":[{"ID":"x"},{"ID":"y"}],"Result":0,"Success":true}`, `the object with id "x"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			cl, _ := fixedServer(t, func(int, map[string]any) string { return c.body })
			got, err := cl.Get(context.Background(), "a")
			if c.wantErr == "" {
				if err != nil || got.Name != "one" {
					t.Fatalf("Get = %+v, %v; want the application named one", got, err)
				}
				return
			}
			if !transport.IsWrongObject(err) || got != nil || !strings.Contains(err.Error(), c.wantErr) || !strings.Contains(err.Error(), `instead of the object with id "a"`) {
				t.Fatalf("Get error = %v; want a wrong-object error containing %q", err, c.wantErr)
			}
		})
	}
}

// Against the mock: both shapes read, and a read answering about another
// application (MalformRead "other") is refused.
func TestClient_getShapesAgainstMock(t *testing.T) {
	ctx := context.Background()
	c, tn := clientWithApp(t, ctx)
	for _, key := range []string{"Applications", "Application"} {
		tn.TPP.SetGetApplicationKey(key)
		if got, err := c.Get(ctx, "a"); err != nil || got.ID != "a" {
			t.Fatalf("%s shape: %+v %v", key, got, err)
		}
		tn.SetFaults(mockapi.Faults{MalformReads: 1, MalformRead: "other"})
		if got, err := c.Get(ctx, "a"); !transport.IsWrongObject(err) {
			t.Fatalf("%s shape, another application's answer: %+v %v", key, got, err)
		}
	}
}

// The validity fields and counters are read whenever present; GrantValidity null
// is "never expires", and Update sends it back as null (not left out, which would
// reset it to the system default).
func TestClient_validityFieldsAndNeverExpires(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	c := testClient(t, tn, Config{})
	ctx := context.Background()
	tn.TPP.Put(mockapi.TPPApp{ID: "a", Name: "n", Vendor: "v", Scope: "certificate", MaximumScope: "certificate",
		AccessValidity: 10, GrantNeverExpires: true, Renewable: true, UnusedExpiration: 30, GrantCount: 4, UserCount: 2})
	got, err := c.Get(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}
	if got.AccessValidity == nil || *got.AccessValidity != 10 || got.GrantValidity != nil || !got.GrantNeverExpires ||
		got.Renewable == nil || !*got.Renewable || got.UnusedExpiration == nil || *got.UnusedExpiration != 30 ||
		got.GrantCount == nil || *got.GrantCount != 4 || got.UserCount == nil || *got.UserCount != 2 {
		t.Fatalf("Get = %+v", got)
	}
	got.Name = "renamed"
	if err := c.Update(ctx, *got); err != nil {
		t.Fatal(err)
	}
	if a := tn.TPP.Get("a"); a.Name != "renamed" || !a.GrantNeverExpires || a.UnusedExpiration != 30 || a.AccessValidity != 10 {
		t.Fatalf("after the update TPP holds %+v", *a)
	}
	raw, _ := json.Marshal(Application{ID: "a", GrantCount: got.GrantCount, UserCount: got.UserCount})
	if strings.Contains(string(raw), "Count") || strings.Contains(string(raw), "GrantValidity") {
		t.Fatalf("an update body carries the read-only counters or an unknown GrantValidity: %s", raw)
	}
}

// Result codes 19-23 are named, and the answer's Error text is in the message.
func TestClient_resultCodesAndErrorText(t *testing.T) {
	for code, name := range map[int]string{19: "ApplicationAlreadyExists", 20: "RuleAlreadyExists", 21: "JwtMappingNotFound", 22: "JwtMappingAlreadyExists", 23: "ScopeMismatch"} {
		if !strings.HasPrefix(ResultName(code), name) {
			t.Errorf("ResultName(%d) = %q, want %s", code, ResultName(code), name)
		}
	}
	ctx := context.Background()
	c, _ := clientWithApp(t, ctx)
	_, err := c.Create(ctx, sample("a"))
	re, ok := asResultError(err)
	if !ok || re.Result != ResultApplicationAlreadyExists || transport.StatusOf(err) != http.StatusOK {
		t.Fatalf("duplicate create: %v, want Result 19 at HTTP 200", err)
	}
	if !strings.Contains(err.Error(), "Result 19 (ApplicationAlreadyExists") || !strings.Contains(err.Error(), "An application with the ID 'a' already exists.") {
		t.Fatalf("the error does not name the code and TPP's Error text: %v", err)
	}
	if m := ErrorMessage(400, []byte(`{"Result":23,"Success":false,"Error":"Scope exceeds the maximum."}`)); !strings.Contains(m, "ScopeMismatch") || !strings.Contains(m, "Scope exceeds the maximum.") {
		t.Fatalf("ErrorMessage = %q", m)
	}
}

// List pages through EnumerateApplications until a short page.
func TestClient_listPages(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	c := testClient(t, tn, Config{})
	for i := 0; i < 2*listPageSize+5; i++ {
		tn.TPP.Put(mockapi.TPPApp{ID: fmt.Sprintf("app-%03d", i), Name: "n", Scope: "certificate", MaximumScope: "certificate", UnusedExpiration: i})
	}
	all, err := c.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2*listPageSize+5 || all[7].ID != "app-007" || all[7].UnusedExpiration == nil || *all[7].UnusedExpiration != 7 {
		t.Fatalf("List = %d applications, [7] = %+v", len(all), all[7])
	}
	if n := countPath(tn, "/vedsdk/oauth/EnumerateApplications"); n != 3 {
		t.Fatalf("List made %d EnumerateApplications calls, want 3", n)
	}
}

// List is bounded: a server repeating a full page stops after the page that adds
// nothing; one inventing applications forever fails at the bound.
func TestClient_listBounded(t *testing.T) {
	page := func(from int) string {
		apps := make([]string, listPageSize)
		for i := range apps {
			apps[i] = fmt.Sprintf(`{"ID":"app-%d","Name":"n"}`, from+i)
		}
		return `{"Applications":[` + strings.Join(apps, ",") + `],"Result":0,"Success":true}`
	}
	c, calls := fixedServer(t, func(int, map[string]any) string { return page(0) })
	all, err := c.List(context.Background())
	if err != nil || len(all) != listPageSize || calls.Load() != 2 {
		t.Fatalf("a repeating server: %d applications, %d calls, %v; want %d applications in 2 calls", len(all), calls.Load(), err, listPageSize)
	}
	c, calls = fixedServer(t, func(n int, _ map[string]any) string { return page(n * listPageSize) })
	var pe *transport.PagingError
	if _, err := c.List(context.Background()); !errors.As(err, &pe) || int(calls.Load()) != transport.MaxListObjects/listPageSize {
		t.Fatalf("an endless server: %v after %d calls; want a PagingError after %d", err, calls.Load(), transport.MaxListObjects/listPageSize)
	}
	c, _ = fixedServer(t, func(int, map[string]any) string { return `{"Result":0,"Success":true}` })
	if _, err := c.List(context.Background()); err == nil || !strings.Contains(err.Error(), "no Applications") {
		t.Fatalf("an answer without Applications: %v", err)
	}
}

// The CreateApplication body names the id ApplicationId (and no ID member), spells
// MaximumScope, leaves out a GrantValidity it does not know and never sends the
// read-only counters.
func TestClient_createBody(t *testing.T) {
	v, n := int64(60), int64(4)
	a := sample("app-1")
	a.GrantNeverExpires, a.GrantCount, a.UserCount = true, &n, &n
	raw, err := json.Marshal(newCreateBody(a))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"ApplicationId": "app-1", "Name": "n", "Vendor": "v", "Description": "", "Url": "",
		"Scope": "certificate", "MaximumScope": "certificate", "AccessValidity": float64(v)}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("create body %s, want %v", raw, want)
	}
}
