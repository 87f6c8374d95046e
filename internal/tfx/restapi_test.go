package tfx

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

func TestIsRestapiSource(t *testing.T) {
	cases := []struct {
		addr, typ string
		want      bool
	}{
		{"registry.terraform.io/mastercard/restapi", "restapi_object", true},
		{"registry.terraform.io/Mastercard/restapi", "restapi_object", true},
		{"registry.opentofu.org/mastercard/restapi", "restapi_object", true},
		{"terraform.example.com/acme/restapi", "restapi_object", true},
		{"registry.terraform.io/hashicorp/restapi", "restapi_object", true}, // an in-process test provider
		{"registry.terraform.io/mastercard/restapi", "restapi_objects", false},
		{"registry.terraform.io/mastercard/restapi", "restapi_object_list", false},
		{"registry.terraform.io/hashicorp/http", "restapi_object", false},
		{"registry.terraform.io/acme/restapi2", "restapi_object", false},
		{"", "restapi_object", false},
	}
	for _, c := range cases {
		if got := IsRestapiSource(c.addr, c.typ); got != c.want {
			t.Errorf("IsRestapiSource(%q, %q) = %v, want %v", c.addr, c.typ, got, c.want)
		}
	}
}

func decode(t *testing.T, js string) *RestapiObject {
	t.Helper()
	o, err := DecodeRestapiObject(&tfprotov6.RawState{JSON: []byte(js)})
	if err != nil {
		t.Fatalf("decoding %s: %v", js, err)
	}
	return o
}

func TestDecodeRestapiObject(t *testing.T) {
	o := decode(t, `{"id":"42","object_id":null,"path":"/api/v2/applications/","read_path":"/api/v2/applications/{id}/",
		"data":"{\"name\":\"ci\",\"organization\":1,\"skip_authorization\":false,\"nested\":{\"key\":\"v\"}}",
		"api_data":{"client_secret":"************","id":"42","related":"map[tokens:/x]"},
		"api_response":"{\"id\":42,\"client_secret\":\"************\",\"client_id\":\"cid\"}",
		"create_response":"{\"id\":42,\"client_secret\":\"s3cr3t\",\"client_id\":\"cid\"}","debug":false}`)
	if o.ID != "42" || len(o.Paths) != 2 || o.ObjectID != "" {
		t.Errorf("id %q, object_id %q, paths %v", o.ID, o.ObjectID, o.Paths)
	}
	if s, _ := o.Data("name").String(); s != "ci" {
		t.Errorf("data name = %q", s)
	}
	if n, ok := o.Data("organization").Int64(); !ok || n != 1 {
		t.Errorf("data organization = %d, %v", n, ok)
	}
	if b, ok := o.Data("skip_authorization").Bool(); !ok || b {
		t.Errorf("data skip_authorization = %v, %v", b, ok)
	}
	if s, _ := o.Data("nested/key").String(); s != "v" {
		t.Errorf("data nested/key = %q", s)
	}
	if _, ok := o.Data("missing").String(); ok {
		t.Error("a missing key was found")
	}
	if n, ok := o.Answer("id").Int64(); !ok || n != 42 {
		t.Errorf("answer id = %d, %v", n, ok)
	}
	if s, masked := o.Secret("client_secret"); s != "s3cr3t" || masked {
		t.Errorf("secret from create_response: %d bytes, masked %v", len(s), masked)
	}

	// A numeric id, data stored as an object, answers that are not JSON objects.
	o = decode(t, `{"id":7,"data":{"name":"x"},"api_response":"<html>","create_response":"","api_data":null}`)
	if o.ID != "7" || o.APIResponse != nil || o.CreateResponse != nil {
		t.Errorf("id %q, api_response %v, create_response %v", o.ID, o.APIResponse, o.CreateResponse)
	}
	if s, _ := o.Data("name").String(); s != "x" {
		t.Errorf("data as an object: name = %q", s)
	}
	// No data at all: nothing to read, not an error.
	if o = decode(t, `{"id":"1"}`); o.DataObject != nil {
		t.Errorf("data = %v", o.DataObject)
	}
}

func TestDecodeRestapiObject_refused(t *testing.T) {
	for name, raw := range map[string]*tfprotov6.RawState{
		"no state":           nil,
		"flatmap only":       {Flatmap: map[string]string{"id": "42"}},
		"not an object":      {JSON: []byte(`["42"]`)},
		"data not JSON":      {JSON: []byte(`{"id":"42","data":"name=ci"}`)},
		"data a JSON array":  {JSON: []byte(`{"id":"42","data":"[1,2]"}`)},
		"data a JSON string": {JSON: []byte(`{"id":"42","data":"\"ci\""}`)},
	} {
		if _, err := DecodeRestapiObject(raw); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestSecret_masks(t *testing.T) {
	cases := []struct {
		name, js   string
		want       string
		wantMasked bool
	}{
		{"create_response wins", `{"create_response":"{\"s\":\"real\"}","api_response":"{\"s\":\"other\"}"}`, "real", false},
		{"last answer before any refresh", `{"api_response":"{\"s\":\"real\"}"}`, "real", false},
		{"AWX mask everywhere", `{"api_response":"{\"s\":\"************\"}","api_data":{"s":"************"}}`, "", true},
		{"encrypted placeholder", `{"api_data":{"s":"$encrypted$"}}`, "", true},
		{"mask, then the secret in api_data", `{"api_response":"{\"s\":\"****\"}","api_data":{"s":"real"}}`, "real", true},
		{"empty", `{"create_response":"{\"s\":\"\"}"}`, "", false},
		{"not a string", `{"create_response":"{\"s\":{\"k\":1}}"}`, "", false},
		{"nothing", `{"id":"1"}`, "", false},
	}
	for _, c := range cases {
		got, masked := decode(t, c.js).Secret("s")
		if got != c.want || masked != c.wantMasked {
			t.Errorf("%s: secret %q (masked %v), want %q (masked %v)", c.name, got, masked, c.want, c.wantMasked)
		}
	}
	for _, s := range []string{"", "*", "************", "$encrypted$"} {
		if !IsMasked(s) {
			t.Errorf("IsMasked(%q) = false", s)
		}
	}
	if IsMasked("ab*cd") || IsMasked(strings.Repeat("x", 12)) {
		t.Error("a secret was taken for a mask")
	}
}
