// Package timeback registers draft applications on the Timeback developer platform
// (POST /applications/1.0/drafts). client.go is the typed API client (no Terraform
// imports); the resource and data source follow it.
package timeback

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// DefaultBaseURL is the production developer platform.
const DefaultBaseURL = "https://platform.timeback.com"

// Config is what the client needs to reach Timeback.
type Config struct {
	BaseURL string
	// Token is a bearer token used as is.
	Token string
	// ClientID and ClientSecret are exchanged at TokenURL (client credentials) when Token is empty.
	ClientID, ClientSecret string
	// TokenURL defaults to BaseURL + /auth/1.0/token.
	TokenURL string
}

// API is what the resource and the data source call. Delete is part of it so that
// the resource does not change when Timeback publishes a delete endpoint.
type API interface {
	CreateDraft(ctx context.Context, in DraftInput) (*Draft, error)
	GetApplication(ctx context.Context, id string) (*Application, error)
	GetCredentials(ctx context.Context, id string) (*Credentials, error)
	DeleteApplication(ctx context.Context, id string) error
}

var _ API = (*Client)(nil)

// ErrDeleteUnsupported is returned by DeleteApplication: Timeback documents no delete
// endpoint; drafts are removed by TimeBack support.
var ErrDeleteUnsupported = errors.New("the Timeback API has no endpoint to delete an application")

// Client calls the Timeback developer platform.
type Client struct {
	tr  *transport.Client
	tok *tokenSource // nil with a static token
}

// NewClient builds a client: a static bearer token when Token is set, otherwise a
// token from the client-credentials exchange, cached until shortly before it expires.
func NewClient(s transport.Settings, cfg Config) (*Client, error) {
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	c := &Client{}
	secrets := []string{cfg.Token, cfg.ClientSecret}
	if cfg.Token == "" {
		if cfg.ClientID == "" || cfg.ClientSecret == "" {
			return nil, errors.New("no Timeback credentials: set token, or client_id and client_secret")
		}
		ts, err := newTokenSource(s, cfg)
		if err != nil {
			return nil, err
		}
		c.tok = ts
		secrets = append(secrets, ts.basic)
	}
	auth := func(ctx context.Context, r *http.Request) error {
		tok := cfg.Token
		if c.tok != nil {
			var err error
			if tok, err = c.tok.Token(ctx); err != nil {
				return err
			}
		}
		r.Header.Set("Authorization", "Bearer "+tok)
		return nil
	}
	tr, err := transport.New(s, transport.Options{
		Platform:     "Timeback",
		BaseURL:      cfg.BaseURL,
		Auth:         auth,
		Secrets:      secrets,
		ErrorMessage: ErrorMessage,
	})
	if err != nil {
		return nil, err
	}
	c.tr = tr
	return c, nil
}

// do sends a request; with client credentials, a 401 drops the cached token and
// the request is sent once more with a fresh one (a 401 was not acted upon).
func (c *Client) do(ctx context.Context, r transport.Request) (*transport.Response, error) {
	resp, err := c.tr.Do(ctx, r)
	var te *transport.AuthError
	if c.tok != nil && !errors.As(err, &te) && transport.StatusOf(err) == http.StatusUnauthorized {
		c.tok.Invalidate()
		resp, err = c.tr.Do(ctx, r)
	}
	return resp, err
}

// DraftInput is RegisterAppAsDraftRequest. Empty optional fields are left out.
type DraftInput struct {
	Name            string `json:"name"`
	Description     string `json:"description"`
	LaunchURL       string `json:"launchUrl"`
	ApplicationType string `json:"applicationType,omitempty"`
	PublisherID     string `json:"publisherId,omitempty"`
}

// Draft is the create response: the only answer that carries the client secret.
type Draft struct {
	ApplicationID string `json:"applicationId"`
	AppURN        string `json:"appUrn"`
	ClientID      string `json:"clientId"`
	ClientSecret  string `json:"clientSecret"`
	PublisherID   string `json:"publisherId"`
	// SandboxCredentials is the sandbox pair the sandbox docs promise; its field
	// names are not documented, so it is decoded leniently and may be nil.
	SandboxCredentials *SandboxCredentials `json:"sandboxCredentials,omitempty"`
}

// SandboxCredentials is the sandbox client pair of a create response.
type SandboxCredentials struct {
	ClientID     string `json:"clientId"`
	ClientSecret string `json:"clientSecret"`
}

// Application is the body of GET /applications/1.0/{id} (LtiApplicationOutput).
type Application struct {
	SourcedID       string `json:"sourcedId"`
	Name            string `json:"name"`
	Description     string `json:"description"`
	LaunchURL       string `json:"launchUrl"`
	ApplicationType string `json:"applicationType"`
	Status          string `json:"status"`
	// PublisherID is not part of LtiApplicationOutput; it is used when present.
	PublisherID string `json:"publisherId"`
}

