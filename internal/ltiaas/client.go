// Package ltiaas registers LTI 1.3 platforms (LMS registrations) on LTIaaS, the
// hosted ltijs service (/admin/platforms, or /api/platforms on older accounts).
// client.go is the typed API client (no Terraform imports); the resource and data
// source follow it.
package ltiaas

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// Config is what the client needs to reach LTIaaS.
type Config struct {
	BaseURL    string
	APIKey     string
	PathPrefix string // "/admin" (default) or "/api"
}

// Client calls the LTIaaS platform-registration API.
type Client struct {
	tr     *transport.Client
	prefix string
}

// NewClient builds a client that sends `Authorization: Bearer <API key>`.
func NewClient(s transport.Settings, cfg Config) (*Client, error) {
	prefix := "/" + strings.Trim(cfg.PathPrefix, "/")
	if prefix == "/" {
		prefix = "/admin"
	}
	key := cfg.APIKey
	tr, err := transport.New(s, transport.Options{
		Platform:     "LTIaaS",
		BaseURL:      cfg.BaseURL,
		Auth:         transport.Bearer(key),
		Secrets:      []string{key},
		ErrorMessage: ErrorMessage,
	})
	if err != nil {
		return nil, err
	}
	return &Client{tr: tr, prefix: prefix}, nil
}

// PathPrefix is the prefix the client uses ("/admin" or "/api").
func (c *Client) PathPrefix() string { return c.prefix }

// AuthConfig is how LTIaaS verifies the platform's signed messages.
type AuthConfig struct {
	Method string `json:"method"` // JWK_SET, JWK_KEY or RSA_KEY
	Key    string `json:"key"`
}

// Input is the body of a create and of an update (PUT replaces every field).
// `active` is never sent: it changes only through activate and deactivate.
type Input struct {
	URL                    string     `json:"url"`
	ClientID               string     `json:"clientId"`
	Name                   string     `json:"name"`
	AuthenticationEndpoint string     `json:"authenticationEndpoint"`
	AccesstokenEndpoint    string     `json:"accesstokenEndpoint"`
	AuthConfig             AuthConfig `json:"authConfig"`
	AuthorizationServer    string     `json:"authorizationServer,omitempty"`
}

// Registration is a platform registration as LTIaaS returns it: what was sent
// (Input), and the id, the active flag and the public key LTIaaS adds.
type Registration struct {
	ID string `json:"id"`
	Input
	Active    bool   `json:"active"`
	PublicKey string `json:"publicKey"`
}

func (c *Client) path(parts ...string) string {
	p := c.prefix + "/platforms"
	for _, s := range parts {
		p += "/" + url.PathEscape(s)
	}
	return p
}

func decodePlatform(resp *transport.Response) (*Registration, error) {
	return transport.DecodeCreated(resp, "id", registrationID)
}

func registrationID(p *Registration) string { return p.ID }

// Create POSTs a new registration. LTIaaS (like ltijs) upserts on (url, clientId):
// a resend of the same body after a lost answer returns the same platform instead
// of a second one, so the POST is marked duplicate-safe. Callers look the pair up
// first so that an existing registration is never silently taken over.
func (c *Client) Create(ctx context.Context, in Input) (*Registration, error) {
	resp, err := c.tr.Do(ctx, transport.Request{Method: http.MethodPost, Path: c.path(), Body: in, DuplicateSafe: true})
	if err != nil {
		return nil, err
	}
	return decodePlatform(resp)
}

// Get reads one platform; a 404 is returned as an error (transport.IsNotFound), and
// a body that does not describe platform id ({}, null, no id or another id) as a
// *transport.WrongObjectError.
func (c *Client) Get(ctx context.Context, id string) (*Registration, error) {
	return c.one(ctx, http.MethodGet, id, nil)
}

// one sends a request about platform id and checks that the answer describes it.
func (c *Client) one(ctx context.Context, method, id string, body any) (*Registration, error) {
	resp, err := c.tr.Do(ctx, transport.Request{Method: method, Path: c.path(id), Body: body})
	if err != nil {
		return nil, err
	}
	return transport.DecodeObject(resp, id, registrationID)
}

// Lookup reads one platform by id and tells a platform that is gone (nil, nil) from
// an API path that does not exist (an error): a 404 of GET /platforms/{id} is
// confirmed with GET /platforms?id=, which answers an empty list for an unknown id
// but fails as well when the path prefix is wrong.
func (c *Client) Lookup(ctx context.Context, id string) (*Registration, error) {
	p, err := c.Get(ctx, id)
	if !transport.IsNotFound(err) {
		return p, err
	}
	list, lerr := c.List(ctx, url.Values{"id": {id}})
	if lerr != nil {
		return nil, lerr
	}
	for i := range list {
		if list[i].ID == id {
			return &list[i], nil
		}
	}
	return nil, nil
}

// List returns the platforms matching the filters (id, url, clientId).
func (c *Client) List(ctx context.Context, q url.Values) ([]Registration, error) {
	resp, err := c.tr.Do(ctx, transport.Request{Method: http.MethodGet, Path: c.path(), Query: q})
	if err != nil {
		return nil, err
	}
	var out struct {
		Platforms *[]Registration `json:"platforms"`
	}
	if err := resp.Decode(&out); err != nil {
		return nil, err
	}
	if out.Platforms == nil {
		return nil, resp.Invalid(`the response has no "platforms" list`)
	}
	return *out.Platforms, nil
}

