package providerdata_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/awx"
	"github.com/registrar-dev/terraform-provider-registrar/internal/provider"
	"github.com/registrar-dev/terraform-provider-registrar/internal/providerdata"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

func platform(t *testing.T, block string) providerdata.Platform {
	t.Helper()
	for _, p := range provider.Platforms() {
		if p.Block == block {
			return p
		}
	}
	t.Fatalf("no platform %q", block)
	return providerdata.Platform{}
}

// blockObject builds the provider block as Terraform would pass it: the given
// attributes set, the others null. A nil map is an absent block.
func blockObject(t *testing.T, p providerdata.Platform, set map[string]string) types.Object {
	t.Helper()
	types_ := p.Schema().Type().(types.ObjectType).AttrTypes
	if set == nil {
		return types.ObjectNull(types_)
	}
	vals := map[string]attr.Value{}
	for name, typ := range types_ {
		v, ok := set[name]
		switch {
		case typ == types.BoolType && ok:
			vals[name] = types.BoolValue(v == "true")
		case typ == types.BoolType:
			vals[name] = types.BoolNull()
		case ok && v == "(unknown)":
			vals[name] = types.StringUnknown()
		case ok:
			vals[name] = types.StringValue(v)
		default:
			vals[name] = types.StringNull()
		}
	}
	for name := range set {
		if _, ok := types_[name]; !ok {
			t.Fatalf("%s has no attribute %q", p.Block, name)
		}
	}
	return types.ObjectValueMust(types_, vals)
}

func envOf(m map[string]string) providerdata.Env {
	return func(name string) (string, bool) { v, ok := m[name]; return v, ok }
}

// planValidation runs the block's own validators, as terraform validate and plan do.
func planValidation(t *testing.T, p providerdata.Platform, obj types.Object) diag.Diagnostics {
	t.Helper()
	blk := p.Schema().(schema.SingleNestedBlock)
	var diags diag.Diagnostics
	for _, v := range blk.Validators {
		resp := &validator.ObjectResponse{}
		v.ValidateObject(context.Background(), validator.ObjectRequest{Path: path.Root(p.Block), ConfigValue: obj}, resp)
		diags.Append(resp.Diagnostics...)
	}
	return diags
}

type want struct {
	values   map[string]string // resolved settings; a listed "" must be unset
	notConf  bool              // the platform is not configured
	summary  string            // an error (or, with warning, a warning) with this summary ...
	at       string            // ... on this attribute path ...
	detail   []string          // ... whose detail holds these parts
	warning  bool
	planTime bool // the error is also raised by the block's validators at plan time
}

func check(t *testing.T, p providerdata.Platform, obj types.Object, env map[string]string, w want) {
	t.Helper()
	v, configured, diags := p.Resolve(context.Background(), obj, envOf(env))
	if w.notConf {
		if configured || diags.HasError() {
			t.Fatalf("configured %v, diags %v; want not configured", configured, diags)
		}
		return
	}
	if !configured {
		t.Fatal("not configured")
	}
	if w.summary == "" {
		if diags.HasError() || diags.WarningsCount() > 0 {
			t.Fatalf("unexpected diagnostics: %v", diags)
		}
	} else {
		list := diags.Errors()
		if w.warning {
			list = diags.Warnings()
		}
		found := false
		for _, d := range list {
			if d.Summary() != w.summary {
				continue
			}
			if wp, ok := d.(diag.DiagnosticWithPath); w.at != "" && (!ok || wp.Path().String() != w.at) {
				continue
			}
			for _, part := range w.detail {
				if !strings.Contains(d.Detail(), part) {
					t.Errorf("%s: detail %q lacks %q", d.Summary(), d.Detail(), part)
				}
			}
			found = true
		}
		if !found {
			t.Fatalf("no %q on %q in %v", w.summary, w.at, diags)
		}
		if w.planTime {
			pd := planValidation(t, p, obj)
			if !pd.HasError() || pd.Errors()[0].Summary() != w.summary {
				t.Errorf("the block's validators at plan time give %v, want %q", pd, w.summary)
			}
		}
		if !w.warning {
			return
		}
	}
	for name, wv := range w.values {
		if got := v.Get(name); got != wv {
			t.Errorf("%s = %q, want %q", name, got, wv)
		}
	}
}

