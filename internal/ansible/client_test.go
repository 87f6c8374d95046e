package ansible

import (
	"net/http"
	"reflect"
	"testing"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

func bad(body string) error {
	return &transport.APIError{Status: http.StatusBadRequest, Body: []byte(body)}
}

// TestFieldErrors_redirectURIs: django-oauth-toolkit's redirect URI errors, which AWX
// files under __all__, belong to redirect_uris; other non-field errors stay.
func TestFieldErrors_redirectURIs(t *testing.T) {
	for body, want := range map[string]map[string][]string{
		`{"__all__":["redirect_uris cannot be empty with grant_type authorization-code"]}`: {"redirect_uris": {"redirect_uris cannot be empty with grant_type authorization-code"}},
		`{"__all__":["Unauthorized redirect scheme: ftp"]}`:                                {"redirect_uris": {"Unauthorized redirect scheme: ftp"}},
		`{"__all__":["Enter a valid URL."]}`:                                               {"redirect_uris": {"Enter a valid URL."}},
		`{"non_field_errors":["Redirect URIs must not contain fragments"]}`:                {"redirect_uris": {"Redirect URIs must not contain fragments"}},
		`{"name":["This field may not be blank."]}`:                                        {"name": {"This field may not be blank."}},
		`{"__all__":["Application with this Name and Organization already exists."]}`:      {"__all__": {"Application with this Name and Organization already exists."}},
	} {
		if got := FieldErrors(bad(body)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v, want %v", body, got, want)
		}
	}
}

// TestIsDuplicate_bothShapes: AWX's full_clean error and DRF's unique-together error.
func TestIsDuplicate_bothShapes(t *testing.T) {
	for body, want := range map[string]bool{
		`{"__all__":["Application with this Name and Organization already exists."]}`:      true,
		`{"non_field_errors":["The fields name, organization must make a unique set."]}`:   true,
		`{"__all__":["The fields name, organization must make a unique set."]}`:            true,
		`{"__all__":["redirect_uris cannot be empty with grant_type authorization-code"]}`: false,
		`{"name":["Application with this Name and Organization already exists."]}`:         false,
	} {
		if got := IsDuplicate(bad(body)); got != want {
			t.Errorf("%s: %v", body, got)
		}
	}
}
