// Package ansible is what the AWX controller's and the AAP platform gateway's OAuth2
// applications have in common: the application model (the gateway's is AWX's with a
// few more fields), the Django REST Framework conventions (error bodies, pagination,
// the unique (name, organization) error), the typed API client, and the resource and
// data source, which the thin platform packages internal/awx and internal/aap
// instantiate with their own provider block, names and messages (Flavor).
//
// client.go is the API client; it has no Terraform imports.
package ansible

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// Config is what the client needs to reach the platform.
type Config struct {
	// Platform names the platform in errors and logs ("AWX", "AAP").
	Platform           string
	BaseURL            string
	APIPath            string // the API root, such as /api/v2/; DefaultAPIPath when empty
	DefaultAPIPath     string
	Token              string
	Username, Password string
	InsecureSkipVerify bool
}

// Client calls an applications API.
type Client struct {
	tr       *transport.Client
	apiPath  string
	platform string
}

// NewClient builds a client; Bearer token auth when Token is set, HTTP Basic otherwise.
func NewClient(s transport.Settings, cfg Config) (*Client, error) {
	apiPath := cfg.APIPath
	if apiPath == "" {
		apiPath = cfg.DefaultAPIPath
	}
	apiPath = "/" + strings.Trim(apiPath, "/") + "/"
	auth := transport.Bearer(cfg.Token)
	if cfg.Token == "" {
		auth = transport.Basic(cfg.Username, cfg.Password)
	}
	tr, err := transport.New(s, transport.Options{
		Platform:           cfg.Platform,
		BaseURL:            cfg.BaseURL,
		Auth:               auth,
		Secrets:            []string{cfg.Token, cfg.Password},
		InsecureSkipVerify: cfg.InsecureSkipVerify,
		ErrorMessage:       ErrorMessage,
	})
	if err != nil {
		return nil, err
	}
	return &Client{tr: tr, apiPath: apiPath, platform: cfg.Platform}, nil
}

// APIPath is the API root the client uses, with both slashes ("/api/v2/").
func (c *Client) APIPath() string { return c.apiPath }

// Application is an OAuth2 application as the platform returns it. The gateway's own
// fields are pointers: nil when the platform does not return them (AWX, or a gateway
// older than the field).
type Application struct {
	ID                     int64   `json:"id"`
	Name                   string  `json:"name"`
	Description            string  `json:"description"`
	Organization           int64   `json:"organization"`
	ClientType             string  `json:"client_type"`
	AuthorizationGrantType string  `json:"authorization_grant_type"`
	RedirectURIs           string  `json:"redirect_uris"`
	SkipAuthorization      bool    `json:"skip_authorization"`
	ClientID               string  `json:"client_id"`
	ClientSecret           *string `json:"client_secret,omitempty"`

	PostLogoutRedirectURIs *string `json:"post_logout_redirect_uris,omitempty"`
	AllowedOrigins         *string `json:"allowed_origins,omitempty"`
	Algorithm              *string `json:"algorithm,omitempty"`
	AppURL                 *string `json:"app_url,omitempty"`
	PKCERequired           *bool   `json:"pkce_required,omitempty"`
}

// id is the application's id as text, "" when the body has none.
func (a *Application) id() string {
	if a.ID == 0 {
		return ""
	}
	return strconv.FormatInt(a.ID, 10)
}

// RedirectURIList splits the space-separated redirect_uris.
func (a *Application) RedirectURIList() []string { return strings.Fields(a.RedirectURIs) }

// Secret returns the plaintext secret of a create response: "" for a public app or a
// masked value (AWX's "************", the gateway's "$encrypted$").
func (a *Application) Secret() string {
	if a.ClientSecret == nil || masked(*a.ClientSecret) {
		return ""
	}
	return *a.ClientSecret
}

// masked reports a secret the platform censored rather than returned.
func masked(s string) bool { return strings.Trim(s, "*") == "" || s == "$encrypted$" }