// TestResolve is the precedence table: for each platform block, what the block and the
// environment give, and what the provider takes.
func TestResolve(t *testing.T) {
	awxEnvToken := map[string]string{"CONTROLLER_OAUTH_TOKEN": "env-token"}
	for _, tc := range []struct {
		name  string
		block string
		set   map[string]string
		env   map[string]string
		want  want
	}{
		// AWX
		{"awx: block username+password win over the env token", "awx",
			map[string]string{"base_url": "https://awx.example.com", "username": "blockuser", "password": "blockpass"}, awxEnvToken,
			want{values: map[string]string{"username": "blockuser", "password": "blockpass", "token": ""}}},
		{"awx: block token wins over env username+password", "awx",
			map[string]string{"base_url": "https://awx.example.com", "token": "block-token"},
			map[string]string{"CONTROLLER_USERNAME": "envuser", "CONTROLLER_PASSWORD": "envpass"},
			want{values: map[string]string{"token": "block-token", "username": "", "password": ""}}},
		{"awx: env only, username+password", "awx", nil,
			map[string]string{"CONTROLLER_HOST": "https://awx.example.com", "CONTROLLER_USERNAME": "envuser", "CONTROLLER_PASSWORD": "envpass"},
			want{values: map[string]string{"base_url": "https://awx.example.com", "username": "envuser", "password": "envpass", "token": ""}}},
		{"awx: env only, old Tower names", "awx", nil,
			map[string]string{"TOWER_HOST": "https://tower.example.com", "TOWER_OAUTH_TOKEN": "t"},
			want{values: map[string]string{"base_url": "https://tower.example.com", "token": "t"}}},
		{"awx: env with both sets: the token, the first set", "awx", nil,
			map[string]string{"CONTROLLER_HOST": "https://awx.example.com", "CONTROLLER_OAUTH_TOKEN": "t", "CONTROLLER_USERNAME": "u", "CONTROLLER_PASSWORD": "p"},
			want{values: map[string]string{"token": "t", "username": "", "password": ""}}},
		{"awx: block username without password is never completed from env", "awx",
			map[string]string{"base_url": "https://awx.example.com", "username": "blockuser"},
			map[string]string{"CONTROLLER_PASSWORD": "envpass", "CONTROLLER_OAUTH_TOKEN": "t"},
			want{summary: "Incomplete AWX credentials", at: "awx.password", detail: []string{"sets username but not password", "CONTROLLER_PASSWORD"}, planTime: true}},
		{"awx: block password without username", "awx",
			map[string]string{"base_url": "https://awx.example.com", "password": "p"}, nil,
			want{summary: "Incomplete AWX credentials", at: "awx.username", planTime: true}},
		{"awx: token and username in the block", "awx",
			map[string]string{"base_url": "https://awx.example.com", "token": "t", "username": "u", "password": "p"}, nil,
			want{summary: "Conflicting AWX credentials", at: "awx.username", detail: []string{"token, username, password"}, planTime: true}},
		{"awx: an unknown password is an error when configuring", "awx",
			map[string]string{"base_url": "https://awx.example.com", "username": "u", "password": "(unknown)"}, awxEnvToken,
			want{summary: "AWX password is not known at plan", at: "awx.password", detail: []string{"CONTROLLER_PASSWORD"}}},
		{"awx: env with half a set", "awx", nil,
			map[string]string{"CONTROLLER_HOST": "https://awx.example.com", "CONTROLLER_USERNAME": "u"},
			want{summary: "AWX credentials are not set", at: "awx", detail: []string{"token (CONTROLLER_OAUTH_TOKEN or TOWER_OAUTH_TOKEN)", "Missing from the environment: password (CONTROLLER_PASSWORD or TOWER_PASSWORD)"}}},
		{"awx: block base_url wins; a bare host gets https", "awx",
			map[string]string{"base_url": "awx.example.com", "token": "t"}, map[string]string{"CONTROLLER_HOST": "https://other.example.com"},
			want{values: map[string]string{"base_url": "https://awx.example.com", "api_path": "/api/v2/"}}},
		{"awx: no base_url", "awx", map[string]string{"token": "t"}, nil,
			want{summary: "AWX base_url is not set", at: "awx.base_url", detail: []string{"CONTROLLER_HOST or TOWER_HOST"}}},
		{"awx: plain http to a remote host is warned", "awx",
			map[string]string{"base_url": "http://awx.example.com", "token": "t"}, nil,
			want{summary: "Plain HTTP base_url", warning: true, values: map[string]string{"token": "t"}}},
		{"awx: only insecure_skip_verify = false configures the block", "awx",
			map[string]string{"insecure_skip_verify": "false"}, nil,
			want{summary: "AWX credentials are not set"}},
		{"awx: nothing anywhere", "awx", nil, map[string]string{"UNRELATED": "x"}, want{notConf: true}},

		// LTIaaS
		{"ltiaas: block api_key wins", "ltiaas",
			map[string]string{"base_url": "your.ltiaas.com", "api_key": "block-key"}, map[string]string{"LTIAAS_API_KEY": "env-key"},
			want{values: map[string]string{"base_url": "https://your.ltiaas.com", "api_key": "block-key", "path_prefix": "/admin"}}},
		{"ltiaas: env only", "ltiaas", nil,
			map[string]string{"LTIAAS_BASE_URL": "https://your.ltiaas.com", "LTIAAS_API_KEY": "env-key"},
			want{values: map[string]string{"api_key": "env-key"}}},
		{"ltiaas: no key", "ltiaas", map[string]string{"base_url": "https://your.ltiaas.com"}, nil,
			want{summary: "LTIaaS api_key is not set", at: "ltiaas.api_key", detail: []string{"LTIAAS_API_KEY", "LTIaaS portal"}}},

		// Timeback
		{"timeback: block client pair wins over env token", "timeback",
			map[string]string{"client_id": "bid", "client_secret": "bsecret"}, map[string]string{"TIMEBACK_TOKEN": "env-token"},
			want{values: map[string]string{"client_id": "bid", "client_secret": "bsecret", "token": "", "base_url": "https://platform.timeback.com"}}},
		{"timeback: block token wins over env client pair", "timeback",
			map[string]string{"token": "btoken"}, map[string]string{"TIMEBACK_CLIENT_ID": "eid", "TIMEBACK_CLIENT_SECRET": "esecret"},
			want{values: map[string]string{"token": "btoken", "client_id": "", "client_secret": ""}}},
		{"timeback: env only, client pair", "timeback", nil,
			map[string]string{"TIMEBACK_BASE_URL": "https://sandbox.platform.timeback.com", "TIMEBACK_CLIENT_ID": "eid", "TIMEBACK_CLIENT_SECRET": "esecret"},
			want{values: map[string]string{"base_url": "https://sandbox.platform.timeback.com", "client_id": "eid", "client_secret": "esecret"}}},
		{"timeback: block client_id alone", "timeback",
			map[string]string{"client_id": "bid"}, map[string]string{"TIMEBACK_CLIENT_SECRET": "esecret"},
			want{summary: "Incomplete Timeback credentials", at: "timeback.client_secret", detail: []string{"TIMEBACK_CLIENT_SECRET"}, planTime: true}},
		{"timeback: plain http TIMEBACK_TOKEN_URL", "timeback", nil,
			map[string]string{"TIMEBACK_CLIENT_ID": "c", "TIMEBACK_CLIENT_SECRET": "s", "TIMEBACK_TOKEN_URL": "http://idp.example.com/oauth2/token"},
			want{summary: "Insecure URL", at: "timeback.token_url", detail: []string{"TIMEBACK_TOKEN_URL"}}},
		{"timeback: TIMEBACK_TOKEN_URL without a scheme", "timeback", nil,
			map[string]string{"TIMEBACK_CLIENT_ID": "c", "TIMEBACK_CLIENT_SECRET": "s", "TIMEBACK_TOKEN_URL": "idp.example.com/token"},
			want{summary: "Invalid URL", at: "timeback.token_url", detail: []string{"TIMEBACK_TOKEN_URL"}}},
		{"timeback: TIMEBACK_TOKEN_URL on loopback over http", "timeback", nil,
			map[string]string{"TIMEBACK_CLIENT_ID": "c", "TIMEBACK_CLIENT_SECRET": "s", "TIMEBACK_TOKEN_URL": "http://127.0.0.1:8080/token"},
			want{values: map[string]string{"token_url": "http://127.0.0.1:8080/token"}}},
		{"timeback: block token_url wins over a bad env one", "timeback",
			map[string]string{"token_url": "https://idp.example.com/token"},
			map[string]string{"TIMEBACK_CLIENT_ID": "c", "TIMEBACK_CLIENT_SECRET": "s", "TIMEBACK_TOKEN_URL": "http://bad.example.com"},
			want{values: map[string]string{"token_url": "https://idp.example.com/token", "client_id": "c"}}},

		// TPP
		{"tpp: block password flow wins over env token", "tpp",
			map[string]string{"base_url": "https://tpp.example.com", "username": "bu", "password": "bp", "client_id": "bc"},
			map[string]string{"VENAFI_TOKEN": "env-token"},
			want{values: map[string]string{"username": "bu", "password": "bp", "client_id": "bc", "access_token": ""}}},
		{"tpp: block access_token wins over env user set", "tpp",
			map[string]string{"base_url": "https://tpp.example.com", "access_token": "bt"},
			map[string]string{"VENAFI_USER": "eu", "VENAFI_PASS": "ep", "VENAFI_CLIENT_ID": "ec"},
			want{values: map[string]string{"access_token": "bt", "username": "", "password": "", "client_id": ""}}},
		{"tpp: block username+password without client_id", "tpp",
			map[string]string{"base_url": "https://tpp.example.com", "username": "bu", "password": "bp"},
			map[string]string{"VENAFI_CLIENT_ID": "ec"},
			want{summary: "Incomplete TPP credentials", at: "tpp.client_id", detail: []string{"VENAFI_CLIENT_ID"}, planTime: true}},
		{"tpp: env only", "tpp", nil,
			map[string]string{"VENAFI_URL": "https://tpp.example.com", "VENAFI_USER": "eu", "VENAFI_PASS": "ep", "VENAFI_CLIENT_ID": "ec"},
			want{values: map[string]string{"base_url": "https://tpp.example.com", "username": "eu", "client_id": "ec"}}},
		{"tpp: env with part of the password flow", "tpp", nil,
			map[string]string{"VENAFI_URL": "https://tpp.example.com", "VENAFI_USER": "eu"},
			want{summary: "TPP credentials are not set", detail: []string{"password (VENAFI_PASS), client_id (VENAFI_CLIENT_ID)"}}},

		// Cronofy
		{"cronofy: block key and data center win", "cronofy",
			map[string]string{"admin_api_key": "bk", "data_center": "uk"}, map[string]string{"CRONOFY_ADMIN_API_KEY": "ek", "CRONOFY_DATA_CENTER": "de"},
			want{values: map[string]string{"admin_api_key": "bk", "data_center": "uk", "base_url": ""}}},
		{"cronofy: env only, default data center", "cronofy", nil, map[string]string{"CRONOFY_ADMIN_API_KEY": "ek"},
			want{values: map[string]string{"admin_api_key": "ek", "data_center": "us"}}},
		{"cronofy: unknown CRONOFY_DATA_CENTER", "cronofy", nil, map[string]string{"CRONOFY_ADMIN_API_KEY": "ek", "CRONOFY_DATA_CENTER": "eu"},
			want{summary: "Invalid Attribute Value Match", at: "cronofy.data_center", detail: []string{`"eu"`, "CRONOFY_DATA_CENTER"}}},
		{"cronofy: no key", "cronofy", map[string]string{"data_center": "uk"}, nil,
			want{summary: "Cronofy admin_api_key is not set", at: "cronofy.admin_api_key", detail: []string{"CRONOFY_ADMIN_API_KEY"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := platform(t, tc.block)
			check(t, p, blockObject(t, p, tc.set), tc.env, tc.want)
		})
	}
}

// TestResolve_everyCredentialSet proves the credential rule for every block and every
// pair of its credential sets, so that a new block gets it without new cases: a set in
// the block wins whole over any other set in the environment, and each part of a set
// missing from the block is an error on that attribute even when the environment has it.
func TestResolve_everyCredentialSet(t *testing.T) {
	for _, p := range provider.Platforms() {
		base := map[string]string{}
		for _, a := range p.Attrs {
			if a.Required {
				base[a.Name] = "https://" + p.Block + ".example.com"
			}
		}
		fill := func(set []string, prefix string, block map[string]string, env map[string]string) {
			for _, n := range set {
				if block != nil {
					block[n] = prefix + n
				}
				if env != nil {
					env[attrOf(t, p, n).Env[0]] = prefix + n
				}
			}
		}
		for i, inBlock := range p.Credentials {
			for j, inEnv := range p.Credentials {
				t.Run(fmt.Sprintf("%s/block %v, env %v", p.Block, inBlock, inEnv), func(t *testing.T) {
					block, env := copyMap(base), map[string]string{}
					fill(inBlock, "block-", block, nil)
					fill(inEnv, "env-", nil, env)
					values := map[string]string{}
					for k, set := range p.Credentials {
						for _, n := range set {
							values[n] = ""
							if k == i {
								values[n] = "block-" + n
							}
						}
					}
					check(t, p, blockObject(t, p, block), env, want{values: values})
					// The same set from the environment alone.
					if i == j {
						for k, set := range p.Credentials {
							for _, n := range set {
								values[n] = ""
								if k == i {
									values[n] = "env-" + n
								}
							}
						}
						check(t, p, blockObject(t, p, copyMap(base)), env, want{values: values})
					}
				})
			}
			if len(inBlock) < 2 {
				continue
			}
			for _, missing := range inBlock {
				t.Run(fmt.Sprintf("%s/block %v without %s", p.Block, inBlock, missing), func(t *testing.T) {
					block, env := copyMap(base), map[string]string{}
					fill(inBlock, "block-", block, nil)
					delete(block, missing)
					fill(inBlock, "env-", nil, env) // the whole set in the environment too: still not used
					check(t, p, blockObject(t, p, block), env, want{
						summary: fmt.Sprintf("Incomplete %s credentials", p.Title), at: p.Block + "." + missing,
						detail: []string{attrOf(t, p, missing).Env[0]}, planTime: true,
					})
				})
			}
		}
	}
}

func attrOf(t *testing.T, p providerdata.Platform, name string) providerdata.Attr {
	for _, a := range p.Attrs {
		if a.Name == name {
			return a
		}
	}
	t.Fatalf("%s: no attribute %s", p.Block, name)
	return providerdata.Attr{}
}

func copyMap(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

// TestConfigure_awxBlockCredentialsReachTheWire: with username and password in the awx
// block and CONTROLLER_OAUTH_TOKEN in the environment, the client the provider builds
// sends HTTP Basic with the block's user, not the environment's token.
func TestConfigure_awxBlockCredentialsReachTheWire(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Header.Get("Authorization"))
		mu.Unlock()
		http.NotFound(w, r)
	}))
	defer srv.Close()
	p := platform(t, "awx")
	obj := blockObject(t, p, map[string]string{"base_url": srv.URL, "username": "blockuser", "password": "blockpass"})
	s := transport.DefaultSettings()
	s.MaxRetries = 0
	c, diags := p.Configure(context.Background(), obj, s, envOf(map[string]string{"CONTROLLER_OAUTH_TOKEN": "env-token"}))
	if diags.HasError() || c == nil {
		t.Fatalf("configure: %v", diags)
	}
	_, _ = c.(*awx.Client).Get(context.Background(), 1)
	mu.Lock()
	defer mu.Unlock()
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte("blockuser:blockpass"))
	if len(got) == 0 || got[0] != want {
		t.Fatalf("Authorization headers %q, want Basic for blockuser", got)
	}
}