// Credentials is GetAppCredentialsResponse: never a secret.
type Credentials struct {
	ApplicationID         string `json:"applicationId"`
	AppURN                string `json:"appUrn"`
	ProductionCredentials struct {
		ClientID string   `json:"clientId"`
		Scopes   []string `json:"scopes"`
		TokenURL string   `json:"tokenUrl"`
	} `json:"productionCredentials"`
	// SandboxCredentials is the sandbox client (no secret either); nil when absent.
	SandboxCredentials *ClientCredentials `json:"sandboxCredentials"`
}

// ClientCredentials is one environment's client as the credentials read shows it.
type ClientCredentials struct {
	ClientID string   `json:"clientId"`
	Scopes   []string `json:"scopes"`
	TokenURL string   `json:"tokenUrl"`
}

// CreateDraft registers a draft application. The POST is duplicate-safe: names are
// unique across the whole platform, so a resend after a gateway error fails as a
// duplicate instead of registering a second application. Any 2xx that carries an
// applicationId is a success (the documented status, 200 or 201, is unknown), so a
// secret is never dropped over a status code.
func (c *Client) CreateDraft(ctx context.Context, in DraftInput) (*Draft, error) {
	resp, err := c.do(ctx, transport.Request{Method: http.MethodPost, Path: "/applications/1.0/drafts", Body: in, DuplicateSafe: true})
	if err != nil {
		return nil, err
	}
	d, err := transport.DecodeCreated(resp, "applicationId", func(d *Draft) string { return d.ApplicationID })
	if err != nil {
		return nil, err
	}
	if d.AppURN == "" {
		d.AppURN = "urn:uuid:" + d.ApplicationID
	}
	return d, nil
}

func appPath(id string, rest string) string {
	return "/applications/1.0/" + url.PathEscape(id) + rest
}

// GetApplication reads an application; a 404 is returned as an error (transport.IsNotFound).
func (c *Client) GetApplication(ctx context.Context, id string) (*Application, error) {
	resp, err := c.do(ctx, transport.Request{Method: http.MethodGet, Path: appPath(id, "")})
	if err != nil {
		return nil, err
	}
	var a *Application
	if err := resp.Decode(&a); err != nil {
		return nil, err
	}
	if a == nil {
		a = &Application{}
	}
	if a.SourcedID == "" && a.Name == "" {
		// The body's exact shape is not documented: accept one wrapping object.
		var wrapped map[string]json.RawMessage
		if json.Unmarshal(resp.Body, &wrapped) == nil {
			for _, k := range []string{"application", "data", "app"} {
				if raw, ok := wrapped[k]; ok && json.Unmarshal(raw, a) == nil && a.SourcedID != "" {
					break
				}
			}
		}
	}
	if a.SourcedID != id {
		// {}, null, no sourcedId or another one: never a replacement for the state.
		return nil, resp.WrongObject(id, a.SourcedID)
	}
	if a.Name == "" {
		return nil, resp.Invalid("the application has no name")
	}
	return a, nil
}

// GetCredentials reads the application's production credentials (never the secret).
func (c *Client) GetCredentials(ctx context.Context, id string) (*Credentials, error) {
	resp, err := c.do(ctx, transport.Request{Method: http.MethodGet, Path: appPath(id, "/credentials")})
	if err != nil {
		return nil, err
	}
	return transport.DecodeObject(resp, id, func(cr *Credentials) string { return cr.ApplicationID })
}

// DeleteApplication reports ErrDeleteUnsupported: Timeback has no delete endpoint.
// When one is published, this is the only place that changes.
func (c *Client) DeleteApplication(context.Context, string) error { return ErrDeleteUnsupported }