// Find returns the platform registered for (url, clientId), or nil. The filter is
// applied again here, in case the service ignores a query parameter.
func (c *Client) Find(ctx context.Context, platformURL, clientID string) (*Registration, error) {
	list, err := c.List(ctx, url.Values{"url": {platformURL}, "clientId": {clientID}})
	if err != nil {
		return nil, err
	}
	for i := range list {
		if list[i].URL == platformURL && list[i].ClientID == clientID {
			return &list[i], nil
		}
	}
	return nil, nil
}

// Update PUTs the complete registration, authorizationServer included ("" clears
// it), and returns it as LTIaaS now holds it.
func (c *Client) Update(ctx context.Context, id string, in Input) (*Registration, error) {
	return c.one(ctx, http.MethodPut, id, newUpdateBody(in))
}

// SetActive calls activate or deactivate (200, no body documented). Both set a
// flag and create nothing, so a resend is harmless: they are marked duplicate-safe.
func (c *Client) SetActive(ctx context.Context, id string, active bool) error {
	action := "deactivate"
	if active {
		action = "activate"
	}
	_, err := c.tr.Do(ctx, transport.Request{Method: http.MethodPost, Path: c.path(id, action), DuplicateSafe: true})
	return err
}

// Delete removes a platform. A 404 counts as deleted once GET /platforms?id=
// confirms the id is unknown (so that a wrong path prefix is not mistaken for a
// platform that is already gone).
func (c *Client) Delete(ctx context.Context, id string) error {
	_, err := c.tr.Do(ctx, transport.Request{Method: http.MethodDelete, Path: c.path(id)})
	if !transport.IsNotFound(err) {
		return err
	}
	list, lerr := c.List(ctx, url.Values{"id": {id}})
	if lerr != nil {
		return err
	}
	for _, p := range list {
		if p.ID == id {
			return err
		}
	}
	return nil
}

// Envelope is the LTIaaS error body.
type Envelope struct {
	Status  int    `json:"status"`
	Error   string `json:"error"`
	Details *struct {
		Code        string `json:"code"`
		Message     string `json:"message"`
		Description string `json:"description"`
	} `json:"details"`
}

func envelopeOf(body []byte) (*Envelope, bool) {
	var e Envelope
	if json.Unmarshal(body, &e) != nil || (e.Error == "" && e.Details == nil) {
		return nil, false
	}
	return &e, true
}

// ErrorCode returns the platform's error code of an API error (details.message,
// such as URL_CLIENT_ID_COMBINATION_ALREADY_EXISTS, or details.code), or "".
func ErrorCode(err error) string {
	var ae *transport.APIError
	if !errors.As(err, &ae) {
		return ""
	}
	e, ok := envelopeOf(ae.Body)
	if !ok {
		return ""
	}
	if e.Details != nil {
		if e.Details.Message != "" {
			return e.Details.Message
		}
		return e.Details.Code
	}
	return e.Error
}

// IsCollision reports the error of a PUT onto another platform's (url, clientId),
// whatever its status (400 or 409: the status LTIaaS uses is not documented).
func IsCollision(err error) bool {
	if StatusOfClientError(err) == 0 {
		return false
	}
	var ae *transport.APIError
	_ = errors.As(err, &ae)
	return ErrorCode(err) == "URL_CLIENT_ID_COMBINATION_ALREADY_EXISTS" || strings.Contains(string(ae.Body), "URL_CLIENT_ID_COMBINATION_ALREADY_EXISTS")
}

// IsConflict reports a 409, or a 4xx that says the registration already exists (a
// service that refuses a repeated POST instead of upserting it).
func IsConflict(err error) bool {
	st := StatusOfClientError(err)
	if st == http.StatusConflict {
		return true
	}
	return st != 0 && strings.Contains(strings.ToUpper(ErrorCode(err)), "ALREADY_EXISTS")
}

// StatusOfClientError returns the status of a 4xx API error, or 0.
func StatusOfClientError(err error) int {
	st := transport.StatusOf(err)
	if st >= 400 && st < 500 {
		return st
	}
	return 0
}

// ErrorMessage decodes the LTIaaS envelope into "Unauthorized: CODE (description)".
func ErrorMessage(_ int, body []byte) string {
	e, ok := envelopeOf(body)
	if !ok {
		return ""
	}
	msg := e.Error
	if d := e.Details; d != nil {
		var parts []string
		if d.Code != "" && d.Code != d.Message {
			parts = append(parts, d.Code)
		}
		if d.Message != "" {
			parts = append(parts, d.Message)
		}
		detail := strings.Join(parts, " ")
		if d.Description != "" && d.Description != detail {
			if detail != "" {
				detail += " (" + d.Description + ")"
			} else {
				detail = d.Description
			}
		}
		if detail != "" {
			if msg != "" {
				msg += ": "
			}
			msg += detail
		}
	}
	return msg
}

// String names a platform for messages.
func (p *Registration) String() string {
	return fmt.Sprintf("%q (id %s, url %s, client_id %s)", p.Name, p.ID, p.URL, p.ClientID)
}