// TestNotConfigured: the "not configured" text names every required setting and
// credential with its variables, in the block's words.
func TestNotConfigured(t *testing.T) {
	for block, want := range map[string]string{
		"awx": "base_url (CONTROLLER_HOST or TOWER_HOST) and either token (CONTROLLER_OAUTH_TOKEN or TOWER_OAUTH_TOKEN) or " +
			"username (CONTROLLER_USERNAME or TOWER_USERNAME) and password (CONTROLLER_PASSWORD or TOWER_PASSWORD)",
		"ltiaas":   "base_url (LTIAAS_BASE_URL) and api_key (LTIAAS_API_KEY)",
		"timeback": "either token (TIMEBACK_TOKEN) or client_id (TIMEBACK_CLIENT_ID) and client_secret (TIMEBACK_CLIENT_SECRET); base_url (TIMEBACK_BASE_URL) defaults to https://platform.timeback.com",
		"tpp":      "base_url (VENAFI_URL) and either access_token (VENAFI_TOKEN) or username (VENAFI_USER), password (VENAFI_PASS) and client_id (VENAFI_CLIENT_ID)",
		"cronofy":  "admin_api_key (CRONOFY_ADMIN_API_KEY); data_center (CRONOFY_DATA_CENTER) defaults to us",
	} {
		if got := platform(t, block).NotConfigured(); got != want {
			t.Errorf("%s:\n got %s\nwant %s", block, got, want)
		}
	}
	// The resource's error carries it.
	d := providerdata.NewData("test", provider.Platforms())
	_, diags := providerdata.Client[*awx.Client](d, "awx")
	if !diags.HasError() || diags[0].Summary() != "The AWX platform is not configured" || !strings.Contains(diags[0].Detail(), "CONTROLLER_OAUTH_TOKEN") {
		t.Fatalf("%v", diags)
	}
}

