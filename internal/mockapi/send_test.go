package mockapi

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// Send sends one request of a test to the mock (or to any test server) and returns
// the status, the headers and the body; a request that gets no answer fails the
// test. A string body is sent as it is, any other non-nil body JSON-encoded. The
// Content-Type is application/json unless header names another; header's "Host"
// sets the Host the request names (Cronofy's data centers); empty values set nothing.
func Send(t testing.TB, method, url string, header map[string]string, body any) (int, http.Header, []byte) {
	t.Helper()
	var rdr io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rdr = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rdr = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, url, rdr)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		switch {
		case v == "":
		case k == "Host":
			req.Host = v
		default:
			req.Header.Set(k, v)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, raw
}

// SendJSON is Send for an answer that is a JSON object (nil for an empty body); any
// other body fails the test.
func SendJSON(t testing.TB, method, url string, header map[string]string, body any) (int, map[string]any) {
	t.Helper()
	st, _, raw := Send(t, method, url, header, body)
	var m map[string]any
	if len(bytes.TrimSpace(raw)) > 0 {
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s %s: HTTP %d, the body is not a JSON object: %q", method, url, st, raw)
		}
	}
	return st, m
}

// Bearer is the Authorization value of a bearer token; "" (no header) for none.
func Bearer(token string) string {
	if token == "" {
		return ""
	}
	return "Bearer " + token
}