// CreateInput is the body of a create. The platform requires every field but the
// optional ones; the gateway's fields are left out when empty (AWX does not know them).
type CreateInput struct {
	Name                   string `json:"name"`
	Description            string `json:"description"`
	Organization           int64  `json:"organization"`
	ClientType             string `json:"client_type"`
	AuthorizationGrantType string `json:"authorization_grant_type"`
	RedirectURIs           string `json:"redirect_uris"`
	SkipAuthorization      bool   `json:"skip_authorization"`

	PostLogoutRedirectURIs string `json:"post_logout_redirect_uris,omitempty"`
	AllowedOrigins         string `json:"allowed_origins,omitempty"`
	Algorithm              string `json:"algorithm,omitempty"`
	AppURL                 string `json:"app_url,omitempty"`
	PKCERequired           *bool  `json:"pkce_required,omitempty"`
}

// UpdateInput is a PATCH body: nil fields are left alone. The grant type and the
// secret are never sent (the platform ignores the first on update and the second is
// read-only).
type UpdateInput struct {
	Name              *string `json:"name,omitempty"`
	Description       *string `json:"description,omitempty"`
	Organization      *int64  `json:"organization,omitempty"`
	ClientType        *string `json:"client_type,omitempty"`
	RedirectURIs      *string `json:"redirect_uris,omitempty"`
	SkipAuthorization *bool   `json:"skip_authorization,omitempty"`

	PostLogoutRedirectURIs *string `json:"post_logout_redirect_uris,omitempty"`
	AllowedOrigins         *string `json:"allowed_origins,omitempty"`
	Algorithm              *string `json:"algorithm,omitempty"`
	AppURL                 *string `json:"app_url,omitempty"`
	PKCERequired           *bool   `json:"pkce_required,omitempty"`
}

// Empty reports a PATCH with nothing to change.
func (u UpdateInput) Empty() bool { return u == UpdateInput{} }

func (c *Client) path(parts ...string) string {
	return c.apiPath + "applications/" + strings.Join(parts, "")
}

// Create POSTs a new application. The POST is marked duplicate-safe: the platform
// keeps (name, organization) unique, so a resend after a 502 or 504 fails as a
// duplicate instead of creating a second application.
func (c *Client) Create(ctx context.Context, in CreateInput) (*Application, error) {
	resp, err := c.tr.Do(ctx, transport.Request{Method: http.MethodPost, Path: c.path(), Body: in, DuplicateSafe: true})
	if err != nil {
		return nil, err
	}
	return transport.DecodeCreated(resp, "id", (*Application).id)
}

// Get reads one application; a 404 is returned as an error (transport.IsNotFound),
// and a body that does not describe application id as a *transport.WrongObjectError.
func (c *Client) Get(ctx context.Context, id int64) (*Application, error) {
	return c.one(ctx, http.MethodGet, id, nil)
}

// Update PATCHes the given fields and returns the application as the platform now holds it.
func (c *Client) Update(ctx context.Context, id int64, in UpdateInput) (*Application, error) {
	return c.one(ctx, http.MethodPatch, id, in)
}

// one sends a request about application id and checks that the answer describes it:
// an empty body ({} or null), one without an id or with another id is refused, so
// it never replaces what the state knows.
func (c *Client) one(ctx context.Context, method string, id int64, body any) (*Application, error) {
	want := strconv.FormatInt(id, 10)
	resp, err := c.tr.Do(ctx, transport.Request{Method: method, Path: c.path(want, "/"), Body: body})
	if err != nil {
		return nil, err
	}
	return transport.DecodeObject(resp, want, (*Application).id)
}

// Delete removes an application; one that is already gone counts as deleted.
func (c *Client) Delete(ctx context.Context, id int64) error {
	_, err := c.tr.Do(ctx, transport.Request{Method: http.MethodDelete, Path: c.path(strconv.FormatInt(id, 10), "/")})
	if transport.IsNotFound(err) {
		return nil
	}
	return err
}

// CollectionExists asks whether the applications endpoint itself still answers: a
// 404 on one application means that application is gone only when it does (AWX
// releases after 24.6.1 and AAP 2.7's controller have no applications at all).
func (c *Client) CollectionExists(ctx context.Context) (bool, error) {
	_, err := c.tr.Do(ctx, transport.Request{Method: http.MethodGet, Path: c.path(), Query: url.Values{"page_size": {"1"}}})
	if transport.IsNotFound(err) {
		return false, nil
	}
	return err == nil, err
}

// FindPageSize is the page size of FindByName.
const FindPageSize = 200

