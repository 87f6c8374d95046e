package awx_test

// Benchmarks of the AWX client's encode/decode, alone and through a full call
// against an httptest server. They run with `make bench`, never in `make test`:
//
//	go test -run '^$' -bench . -benchmem ./internal/awx/

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/awx"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport/transporttest"
)

var benchCreate = awx.CreateInput{
	Name: "bench-42", Description: "registrar benchmark", Organization: 1, ClientType: "confidential",
	AuthorizationGrantType: "authorization-code", RedirectURIs: "https://bench.example.com/cb/42 https://bench.example.com/cb/43",
}

// benchCreated is a 201 body as AWX 24.x returns it (the secret in plaintext, once).
var benchCreated = []byte(`{"id":42,"type":"o_auth2_application","url":"/api/v2/applications/42/","related":{"tokens":"/api/v2/applications/42/tokens/"},` +
	`"summary_fields":{"organization":{"id":1,"name":"Default","description":""},"user_capabilities":{"edit":true,"delete":true},"tokens":{"count":0,"results":[]}},` +
	`"created":"2026-01-01T00:00:00.000000Z","modified":"2026-01-01T00:00:00.000000Z","name":"bench-42","description":"registrar benchmark",` +
	`"client_id":"Xq3S2kE7bOYb1bH0uQ4h0W5Q2hH7p8VwY8rR6d2L","client_secret":"sJ2mQ8vT4xZ9wK3pL6nR1yB5cF7hD0gA2eU4iO8tY6rE3wQ9zX1vC5bN7mM0kJ2hG4fD6sA8",` +
	`"client_type":"confidential","redirect_uris":"https://bench.example.com/cb/42 https://bench.example.com/cb/43",` +
	`"authorization_grant_type":"authorization-code","skip_authorization":false,"organization":1}`)

// benchList is a one-result page of GET /applications/?name=… (the lookup by unique key).
var benchList = []byte(`{"count":1,"next":null,"previous":null,"results":[` + string(benchCreated) + `]}`)

var benchDRFError = []byte(`{"name":["Ensure this field has no more than 255 characters."],"redirect_uris":["Redirect URIs must be set for authorization-code grant type."]}`)

// BenchmarkEncodeCreateInput: the POST body.
func BenchmarkEncodeCreateInput(b *testing.B) {
	transporttest.Bench(b, func() error {
		_, err := json.Marshal(benchCreate)
		return err
	})
}

// BenchmarkEncodeUpdateInput: a PATCH body with two fields set.
func BenchmarkEncodeUpdateInput(b *testing.B) {
	name, desc := "bench-43", "renamed"
	in := awx.UpdateInput{Name: &name, Description: &desc}
	transporttest.Bench(b, func() error {
		_, err := json.Marshal(in)
		return err
	})
}

// BenchmarkDecodeApplication: a create (or read) response into Application, secret included.
func BenchmarkDecodeApplication(b *testing.B) {
	resp := &transport.Response{Status: http.StatusCreated, Body: benchCreated}
	b.SetBytes(int64(len(benchCreated)))
	transporttest.Bench(b, func() error {
		var a awx.Application
		if err := resp.Decode(&a); err != nil {
			return err
		}
		if a.Secret() == "" || len(a.RedirectURIList()) != 2 {
			return errors.New("bad decode")
		}
		return nil
	})
}

// BenchmarkDecodeErrorMessage: a DRF field-error body into the diagnostic message.
func BenchmarkDecodeErrorMessage(b *testing.B) {
	transporttest.Bench(b, func() error {
		if awx.ErrorMessage(http.StatusBadRequest, benchDRFError) == "" {
			return errors.New("no message")
		}
		return nil
	})
}

func benchAWX(b *testing.B) *awx.Client {
	b.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodPost:
			w.WriteHeader(http.StatusCreated)
			_, _ = w.Write(benchCreated)
		case r.Method == http.MethodDelete:
			w.WriteHeader(http.StatusNoContent)
		case r.URL.Path == "/api/v2/applications/":
			_, _ = w.Write(benchList)
		default:
			_, _ = w.Write(benchCreated)
		}
	}))
	b.Cleanup(srv.Close)
	c, err := awx.NewClient(transport.DefaultSettings(), awx.Config{BaseURL: srv.URL, Token: "bench-token"})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkClientCreate: encode, POST, decode, against httptest.
func BenchmarkClientCreate(b *testing.B) {
	c := benchAWX(b)
	transporttest.Bench(b, func() error {
		_, err := c.Create(context.Background(), benchCreate)
		return err
	})
}

// BenchmarkClientGet: GET and decode (the refresh of one object).
func BenchmarkClientGet(b *testing.B) {
	c := benchAWX(b)
	transporttest.Bench(b, func() error {
		_, err := c.Get(context.Background(), 42)
		return err
	})
}

// BenchmarkClientFindByName: the lookup by (name, organization) after a lost create response.
func BenchmarkClientFindByName(b *testing.B) {
	c := benchAWX(b)
	transporttest.Bench(b, func() error {
		a, err := c.FindByName(context.Background(), "bench-42", 1)
		if err == nil && a == nil {
			err = errors.New("the application was not found")
		}
		return err
	})
}
