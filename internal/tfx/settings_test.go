package tfx

import (
	"strings"
	"testing"
)

func TestCheckBaseURL(t *testing.T) {
	cases := []struct {
		url             string
		wantErr, wantWa bool
	}{
		{"https://awx.example.com", false, false},
		{"http://127.0.0.1:8080", false, false},
		{"http://localhost:8080/t/x", false, false},
		{"http://[::1]:8080", false, false},
		{"http://awx.example.com", false, true}, // plain http to a remote host: warned
		{"http://10.0.0.5", false, true},
		{"awx.example.com", true, false},
		{"ftp://awx.example.com", true, false},
	}
	for _, c := range cases {
		d := CheckBaseURL("awx", c.url)
		if d.HasError() != c.wantErr || (d.WarningsCount() > 0) != c.wantWa {
			t.Errorf("%s: errors %v warnings %d, want error %v warning %v", c.url, d.HasError(), d.WarningsCount(), c.wantErr, c.wantWa)
		}
		if c.wantWa && !strings.Contains(d.Warnings()[0].Detail(), "unencrypted") {
			t.Errorf("%s: the warning does not say why: %s", c.url, d.Warnings()[0].Detail())
		}
	}
}

func TestTruncate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 12, "short"},
		{"exactly-12ch", 12, "exactly-12ch"},
		{"1:super-secret-value", 12, "1:super-secr…"},
		{"ééééé", 3, "ééé…"}, // runes, never half a character
	} {
		if got := Truncate(tc.in, tc.n); got != tc.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}