// FindByName returns the application with this name in the organization, or nil.
// The listing is bounded (transport.Pager): a server whose next link never ends
// or repeats gives a *transport.PagingError.
func (c *Client) FindByName(ctx context.Context, name string, organization int64) (*Application, error) {
	q := url.Values{"name": {name}, "organization": {strconv.FormatInt(organization, 10)}, "page_size": {strconv.Itoa(FindPageSize)}}
	pager := transport.NewPager(c.tr.Platform(), "applications", FindPageSize)
	for page := 1; ; page++ {
		q.Set("page", strconv.Itoa(page))
		resp, err := c.tr.Do(ctx, transport.Request{Method: http.MethodGet, Path: c.path(), Query: q})
		if err != nil {
			return nil, err
		}
		var list struct {
			Next    *string       `json:"next"`
			Results []Application `json:"results"`
		}
		if err := resp.Decode(&list); err != nil {
			return nil, err
		}
		for i := range list.Results {
			if a := &list.Results[i]; a.Name == name && a.Organization == organization {
				return a, nil
			}
		}
		next := ""
		if list.Next != nil {
			next = *list.Next
		}
		more, err := pager.Next(len(list.Results), next)
		if err != nil {
			return nil, err
		}
		if !more {
			return nil, nil
		}
	}
}

// drfErrors decodes a 400's DRF error map ("name" → messages), or nil.
func drfErrors(err error) map[string][]string {
	var ae *transport.APIError
	if !errors.As(err, &ae) || ae.Status != http.StatusBadRequest {
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(ae.Body, &m) != nil {
		return nil
	}
	out := map[string][]string{}
	for k, raw := range m {
		var list []string
		if json.Unmarshal(raw, &list) != nil {
			var one string
			if json.Unmarshal(raw, &one) != nil {
				continue
			}
			list = []string{one}
		}
		out[k] = list
	}
	return out
}

// nonField are the keys of errors about the whole object: AWX's full_clean maps them
// to __all__, DRF's own validators to non_field_errors.
var nonField = []string{"__all__", "non_field_errors"}

// IsDuplicate reports the unique (name, organization) error: AWX's "Application
// with this Name and Organization already exists." or DRF's "The fields name,
// organization must make a unique set.", under either non-field key.
func IsDuplicate(err error) bool {
	m := drfErrors(err)
	for _, k := range nonField {
		for _, msg := range m[k] {
			if strings.Contains(msg, "already exists") || strings.Contains(msg, "unique set") {
				return true
			}
		}
	}
	return false
}

// FieldErrors returns the DRF errors of a 400 by field ("name" → messages). The
// redirect URI errors django-oauth-toolkit raises as non-field errors are filed
// under redirect_uris, where they belong.
func FieldErrors(err error) map[string][]string {
	m := drfErrors(err)
	for _, k := range nonField {
		var keep []string
		for _, msg := range m[k] {
			if redirectError(msg) {
				m["redirect_uris"] = append(m["redirect_uris"], msg)
			} else {
				keep = append(keep, msg)
			}
		}
		if len(keep) > 0 {
			m[k] = keep
		} else {
			delete(m, k)
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// redirectError tells django-oauth-toolkit's redirect URI messages.
func redirectError(msg string) bool {
	l := strings.ToLower(msg)
	return strings.Contains(l, "redirect") || msg == "Enter a valid URL."
}

// ErrorMessage decodes DRF error bodies: {"detail": "..."} or a field map.
func ErrorMessage(_ int, body []byte) string {
	var d struct {
		Detail string `json:"detail"`
	}
	if json.Unmarshal(body, &d) == nil && d.Detail != "" {
		return d.Detail
	}
	var m map[string]any
	if json.Unmarshal(body, &m) != nil || len(m) == 0 {
		return ""
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		msg := fmt.Sprint(m[k])
		if list, ok := m[k].([]any); ok {
			var s []string
			for _, v := range list {
				s = append(s, fmt.Sprint(v))
			}
			msg = strings.Join(s, " ")
		}
		if slices.Contains(nonField, k) {
			parts = append(parts, msg)
		} else {
			parts = append(parts, k+": "+msg)
		}
	}
	return strings.Join(parts, "; ")
}