// apiError is Timeback's error body as far as it is known: {"error", "message"},
// OAuth's {"error", "error_description"}, and nextAction on publisher ambiguity.
type apiError struct {
	Error            string          `json:"error"`
	Message          string          `json:"message"`
	ErrorDescription string          `json:"error_description"`
	NextAction       json.RawMessage `json:"nextAction"`
	Details          []struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"details"`
}

func decodeError(body []byte) *apiError {
	var e apiError
	if json.Unmarshal(body, &e) != nil {
		return nil
	}
	return &e
}

// ErrorMessage decodes the platform's error message.
func ErrorMessage(_ int, body []byte) string {
	e := decodeError(body)
	if e == nil {
		return ""
	}
	switch {
	case e.Message != "":
		return e.Message
	case e.ErrorDescription != "":
		return e.ErrorDescription
	}
	return e.Error
}

// NextAction returns the nextAction of a 400 (publisher ambiguity): whether there is
// one, and the publisher ids it lists. The body's shape is not documented, so any
// UUID inside nextAction counts as a publisher id.
func NextAction(err error) (bool, []string) {
	var ae *transport.APIError
	if !errors.As(err, &ae) || ae.Status != http.StatusBadRequest {
		return false, nil
	}
	e := decodeError(ae.Body)
	if e == nil || len(e.NextAction) == 0 || string(e.NextAction) == "null" {
		return false, nil
	}
	seen := map[string]bool{}
	var ids []string
	for _, id := range uuidRe.FindAllString(string(e.NextAction), -1) {
		if !seen[strings.ToLower(id)] {
			seen[strings.ToLower(id)] = true
			ids = append(ids, id)
		}
	}
	return true, ids
}

var uuidRe = regexp.MustCompile(`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`)

var duplicateRe = regexp.MustCompile(`(?i)already (exists|taken|in use|registered)|not unique|duplicate|name_conflict|conflict`)

// IsDuplicate reports a duplicate-name answer: 409, or a 400/422 whose message says
// the name is taken (the documented status is unknown).
func IsDuplicate(err error) bool {
	var ae *transport.APIError
	if !errors.As(err, &ae) {
		return false
	}
	switch ae.Status {
	case http.StatusConflict:
		return true
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		if ok, _ := NextAction(err); ok {
			return false
		}
		e := decodeError(ae.Body)
		return e != nil && duplicateRe.MatchString(e.Error+" "+e.Message+" "+e.ErrorDescription)
	}
	return false
}

// FieldErrors returns the field errors of a validation 400 (API field → messages).
func FieldErrors(err error) map[string][]string {
	var ae *transport.APIError
	if !errors.As(err, &ae) || ae.Status != http.StatusBadRequest {
		return nil
	}
	e := decodeError(ae.Body)
	if e == nil || len(e.Details) == 0 {
		return nil
	}
	out := map[string][]string{}
	for _, d := range e.Details {
		out[d.Field] = append(out[d.Field], d.Message)
	}
	return out
}

// tokenSource exchanges client credentials for an access token. Tokens are cached
// process-wide per (token URL, client id, secret hash) until shortly before expiry,
// so every client built from the same settings shares one token.
type tokenSource struct {
	tr    *transport.Client
	path  string
	query url.Values
	key   string
	basic string
	now   func() time.Time
}

type cachedToken struct {
	mu     sync.Mutex
	token  string
	expiry time.Time
}

var tokenCache sync.Map // key → *cachedToken

func newTokenSource(s transport.Settings, cfg Config) (*tokenSource, error) {
	raw := cfg.TokenURL
	if raw == "" {
		raw = strings.TrimRight(cfg.BaseURL, "/") + "/auth/1.0/token"
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("the Timeback token_url %q must be an absolute http or https URL", raw)
	}
	basic := base64.StdEncoding.EncodeToString([]byte(cfg.ClientID + ":" + cfg.ClientSecret))
	tr, err := transport.New(s, transport.Options{
		Platform:     "Timeback token endpoint",
		BaseURL:      u.Scheme + "://" + u.Host,
		Secrets:      []string{cfg.ClientSecret, basic},
		ErrorMessage: ErrorMessage,
	})
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(raw + "\x00" + cfg.ClientID + "\x00" + cfg.ClientSecret))
	return &tokenSource{tr: tr, path: u.Path, query: u.Query(), key: hex.EncodeToString(sum[:]), basic: basic, now: time.Now}, nil
}

func (ts *tokenSource) entry() *cachedToken {
	v, _ := tokenCache.LoadOrStore(ts.key, &cachedToken{})
	tk, _ := v.(*cachedToken) // the cache only ever holds *cachedToken
	return tk
}

// Token returns a valid access token, exchanging the client credentials when the
// cached one is missing or about to expire.
func (ts *tokenSource) Token(ctx context.Context) (string, error) {
	e := ts.entry()
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.token != "" && ts.now().Before(e.expiry) {
		return e.token, nil
	}
	var q url.Values
	if len(ts.query) > 0 {
		q = ts.query
	}
	body, err := ts.tr.FetchToken(ctx, transport.Request{
		Method: http.MethodPost, Path: ts.path, Query: q, NoAuth: true,
		Form:   url.Values{"grant_type": {"client_credentials"}},
		Header: http.Header{"Authorization": {"Basic " + ts.basic}},
	}, "Timeback", "exchanging client_id and client_secret for an access token")
	if err != nil {
		return "", err
	}
	ttl := time.Duration(body.ExpiresIn) * time.Second
	if ttl <= 0 {
		ttl = time.Minute
	}
	// Renew a little early: a tenth of the lifetime, at most a minute.
	e.token, e.expiry = body.AccessToken, ts.now().Add(ttl-min(ttl/10, time.Minute))
	return e.token, nil
}

// Invalidate drops the cached token (after the platform refused it).
func (ts *tokenSource) Invalidate() {
	e := ts.entry()
	e.mu.Lock()
	e.token = ""
	e.mu.Unlock()
}

// MaybeCreated reports whether a failed create may still have registered the
// application: the request reached Timeback and its answer was lost. A failed
// token exchange happens before the create is sent, so it never counts.
func MaybeCreated(err error) bool {
	var te *transport.AuthError
	if errors.As(err, &te) {
		return false
	}
	return transport.MaybeApplied(err)
}