// TestSchema_documentsEnvironment: every attribute's description lists its variables
// and its default, and every block states its credential sets.
func TestSchema_documentsEnvironment(t *testing.T) {
	for _, p := range provider.Platforms() {
		blk := p.Schema().(schema.SingleNestedBlock)
		if len(p.Credentials) > 0 && !strings.Contains(blk.MarkdownDescription, "taken whole from this block or whole from the environment") {
			t.Errorf("%s: block description says nothing of credential sets: %s", p.Block, blk.MarkdownDescription)
		}
		for _, a := range p.Attrs {
			desc := blk.Attributes[a.Name].GetMarkdownDescription()
			for _, e := range a.Env {
				if !strings.Contains(desc, "`"+e+"`") {
					t.Errorf("%s.%s: description lacks %s: %s", p.Block, a.Name, e, desc)
				}
			}
			if a.Default != "" && !strings.Contains(desc, "Default: `"+a.Default+"`") {
				t.Errorf("%s.%s: description lacks the default: %s", p.Block, a.Name, desc)
			}
			if blk.Attributes[a.Name].IsSensitive() != a.Sensitive {
				t.Errorf("%s.%s: sensitive %v", p.Block, a.Name, !a.Sensitive)
			}
		}
	}
}

// TestPlanValidation_unknownCounts: at validation a value from a variable is not known
// yet; it still counts as set, so token with an unknown password is a conflict.
func TestPlanValidation_unknownCounts(t *testing.T) {
	p := platform(t, "awx")
	diags := planValidation(t, p, blockObject(t, p, map[string]string{"token": "t", "password": "(unknown)"}))
	if !diags.HasError() || diags.Errors()[0].Summary() != "Conflicting AWX credentials" {
		t.Fatalf("%v", diags)
	}
	if d := planValidation(t, p, blockObject(t, p, map[string]string{"username": "(unknown)", "password": "(unknown)"})); d.HasError() {
		t.Fatalf("a whole set of unknown values: %v", d)
	}
}
