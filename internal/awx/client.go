// Package awx registers OAuth2 applications on AWX, Ansible Tower and the AAP
// controller (/api/v2/applications/). client.go is the typed API client (no
// Terraform imports); the resource and data source follow it.
package awx

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// Config is what the client needs to reach AWX.
type Config struct {
	BaseURL            string
	APIPath            string // default /api/v2/
	Token              string
	Username, Password string
	InsecureSkipVerify bool
}

// Client calls the AWX applications API.
type Client struct {
	tr      *transport.Client
	apiPath string
}

// NewClient builds a client; Bearer token auth when Token is set, HTTP Basic otherwise.
func NewClient(s transport.Settings, cfg Config) (*Client, error) {
	apiPath := cfg.APIPath
	if apiPath == "" {
		apiPath = "/api/v2/"
	}
	apiPath = "/" + strings.Trim(apiPath, "/") + "/"
	auth := func(_ context.Context, r *http.Request) error {
		if cfg.Token != "" {
			r.Header.Set("Authorization", "Bearer "+cfg.Token)
		} else {
			r.SetBasicAuth(cfg.Username, cfg.Password)
		}
		return nil
	}
	tr, err := transport.New(s, transport.Options{
		Platform:           "AWX",
		BaseURL:            cfg.BaseURL,
		Auth:               auth,
		Secrets:            []string{cfg.Token, cfg.Password},
		InsecureSkipVerify: cfg.InsecureSkipVerify,
		ErrorMessage:       ErrorMessage,
	})
	if err != nil {
		return nil, err
	}
	return &Client{tr: tr, apiPath: apiPath}, nil
}

// Application is an OAuth2 application as AWX returns it.
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
}

// RedirectURIList splits the space-separated redirect_uris.
func (a *Application) RedirectURIList() []string { return strings.Fields(a.RedirectURIs) }

// Secret returns the plaintext secret of a create response: "" for a public app or
// a censored value.
func (a *Application) Secret() string {
	if a.ClientSecret == nil || strings.Trim(*a.ClientSecret, "*") == "" {
		return ""
	}
	return *a.ClientSecret
}

// CreateInput is the body of a create. AWX requires every field but the last three.
type CreateInput struct {
	Name                   string `json:"name"`
	Description            string `json:"description"`
	Organization           int64  `json:"organization"`
	ClientType             string `json:"client_type"`
	AuthorizationGrantType string `json:"authorization_grant_type"`
	RedirectURIs           string `json:"redirect_uris"`
	SkipAuthorization      bool   `json:"skip_authorization"`
}

// UpdateInput is a PATCH body: nil fields are left alone. The grant type and the
// secret are never sent (AWX ignores the first on update and the second is read-only).
type UpdateInput struct {
	Name              *string `json:"name,omitempty"`
	Description       *string `json:"description,omitempty"`
	Organization      *int64  `json:"organization,omitempty"`
	ClientType        *string `json:"client_type,omitempty"`
	RedirectURIs      *string `json:"redirect_uris,omitempty"`
	SkipAuthorization *bool   `json:"skip_authorization,omitempty"`
}

// Empty reports a PATCH with nothing to change.
func (u UpdateInput) Empty() bool {
	return u.Name == nil && u.Description == nil && u.Organization == nil && u.ClientType == nil && u.RedirectURIs == nil && u.SkipAuthorization == nil
}

func (c *Client) path(parts ...string) string {
	return c.apiPath + "applications/" + strings.Join(parts, "")
}

// Create POSTs a new application. The POST is marked duplicate-safe: AWX keeps
// (name, organization) unique, so a resend after a 502 or 504 fails as a duplicate instead
// of creating a second application.
func (c *Client) Create(ctx context.Context, in CreateInput) (*Application, error) {
	resp, err := c.tr.Do(ctx, transport.Request{Method: http.MethodPost, Path: c.path(), Body: in, DuplicateSafe: true})
	if err != nil {
		return nil, err
	}
	var a Application
	if err := resp.Decode(&a); err != nil {
		return nil, err
	}
	if a.ID == 0 {
		return nil, resp.Invalid("the response has no id")
	}
	return &a, nil
}

// Get reads one application; a 404 is returned as an error (transport.IsNotFound),
// and a body that does not describe application id as a *transport.WrongObjectError.
func (c *Client) Get(ctx context.Context, id int64) (*Application, error) {
	return c.one(ctx, http.MethodGet, id, nil)
}

// Update PATCHes the given fields and returns the application as AWX now holds it.
func (c *Client) Update(ctx context.Context, id int64, in UpdateInput) (*Application, error) {
	return c.one(ctx, http.MethodPatch, id, in)
}

// one sends a request about application id and checks that the answer describes it:
// an empty body ({} or null), one without an id or with another id is refused, so
// it never replaces what the state knows.
func (c *Client) one(ctx context.Context, method string, id int64, body any) (*Application, error) {
	path := c.path(strconv.FormatInt(id, 10), "/")
	resp, err := c.tr.Do(ctx, transport.Request{Method: method, Path: path, Body: body})
	if err != nil {
		return nil, err
	}
	var a *Application
	if err := resp.Decode(&a); err != nil {
		return nil, err
	}
	if a == nil || a.ID != id {
		got := ""
		if a != nil && a.ID != 0 {
			got = strconv.FormatInt(a.ID, 10)
		}
		return nil, &transport.WrongObjectError{Platform: c.tr.Platform(), Method: method, Path: path, Want: strconv.FormatInt(id, 10), Got: got}
	}
	return a, nil
}

// Delete removes an application; one that is already gone counts as deleted.
func (c *Client) Delete(ctx context.Context, id int64) error {
	_, err := c.tr.Do(ctx, transport.Request{Method: http.MethodDelete, Path: c.path(strconv.FormatInt(id, 10), "/")})
	if transport.IsNotFound(err) {
		return nil
	}
	return err
}

// findPageSize is the page size of FindByName.
const findPageSize = 200

// FindByName returns the application with this name in the organization, or nil.
// The listing is bounded (transport.Pager): a server whose next link never ends
// or repeats gives a *transport.PagingError.
func (c *Client) FindByName(ctx context.Context, name string, organization int64) (*Application, error) {
	q := url.Values{"name": {name}, "organization": {strconv.FormatInt(organization, 10)}, "page_size": {strconv.Itoa(findPageSize)}}
	pager := transport.NewPager(c.tr.Platform(), "applications", findPageSize)
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

// IsDuplicate reports AWX's unique (name, organization) error.
func IsDuplicate(err error) bool {
	var ae *transport.APIError
	if !errors.As(err, &ae) || ae.Status != http.StatusBadRequest {
		return false
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(ae.Body, &m) != nil {
		return false
	}
	all, ok := m["__all__"]
	return ok && strings.Contains(string(all), "already exists")
}

// FieldErrors returns the DRF field errors of a 400 ("name" → messages), if any.
func FieldErrors(err error) map[string][]string {
	var ae *transport.APIError
	if !errors.As(err, &ae) || ae.Status != http.StatusBadRequest {
		return nil
	}
	var m map[string][]string
	if json.Unmarshal(ae.Body, &m) != nil {
		return nil
	}
	return m
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
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		msg := fmt.Sprint(m[k])
		if list, ok := m[k].([]any); ok {
			var s []string
			for _, v := range list {
				s = append(s, fmt.Sprint(v))
			}
			msg = strings.Join(s, " ")
		}
		if k == "__all__" || k == "non_field_errors" {
			parts = append(parts, msg)
		} else {
			parts = append(parts, k+": "+msg)
		}
	}
	return strings.Join(parts, "; ")
}
