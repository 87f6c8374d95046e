package ltiaas

import (
	"context"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

// TestClient_updateClearsAuthorizationServer: LTIaaS merges an update, so an unset
// authorization server must be sent as "" to clear a stored one.
func TestClient_updateClearsAuthorizationServer(t *testing.T) {
	ctx := context.Background()
	c, tn := testClient(t, "", "")
	p := tn.LTIaaS.Register(mockapi.LTIaaSPlatform{URL: "https://lms.example.com", ClientID: "c", Name: "n",
		AuthenticationEndpoint: "https://lms.example.com/a", AccesstokenEndpoint: "https://lms.example.com/t",
		AuthConfig: mockapi.LTIaaSAuthConfig{Method: "JWK_SET", Key: "https://lms.example.com/jwks"}, AuthorizationServer: "https://lms.example.com/aud"})
	in := Input{URL: p.URL, ClientID: p.ClientID, Name: "renamed", AuthenticationEndpoint: p.AuthenticationEndpoint,
		AccesstokenEndpoint: p.AccesstokenEndpoint, AuthConfig: AuthConfig{Method: "JWK_SET", Key: p.AuthConfig.Key}}
	got, err := c.Update(ctx, p.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if stored := tn.LTIaaS.Get(p.ID).AuthorizationServer; stored != "" {
		t.Fatalf("the update kept authorizationServer %q", stored)
	}
	if got.AuthorizationServer != p.AccesstokenEndpoint {
		t.Fatalf("the answer reports authorizationServer %q, want the default %q", got.AuthorizationServer, p.AccesstokenEndpoint)
	}
	in.AuthorizationServer = "https://lms.example.com/aud2"
	if _, err := c.Update(ctx, p.ID, in); err != nil {
		t.Fatal(err)
	}
	if stored := tn.LTIaaS.Get(p.ID).AuthorizationServer; stored != in.AuthorizationServer {
		t.Fatalf("the update set authorizationServer %q, want %q", stored, in.AuthorizationServer)
	}
}
