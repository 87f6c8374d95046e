package ltiaas

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/registrar-dev/terraform-provider-registrar/internal/tfx"
)

// Methods are the authConfig methods LTIaaS accepts.
var Methods = []string{"JWK_SET", "JWK_KEY", "RSA_KEY"}

// CheckKey checks that key has the shape its method needs; the returned message
// says what was expected. It never quotes a key that could be private material.
func CheckKey(method, key string) (summary, detail string, ok bool) {
	switch method {
	case "JWK_SET":
		u, err := url.Parse(strings.TrimSpace(key))
		want := "With method = \"JWK_SET\", auth_config.key must be the URL of the platform's JSON Web Key Set, an absolute https URL (http only for localhost or a loopback address), such as https://lms.example.com/.well-known/jwks.json"
		switch {
		case err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https"):
			return "Invalid JWK set URL", fmt.Sprintf("%s; got %q.", want, tfx.Truncate(key, 80)), false
		case u.Scheme == "http" && !tfx.IsLoopback(u.Hostname()):
			return "Insecure JWK set URL", fmt.Sprintf("%s; got %q, which uses plain http: the platform's signing keys would be fetched unauthenticated.", want, tfx.Truncate(key, 80)), false
		}
	case "JWK_KEY":
		want := "With method = \"JWK_KEY\", auth_config.key must be one JSON Web Key as a JSON object with a \"kty\" member, such as jsonencode({ kty = \"RSA\", e = \"AQAB\", n = \"…\", alg = \"RS256\", use = \"sig\" })"
		var jwk map[string]any
		if err := json.Unmarshal([]byte(key), &jwk); err != nil {
			if strings.HasPrefix(strings.TrimSpace(key), "-----BEGIN") {
				return "Invalid JSON Web Key", want + "; got a PEM block: for a PEM public key use method = \"RSA_KEY\".", false
			}
			if u, uerr := url.Parse(strings.TrimSpace(key)); uerr == nil && u.Host != "" {
				return "Invalid JSON Web Key", want + "; got a URL: for a key set URL use method = \"JWK_SET\".", false
			}
			return "Invalid JSON Web Key", fmt.Sprintf("%s; the value is not a JSON object (%v).", want, err), false
		}
		kty, _ := jwk["kty"].(string)
		if kty == "" {
			if _, isSet := jwk["keys"]; isSet {
				return "Invalid JSON Web Key", want + "; got a key set ({\"keys\": […]}): give one key from it, or publish the set at a URL and use method = \"JWK_SET\".", false
			}
			return "Invalid JSON Web Key", want + "; the object has no string \"kty\" member.", false
		}
		var private []string
		for _, m := range []string{"d", "p", "q", "dp", "dq", "qi", "k"} {
			if _, has := jwk[m]; has {
				private = append(private, m)
			}
		}
		if len(private) > 0 {
			sort.Strings(private)
			return "Private key material in auth_config.key", fmt.Sprintf("%s; the object has the private or secret members %s. Give the platform's public key only: auth_config.key is not sensitive and is shown in plans.", want, strings.Join(private, ", ")), false
		}
	case "RSA_KEY":
		want := "With method = \"RSA_KEY\", auth_config.key must be the platform's RSA public key in PEM form, starting with \"-----BEGIN PUBLIC KEY-----\" or \"-----BEGIN RSA PUBLIC KEY-----\""
		block, _ := pem.Decode([]byte(strings.TrimSpace(key)))
		if block == nil {
			return "Invalid PEM public key", want + "; the value is not a PEM block.", false
		}
		switch block.Type {
		case "PUBLIC KEY":
			pub, err := x509.ParsePKIXPublicKey(block.Bytes)
			if err != nil {
				return "Invalid PEM public key", fmt.Sprintf("%s; the PUBLIC KEY block does not parse: %v.", want, err), false
			}
			if _, isRSA := pub.(*rsa.PublicKey); !isRSA {
				return "Invalid PEM public key", fmt.Sprintf("%s; the block holds a %s key, not an RSA key.", want, keyKind(pub)), false
			}
		case "RSA PUBLIC KEY":
			if _, err := x509.ParsePKCS1PublicKey(block.Bytes); err != nil {
				return "Invalid PEM public key", fmt.Sprintf("%s; the RSA PUBLIC KEY block does not parse: %v.", want, err), false
			}
		default:
			if strings.Contains(block.Type, "PRIVATE") {
				return "Private key in auth_config.key", want + "; got a " + block.Type + " block. Give the platform's public key only: auth_config.key is not sensitive and is shown in plans.", false
			}
			return "Invalid PEM public key", fmt.Sprintf("%s; got a %q block.", want, block.Type), false
		}
	}
	return "", "", true
}

func keyKind(pub any) string {
	return strings.TrimPrefix(strings.TrimSuffix(fmt.Sprintf("%T", pub), ".PublicKey"), "*")
}

// authConfigValidator checks auth_config.key against auth_config.method at plan time.
type authConfigValidator struct{}

func (authConfigValidator) Description(context.Context) string {
	return "key must match method: a JWK set https URL for JWK_SET, a JSON Web Key object for JWK_KEY, a PEM RSA public key for RSA_KEY"
}

func (v authConfigValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (authConfigValidator) ValidateObject(_ context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	attrs := req.ConfigValue.Attributes()
	method, _ := attrs["method"].(types.String)
	key, _ := attrs["key"].(types.String)
	if method.IsNull() || method.IsUnknown() || key.IsNull() || key.IsUnknown() {
		return
	}
	if summary, detail, ok := CheckKey(method.ValueString(), key.ValueString()); !ok {
		// A key of another method's shape (a PEM block with JWK_KEY, a URL with
		// JWK_KEY, ...) is most likely the wrong method: point at method then.
		at := req.Path.AtName("key")
		if strings.Contains(detail, "use method =") {
			// Terraform cannot underline an attribute inside an object value, so
			// the message names it as well.
			at = req.Path.AtName("method")
			detail = "auth_config.method is probably wrong. " + detail
		}
		resp.Diagnostics.AddAttributeError(at, summary, detail)
	}
}
