package mockapi_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// raw sends a request to the tenant and returns the status, headers and body, without following redirects.
func raw(t *testing.T, tn *mockapi.Tenant, method, path, auth, contentType, body string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, tn.URL()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	req.Header.Set("Content-Type", contentType)
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

// createResult is one create's answer and the secret the platform stored.
type createResult struct {
	status int
	body   []byte
	secret string
}

// createEach creates one object on each platform whose create response carries a
// secret, with a secret chosen beforehand.
func createEach(t *testing.T, tn *mockapi.Tenant) map[string]createResult {
	t.Helper()
	c := tn.Creds
	calls := []struct {
		platform, path, auth, body string
		preset                     interface{ SetNextSecret(string) }
	}{
		{"awx", "/api/v2/applications/", c.AWXToken, `{"name":"x","organization":1,"client_type":"confidential","authorization_grant_type":"password"}`, tn.AWX},
		{"timeback", "/applications/1.0/drafts", c.TimebackToken, `{"name":"x","description":"d","launchUrl":"https://a.example.com/l"}`, tn.Timeback},
		{"cronofy", "/v1/applications", c.CronofyAdminAPIKey, `{"name":"x","url":"https://c.example.com"}`, tn.Cronofy},
		{"aap", "/api/gateway/v1/applications/", c.AAPToken, `{"name":"x","organization":1,"client_type":"confidential","authorization_grant_type":"password"}`, tn.AAP},
	}
	out := map[string]createResult{}
	for _, call := range calls {
		secret := call.platform + "-secret-" + strings.Repeat("s", 40)
		call.preset.SetNextSecret(secret)
		st, _, b := raw(t, tn, "POST", call.path, "Bearer "+call.auth, "application/json", call.body)
		out[call.platform] = createResult{st, b, secret}
	}
	return out
}

// TestFaults_malformedCreateWithSecretFirst: the object is stored, the status is the
// platform's 2xx, the body is not valid JSON, and the secret starts within its first
// 40 bytes (so a client that quotes the first 80 bytes of a bad body quotes it).
func TestFaults_malformedCreateWithSecretFirst(t *testing.T) {
	for _, mode := range []string{"secret-truncated", "secret-trailing"} {
		t.Run(mode, func(t *testing.T) {
			tn := mockapi.NewTestTenant(t)
			tn.SetFaults(mockapi.Faults{MalformCreates: 4, Malform: mode})
			for platform, r := range createEach(t, tn) {
				if r.status/100 != 2 {
					t.Errorf("%s: status %d, want the platform's 2xx", platform, r.status)
				}
				if json.Valid(r.body) {
					t.Errorf("%s: the body is valid JSON: %s", platform, r.body)
				}
				if i := strings.Index(string(r.body), r.secret); i < 0 || i > 40 {
					t.Errorf("%s: the secret does not start in the first 40 bytes (at %d)", platform, i)
				}
				if mode == "secret-trailing" {
					dec := json.NewDecoder(strings.NewReader(string(r.body)))
					var v map[string]any
					if err := dec.Decode(&v); err != nil || !dec.More() {
						t.Errorf("%s: not a valid JSON object followed by trailing bytes (%v)", platform, err)
					}
				}
			}
			if c := tn.Counts(); c["awx"] != 1 || c["timeback"] != 1 || c["cronofy"] != 1 || c["aap"] != 1 {
				t.Fatalf("the creates were not stored: %v", c)
			}
			// The fault is used up: the next create answers normally.
			tn.Timeback.SetNextSecret("")
			st, _, b := raw(t, tn, "POST", "/applications/1.0/drafts", "Bearer "+tn.Creds.TimebackToken, "application/json",
				`{"name":"y","description":"d","launchUrl":"https://a.example.com/l"}`)
			if st != 201 || !json.Valid(b) {
				t.Fatalf("after the fault: %d %s", st, b)
			}
		})
	}
}

// TestFaults_tokenEndpointAnswersEmpty: TPP's and Timeback's token endpoints answer
// 2xx with {} or null, once each, then normally.
func TestFaults_tokenEndpointAnswersEmpty(t *testing.T) {
	for mode, want := range map[string]string{"empty": "{}", "null": "null"} {
		t.Run(mode, func(t *testing.T) {
			tn := mockapi.NewTestTenant(t)
			c := tn.Creds
			tppToken := func() (int, string) {
				body, _ := json.Marshal(map[string]string{"client_id": c.TPPClientID, "username": c.TPPUsername, "password": c.TPPPassword, "scope": "configuration:manage"})
				st, _, b := raw(t, tn, "POST", "/vedauth/authorize/oauth", "", "application/json", string(body))
				return st, strings.TrimSpace(string(b))
			}
			tbToken := func() (int, string) {
				basic := "Basic " + basicPair(c.TimebackClientID, c.TimebackClientSecret)
				st, _, b := raw(t, tn, "POST", "/auth/1.0/token", basic, "application/x-www-form-urlencoded", url.Values{"grant_type": {"client_credentials"}}.Encode())
				return st, strings.TrimSpace(string(b))
			}
			tn.SetFaults(mockapi.Faults{MalformTokens: 2, MalformToken: mode})
			for name, get := range map[string]func() (int, string){"tpp": tppToken, "timeback": tbToken} {
				if st, b := get(); st != 200 || b != want {
					t.Errorf("%s token with the fault: %d %s, want 200 %s", name, st, b, want)
				}
			}
			for name, get := range map[string]func() (int, string){"tpp": tppToken, "timeback": tbToken} {
				if st, b := get(); st != 200 || !strings.Contains(b, "access_token") {
					t.Errorf("%s token after the fault: %d", name, st)
				}
			}
			// A failed token request does not use the fault up.
			tn.SetFaults(mockapi.Faults{MalformTokens: 1, MalformToken: mode})
			if st, _, _ := raw(t, tn, "POST", "/vedauth/authorize/oauth", "", "application/json", `{"client_id":"x","username":"x","password":"x","scope":"x"}`); st != 400 {
				t.Fatalf("bad credentials: %d", st)
			}
			if st, b := tppToken(); st != 200 || b != want {
				t.Errorf("the fault was used up by a failed request: %d %s", st, b)
			}
		})
	}
}

func basicPair(user, pass string) string {
	req, _ := http.NewRequest("GET", "http://x", nil)
	req.SetBasicAuth(user, pass)
	return strings.TrimPrefix(req.Header.Get("Authorization"), "Basic ")
}

// TestFaults_readAnswersWrongObject: a read of one object answers 200 with {},
// null or another object (another id), on every platform that has a read.
func TestFaults_readAnswersWrongObject(t *testing.T) {
	for _, mode := range []string{"empty", "null", "other"} {
		t.Run(mode, func(t *testing.T) {
			tn := mockapi.NewTestTenant(t)
			ids := seedEveryKind(t, tn)
			c := tn.Creds
			tpp := func(id string) (int, []byte) {
				tok := tn.TPP.IssueToken(c.TPPUsername, "configuration:manage;admin")
				st, _, b := raw(t, tn, "POST", "/vedsdk/oauth/getapplication", "Bearer "+tok, "application/json", `{"ApplicationId":"`+id+`"}`)
				return st, b
			}
			reads := []struct {
				name, method, path, auth string
				idOf                     func(map[string]any) any
				want                     any
			}{
				{"awx", "GET", "/api/v2/applications/" + ids["awx/applications"] + "/", "Bearer " + c.AWXToken, func(m map[string]any) any { return jsonNumber(m["id"]) }, ids["awx/applications"]},
				{"aap", "GET", "/api/gateway/v1/applications/" + ids["aap/applications"] + "/", "Bearer " + c.AAPToken, func(m map[string]any) any { return jsonNumber(m["id"]) }, ids["aap/applications"]},
				{"ltiaas", "GET", "/admin/platforms/" + ids["ltiaas/platforms"], "Bearer " + c.LTIaaSAPIKey, func(m map[string]any) any { return m["id"] }, ids["ltiaas/platforms"]},
				{"timeback", "GET", "/applications/1.0/" + ids["timeback/applications"], "Bearer " + c.TimebackToken, func(m map[string]any) any { return strings.ToUpper(fmt.Sprint(m["sourcedId"])) }, ids["timeback/applications"]},
				{"timeback credentials", "GET", "/applications/1.0/" + ids["timeback/applications"] + "/credentials", "Bearer " + c.TimebackToken, func(m map[string]any) any { return strings.ToUpper(fmt.Sprint(m["applicationId"])) }, ids["timeback/applications"]},
			}
			check := func(name string, st int, b []byte, idOf func(map[string]any) any, want any) {
				t.Helper()
				if st != 200 {
					t.Errorf("%s: status %d", name, st)
					return
				}
				var m map[string]any
				if err := json.Unmarshal(b, &m); err != nil {
					t.Errorf("%s: %v", name, err)
					return
				}
				switch mode {
				case "empty":
					if len(m) != 0 {
						t.Errorf("%s: %s, want {}", name, b)
					}
				case "null":
					if m != nil {
						t.Errorf("%s: %s, want null", name, b)
					}
				case "other":
					if got := idOf(m); got == nil || got == want || got == "" || got == "null" {
						t.Errorf("%s: id %v, want another object's", name, got)
					}
				}
			}
			tn.SetFaults(mockapi.Faults{MalformReads: len(reads) + 1, MalformRead: mode})
			for _, rd := range reads {
				st, _, b := raw(t, tn, rd.method, rd.path, rd.auth, "application/json", "")
				check(rd.name, st, b, rd.idOf, rd.want)
			}
			st, b := tpp("tpp-1")
			check("tpp", st, b, func(m map[string]any) any {
				app, _ := m["Application"].(map[string]any)
				if list, ok := m["Applications"].([]any); ok && len(list) == 1 { // the contract's shape, the default
					app, _ = list[0].(map[string]any)
				}
				return app["ID"]
			}, "tpp-1")
			// Used up: the next read is the object itself.
			st, _, b = raw(t, tn, "GET", reads[0].path, reads[0].auth, "", "")
			var m map[string]any
			_ = json.Unmarshal(b, &m)
			if st != 200 || jsonNumber(m["id"]) != ids["awx/applications"] {
				t.Fatalf("after the fault: %d %s", st, b)
			}
		})
	}
}

// TestFaults_endlessNext: with the fault, every AWX list page has a next link, to
// the following page or to itself; without it, the last page has none.
func TestFaults_endlessNext(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	if st, m := awxDo(t, tn, "POST", "/api/v2/applications/", awxApp("only", 1)); st != http.StatusCreated {
		t.Fatalf("create: %d %v", st, m)
	}
	next := func(path string) any {
		st, m := awxDo(t, tn, "GET", path, nil)
		if st != 200 {
			t.Fatalf("GET %s: %d %v", path, st, m)
		}
		return m["next"]
	}
	if n := next("/api/v2/applications/?name=only"); n != nil {
		t.Fatalf("no fault: next %v", n)
	}
	tn.SetFaults(mockapi.Faults{EndlessNext: "advance"})
	path := "/api/v2/applications/?name=only"
	for i := 2; i <= 50; i++ {
		n, ok := next(path).(string)
		if !ok || !strings.Contains(n, fmt.Sprintf("page=%d", i)) {
			t.Fatalf("page %d: next %v", i-1, n)
		}
		path = n
	}
	tn.SetFaults(mockapi.Faults{EndlessNext: "self"})
	path = "/api/v2/applications/?name=only&page=1"
	if n := next(path); n != path {
		t.Fatalf("self: next %v, want %s", n, path)
	}
}

// TestFaults_redirectToHTTP: the next request (of the method, when set) answers a
// redirect to the same URL with the http scheme, tenant path and query kept, and is
// not processed.
func TestFaults_redirectToHTTP(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	c := tn.Creds
	host := strings.TrimPrefix(strings.Split(tn.URL(), "/t/")[0], "http://")
	tn.SetFaults(mockapi.Faults{RedirectHTTP: 1, RedirectMethod: "POST", RedirectStatus: http.StatusMovedPermanently})
	if st, _, _ := raw(t, tn, "GET", "/api/v2/applications/?name=x", "Bearer "+c.AWXToken, "", ""); st != 200 {
		t.Fatalf("a GET was redirected: %d", st)
	}
	st, h, _ := raw(t, tn, "POST", "/api/v2/applications/?q=1", "Bearer "+c.AWXToken, "application/json", `{"name":"x","organization":1,"client_type":"public","authorization_grant_type":"password"}`)
	if want := "http://" + host + "/t/" + tn.Name + "/api/v2/applications/?q=1"; st != http.StatusMovedPermanently || h.Get("Location") != want {
		t.Fatalf("POST: %d Location %q, want 301 %q", st, h.Get("Location"), want)
	}
	if tn.AWX.Count() != 0 {
		t.Fatal("the redirected create was processed")
	}
	tn.SetFaults(mockapi.Faults{RedirectHTTP: 1})
	st, h, _ = raw(t, tn, "GET", "/api/v2/applications/", "Bearer "+c.AWXToken, "", "")
	if st != http.StatusTemporaryRedirect || !strings.HasPrefix(h.Get("Location"), "http://"+host+"/t/") {
		t.Fatalf("default status: %d %q", st, h.Get("Location"))
	}
	if st, _, _ := raw(t, tn, "GET", "/api/v2/applications/", "Bearer "+c.AWXToken, "", ""); st != 200 {
		t.Fatalf("after the fault: %d", st)
	}
	var faults []string
	for _, r := range tn.Requests() {
		if r.Fault != "" {
			faults = append(faults, r.Fault)
		}
	}
	if strings.Join(faults, ",") != "redirect-http,redirect-http" {
		t.Fatalf("request log faults: %v", faults)
	}
}
