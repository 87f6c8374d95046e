package timeback

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// TestClient_tokenCache: client credentials are exchanged once, the token is shared
// by clients with the same settings, renewed before it expires, and renewed when
// the platform refuses it.
func TestClient_tokenCache(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	cfg := Config{BaseURL: tn.URL(), ClientID: tn.Creds.TimebackClientID, ClientSecret: tn.Creds.TimebackClientSecret}
	ctx := context.Background()
	s := transport.DefaultSettings()
	s.MaxRetries = 0
	newClient := func() *Client {
		c, err := NewClient(s, cfg)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	get := func(c *Client) {
		t.Helper()
		if _, err := c.GetApplication(ctx, mockapi.RandomUUID()); !transport.IsNotFound(err) {
			t.Fatalf("want a 404 with a valid token, got %v", err)
		}
	}
	c1, c2 := newClient(), newClient()
	get(c1)
	get(c1)
	get(c2)
	if n := tn.Timeback.TokensIssued(); n != 1 {
		t.Fatalf("%d tokens issued for three requests, want 1", n)
	}

	now := time.Now()
	c1.tok.now = func() time.Time { return now.Add(59*time.Minute + 30*time.Second) } // inside the renewal margin
	get(c1)
	if n := tn.Timeback.TokensIssued(); n != 2 {
		t.Fatalf("the token was not renewed before expiry (%d issued)", n)
	}

	// The platform expires the token early: the 401 drops it and a fresh one is used.
	c2.tok.now = c1.tok.now
	tn.Timeback.SetClock(func() time.Time { return now.Add(2 * time.Hour) })
	get(c2)
	if n := tn.Timeback.TokensIssued(); n != 3 {
		t.Fatalf("a refused token was not renewed (%d issued)", n)
	}
}

func TestClient_badClientSecret(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	c, err := NewClient(transport.DefaultSettings(), Config{BaseURL: tn.URL(), ClientID: tn.Creds.TimebackClientID, ClientSecret: "canary-not-the-secret"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateDraft(context.Background(), DraftInput{Name: "x", Description: "d", LaunchURL: "https://a.example/"})
	var te *transport.AuthError
	if !errors.As(err, &te) || transport.StatusOf(err) != http.StatusUnauthorized || MaybeCreated(err) {
		t.Fatalf("want a 401 authentication failure that never counts as a possible create, got %v", err)
	}
	if strings.Contains(err.Error(), "canary-not-the-secret") {
		t.Fatal("the client secret is in the error message")
	}
	if tn.Timeback.Count() != 0 || tn.Timeback.TokensIssued() != 0 {
		t.Fatal("a create was sent without a token")
	}
}

func TestNextActionAndDuplicate(t *testing.T) {
	amb := &transport.APIError{Status: 400, Body: []byte(`{"error":"publisher_ambiguous","nextAction":{"type":"set_publisher_id","publisherIds":["11111111-1111-4111-8111-111111111111","22222222-2222-4222-8222-222222222222"]}}`)}
	ok, ids := NextAction(amb)
	if !ok || len(ids) != 2 || ids[1] != "22222222-2222-4222-8222-222222222222" {
		t.Fatalf("NextAction: %v %v", ok, ids)
	}
	if IsDuplicate(amb) {
		t.Fatal("publisher ambiguity taken for a duplicate")
	}
	for _, e := range []*transport.APIError{
		{Status: 409, Body: []byte(`{}`)},
		{Status: 400, Body: []byte(`{"message":"Application name already exists"}`)},
		{Status: 422, Body: []byte(`{"error":"name_conflict","message":"x"}`)},
	} {
		if !IsDuplicate(e) {
			t.Errorf("not a duplicate: %d %s", e.Status, e.Body)
		}
	}
	if IsDuplicate(&transport.APIError{Status: 400, Body: []byte(`{"error":"validation_error","message":"name length must be between 1 and 256"}`)}) {
		t.Error("a validation error taken for a duplicate")
	}
}

// fakeAPI lets a test make single calls fail.
type fakeAPI struct {
	draft     *Draft
	createErr error
	credsErr  error
	deleted   int
}

func (f *fakeAPI) CreateDraft(context.Context, DraftInput) (*Draft, error) {
	if f.createErr != nil {
		return nil, f.createErr
	}
	return f.draft, nil
}
func (f *fakeAPI) GetApplication(context.Context, string) (*Application, error) {
	return &Application{Name: "n"}, nil
}
func (f *fakeAPI) GetCredentials(context.Context, string) (*Credentials, error) {
	return nil, f.credsErr
}
func (f *fakeAPI) DeleteApplication(context.Context, string) error {
	f.deleted++
	return ErrDeleteUnsupported
}

func newState(t *testing.T, r *applicationResource, attrs map[string]string) (tfsdk.State, tfsdk.Plan) {
	t.Helper()
	ctx := context.Background()
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	typ := sr.Schema.Type().TerraformType(ctx)
	st := tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(typ, nil)}
	pl := tfsdk.Plan{Schema: sr.Schema, Raw: tftypes.NewValue(typ, nil)}
	for k, v := range attrs {
		if d := st.SetAttribute(ctx, path.Root(k), types.StringValue(v)); d.HasError() {
			t.Fatal(d)
		}
		if d := pl.SetAttribute(ctx, path.Root(k), types.StringValue(v)); d.HasError() {
			t.Fatal(d)
		}
	}
	return st, pl
}

// TestCreate_followUpFailureKeepsState: the id and secret are in state even though
// the follow-up read failed, and the failure is a warning, not an error: a draft
// cannot be deleted, so the resource must not be tainted.
func TestCreate_followUpFailureKeepsState(t *testing.T) {
	ctx := context.Background()
	f := &fakeAPI{
		draft:    &Draft{ApplicationID: "11111111-1111-4111-8111-111111111111", AppURN: "urn:uuid:11111111-1111-4111-8111-111111111111", ClientID: "cid", ClientSecret: "s3cret", PublisherID: "22222222-2222-4222-8222-222222222222"},
		credsErr: &transport.APIError{Platform: "Timeback", Method: "GET", Path: "/x", Status: 500, Message: "boom"},
	}
	r := &applicationResource{client: f}
	empty, plan := newState(t, r, map[string]string{"name": "n", "description": "d", "launch_url": "https://a.example/"})
	resp := &resource.CreateResponse{State: empty}
	r.Create(ctx, resource.CreateRequest{Plan: plan}, resp)
	if resp.Diagnostics.HasError() || resp.Diagnostics.WarningsCount() != 1 {
		t.Fatalf("a failed follow-up must be one warning and no error: %v", resp.Diagnostics)
	}
	var id, secret types.String
	resp.State.GetAttribute(ctx, path.Root("id"), &id)
	resp.State.GetAttribute(ctx, path.Root("client_secret"), &secret)
	if id.ValueString() != f.draft.ApplicationID || secret.ValueString() != "s3cret" {
		t.Fatalf("state lost the created application: id %s", id)
	}
	if d := resp.Diagnostics.Warnings()[0].Detail(); !strings.Contains(d, "HTTP 500") || !strings.Contains(d, "next refresh") || strings.Contains(d, "s3cret") {
		t.Fatalf("diagnostic: %s", d)
	}
}

// TestDelete_quiet: no API call can delete a draft; Delete succeeds (so Terraform
// empties the state) without a diagnostic: the plan already warned, once, that the
// draft stays on Timeback (deletion_policy).
func TestDelete_quiet(t *testing.T) {
	ctx := context.Background()
	f := &fakeAPI{}
	r := &applicationResource{client: f}
	st, _ := newState(t, r, map[string]string{"id": "11111111-1111-4111-8111-111111111111", "name": "n", "client_id": "cid"})
	resp := &resource.DeleteResponse{State: st}
	r.Delete(ctx, resource.DeleteRequest{State: st}, resp)
	if len(resp.Diagnostics) != 0 || f.deleted != 1 {
		t.Fatalf("diagnostics %v, delete calls %d", resp.Diagnostics, f.deleted)
	}
}

// TestClient_createStatusAndRetry: a 200 create is as good as a 201, and the POST,
// being duplicate-safe, is resent after a 503 without registering twice.
func TestClient_createStatusAndRetry(t *testing.T) {
	tn := mockapi.NewTestTenant(t)
	tn.Timeback.SetCreateStatus(http.StatusOK)
	tn.SetFaults(mockapi.Faults{Next503: 1})
	s := transport.DefaultSettings()
	s.RetryMaxWait = 10 * time.Millisecond
	c, err := NewClient(s, Config{BaseURL: tn.URL(), Token: tn.Creds.TimebackToken})
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.CreateDraft(context.Background(), DraftInput{Name: "two-hundred", Description: "d", LaunchURL: "https://a.example/"})
	if err != nil {
		t.Fatal(err)
	}
	a := tn.Timeback.Get(d.ApplicationID)
	if a == nil || d.ClientSecret != a.ClientSecret || tn.Timeback.Count() != 1 {
		t.Fatalf("create with 200 after a 503: %+v", d)
	}
}

// TestCreateError_duplicateOnResend: a duplicate met by a resent create means an
// earlier attempt registered the draft: it is reported as an orphan.
func TestCreateError_duplicateOnResend(t *testing.T) {
	ctx := context.Background()
	create := func(attempts int) diag.Diagnostics {
		f := &fakeAPI{createErr: &transport.APIError{Platform: "Timeback", Status: 409, Body: []byte(`{"error":"name_conflict"}`), Attempts: attempts}}
		r := &applicationResource{client: f}
		empty, plan := newState(t, r, map[string]string{"name": "n", "description": "d", "launch_url": "https://a.example/"})
		resp := &resource.CreateResponse{State: empty}
		r.Create(ctx, resource.CreateRequest{Plan: plan}, resp)
		return resp.Diagnostics
	}
	if diags := create(2); !diags.HasError() || !strings.Contains(diags.Errors()[0].Summary(), "may exist outside Terraform state") {
		t.Fatalf("diagnostics: %v", diags)
	}
	if diags := create(1); !diags.HasError() || !strings.Contains(diags.Errors()[0].Detail(), "names are global") {
		t.Fatalf("diagnostics: %v", diags)
	}
}
