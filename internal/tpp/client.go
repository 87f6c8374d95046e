// Package tpp registers OAuth applications ("API integrations") on Venafi Trust
// Protection Platform (CyberArk Certificate Manager Self-Hosted) through
// /vedsdk/oauth/*Application. client.go is the typed API client (no Terraform
// imports); the resource and data source follow it.
package tpp

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// Paths of the Web SDK and auth server calls.
const (
	pathAuthorize = "/vedauth/authorize/oauth"
	pathRefresh   = "/vedauth/authorize/token"
	pathCreate    = "/vedsdk/oauth/CreateApplication"
	pathGet       = "/vedsdk/oauth/GetApplication"
	pathGetMany   = "/vedsdk/oauth/GetApplications"
	pathUpdate    = "/vedsdk/oauth/UpdateApplication"
	pathDelete    = "/vedsdk/oauth/DeleteApplication"
	pathEnumerate = "/vedsdk/oauth/EnumerateApplications"
)

// TokenScope is the scope every OAuth-application call needs.
const TokenScope = "admin"

// Config is what the client needs to reach TPP: an access token, or a username,
// password and client_id exchanged for one.
type Config struct {
	BaseURL     string
	AccessToken string
	Username    string
	Password    string
	ClientID    string
}

// Client calls the TPP OAuth application API. The access token is obtained on the
// first call and shared by every call of the provider run; on a 401 invalid_token
// it is refreshed once with the refresh token (when TPP issued one) and the call
// is repeated once.
type Client struct {
	tr  *transport.Client
	cfg Config

	mu       sync.Mutex
	token    string
	refresh  string
	fetched  bool
	fetchErr error // a refused token request is not repeated (no account lock-out)
}

// NewClient builds a client.
func NewClient(s transport.Settings, cfg Config) (*Client, error) {
	tr, err := transport.New(s, transport.Options{
		Platform:     "TPP",
		BaseURL:      cfg.BaseURL,
		Secrets:      []string{cfg.AccessToken, cfg.Password},
		ErrorMessage: ErrorMessage,
	})
	if err != nil {
		return nil, err
	}
	c := &Client{tr: tr, cfg: cfg}
	if cfg.AccessToken != "" {
		c.token, c.fetched = cfg.AccessToken, true
	}
	return c, nil
}

// UsesPassword reports whether the client obtains its token from username and password.
func (c *Client) UsesPassword() bool { return c.cfg.AccessToken == "" }

// ClientID is the client_id used to obtain tokens ("" with an access token).
func (c *Client) ClientID() string { return c.cfg.ClientID }

// Application is a TPP OAuth application. The validity fields are pointers: the
// GetApplication response may leave them out, and UpdateApplication resets an
// omitted one to the system default. GrantValidity null (the grant never expires)
// is GrantNeverExpires; application_json.go reads and writes it.
type Application struct {
	ID               string `json:"ID"`
	Name             string `json:"Name"`
	Vendor           string `json:"Vendor"`
	Description      string `json:"Description"`
	URL              string `json:"Url"`
	Scope            string `json:"Scope"`
	MaximumScope     string `json:"MaximumScope"`
	AccessValidity   *int64 `json:"AccessValidity,omitempty"`
	GrantValidity    *int64 `json:"GrantValidity,omitempty"`
	Renewable        *bool  `json:"Renewable,omitempty"`
	UnusedExpiration *int64 `json:"UnusedExpiration,omitempty"`
	// GrantNeverExpires is GrantValidity null in TPP's answer: grants never expire.
	GrantNeverExpires bool `json:"-"`
	// GrantCount and UserCount are read-only counters (never sent).
	GrantCount *int64 `json:"GrantCount,omitempty"`
	UserCount  *int64 `json:"UserCount,omitempty"`
}

// createBody is the CreateApplication request: the application's members (with
// MaximumScope, never the MaxScope spelling of the docs' example), its ID sent as
// ApplicationId, GrantValidity left out when nil (a create has no "never expires"),
// and without the read-only counters (newCreateBody clears them).
type createBody struct {
	ApplicationID string `json:"ApplicationId"`
	// ID shadows the embedded ID member and stays empty, so no ID member is sent: a
	// create names the id ApplicationId.
	ID string `json:"ID,omitempty"`
	applicationJSON
}

func newCreateBody(a Application) createBody {
	b := createBody{ApplicationID: a.ID, applicationJSON: applicationJSON(a)}
	b.GrantCount, b.UserCount = nil, nil
	return b
}

// envelope is the Result/Success part of every 200 answer.
type envelope struct {
	Result  *int   `json:"Result"`
	Success *bool  `json:"Success"`
	Error   string `json:"Error"`
}

// Result codes from TPP's "OAuth result codes" table.
const (
	ResultSuccess             = 0
	ResultFailure             = 1
	ResultApplicationNotFound = 2
	// ResultApplicationAlreadyExists is TPP's duplicate signal on create (most likely
	// HTTP 200 with Success false).
	ResultApplicationAlreadyExists = 19
)

var resultNames = map[int]string{
	0: "Success", 1: "Failure: the request could not be completed",
	2: "ApplicationNotFound: the requested application could not be found",
	3: "GrantNotFound", 4: "RuleNotFound", 5: "DriverError", 6: "InvalidParameters: invalid parameters were provided",
	7: "TokenHashError", 8: "ExceptionThrown", 9: "InsufficientPrivileges: the caller has insufficient permissions",
	10: "ObjectInvalid", 11: "AccessTokenExpired", 12: "AuthenticationMissing", 13: "AuthenticationInvalid",
	14: "UnsignedCodeForbidden", 15: "RemoteTransportFailure", 16: "RightsAssignmentError",
	17: "InvalidScope: a requested scope was invalid", 18: "RemoteIdentityRequired",
	19: "ApplicationAlreadyExists: an application with this id already exists", 20: "RuleAlreadyExists",
	21: "JwtMappingNotFound", 22: "JwtMappingAlreadyExists", 23: "ScopeMismatch",
}

// ResultName describes an OAuth result code.
func ResultName(code int) string {
	if n, ok := resultNames[code]; ok {
		return n
	}
	return "undocumented result code"
}

// ResultError is an HTTP 200 answer with Success false. It unwraps to a
// *transport.APIError (status 200) so that diagnostics show the call and the Result.
type ResultError struct {
	Result int
	// Text is the answer's Error text ("" when TPP sent none).
	Text string
	api  *transport.APIError
}

func (e *ResultError) Error() string { return e.api.Error() }
func (e *ResultError) Unwrap() error { return e.api }

// Attempts is how many attempts the call took.
func (e *ResultError) Attempts() int { return e.api.Attempts }

// check decodes the envelope of a 2xx answer and then out (when not nil).
func (c *Client) check(resp *transport.Response, method, path string, out any) error {
	var env envelope
	if err := resp.Decode(&env); err != nil {
		return err
	}
	if env.Success == nil {
		return resp.Invalid("the response has no Success flag")
	}
	if !*env.Success {
		code := ResultFailure
		if env.Result != nil {
			code = *env.Result
		}
		// Body stays empty: the answer of a create is never kept where an error could show it.
		// Only TPP's Error text (TPP applications have no secret) is shown, cleaned and bounded.
		text := transport.Clean(env.Error, 300)
		return &ResultError{Result: code, Text: text, api: &transport.APIError{
			Platform: c.tr.Platform(), Method: method, Path: path, Status: resp.Status, Attempts: resp.Attempts,
			Message: resultMessage(code, text),
		}}
	}
	if out != nil {
		return resp.Decode(out)
	}
	return nil
}

// accessToken returns the provider run's token, obtaining it on first use.
func (c *Client) accessToken(ctx context.Context) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fetched {
		return c.token, c.fetchErr
	}
	body := map[string]string{"client_id": c.cfg.ClientID, "username": c.cfg.Username, "password": c.cfg.Password, "scope": TokenScope}
	tok, err := c.tokenCall(ctx, pathAuthorize, body)
	if err != nil {
		var ae *transport.APIError
		if errors.As(err, &ae) && ae.Status < 500 && ae.Status != http.StatusTooManyRequests {
			c.fetched, c.fetchErr = true, err // refused: do not try the password again in this run
		}
		return "", err
	}
	c.fetched, c.token, c.refresh = true, tok.AccessToken, tok.RefreshToken
	return c.token, nil
}

// tokenCall posts to the auth server (without a bearer token) and decodes the token;
// a failure is a *transport.AuthError (IsTokenError).
func (c *Client) tokenCall(ctx context.Context, path string, body map[string]string) (*transport.TokenAnswer, error) {
	// A repeated token request creates no object: it may be resent on 502/503/504.
	return c.tr.FetchToken(ctx, transport.Request{Method: http.MethodPost, Path: path, Body: body, NoAuth: true, DuplicateSafe: true},
		c.tr.Platform(), "obtaining an access token from "+path)
}

// refreshToken swaps failed for a new token through the refresh token; when another
// call already did so it returns the current token. ok is false when no refresh is possible.
func (c *Client) refreshToken(ctx context.Context, failed string) (string, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.token != failed && c.token != "" {
		return c.token, true, nil
	}
	if c.refresh == "" {
		return "", false, nil
	}
	tok, err := c.tokenCall(ctx, pathRefresh, map[string]string{"client_id": c.cfg.ClientID, "refresh_token": c.refresh})
	c.refresh = "" // a refresh token is used once
	if err != nil {
		return "", true, err
	}
	c.token, c.refresh = tok.AccessToken, tok.RefreshToken
	return c.token, true, nil
}

// call POSTs a Web SDK request with the bearer token and checks the answer. A 401
// invalid_token is answered by one refresh and one repeat of the call. Every Web SDK
// OAuth call is duplicate-safe: ApplicationId is unique, Update is a full replace and
// Delete of a missing id counts as done, so a resend after 502/503/504 cannot duplicate.
func (c *Client) call(ctx context.Context, path string, body, out any) error {
	tok, err := c.accessToken(ctx)
	if err != nil {
		return err
	}
	for refreshed := false; ; refreshed = true {
		ctx := transport.MaskSecrets(ctx, tok)
		resp, err := c.tr.Do(ctx, transport.Request{
			Method: http.MethodPost, Path: path, Body: body, NoAuth: true, DuplicateSafe: true,
			Header: http.Header{"Authorization": {"Bearer " + tok}},
		})
		if err != nil {
			if refreshed || ErrorCode(err) != "invalid_token" {
				return err
			}
			next, ok, rerr := c.refreshToken(ctx, tok)
			if rerr != nil {
				return rerr
			}
			if !ok {
				return err
			}
			tok = next
			continue
		}
		return c.check(resp, http.MethodPost, path, out)
	}
}

// Create registers an application. The POST is duplicate-safe: the ApplicationId is
// unique, so a resend fails as a duplicate instead of creating a second application.
func (c *Client) Create(ctx context.Context, a Application) (*Application, error) {
	in := newCreateBody(a)
	var out struct {
		Application *Application `json:"Application"`
	}
	if err := c.call(ctx, pathCreate, in, &out); err != nil {
		return nil, err
	}
	if out.Application == nil || out.Application.ID == "" {
		// The docs show the Application object in the answer; without it, the request's own values stand.
		created := a
		return &created, nil
	}
	return out.Application, nil
}

// Get reads one application. A missing one gives an error for which IsNotFound is
// true; an answer that does not describe application id a *transport.WrongObjectError.
// The answer may hold it as Application or as Applications (client_get.go).
func (c *Client) Get(ctx context.Context, id string) (*Application, error) {
	var out getAnswer
	if err := c.call(ctx, pathGet, map[string]string{"ApplicationId": id}, &out); err != nil {
		return nil, err
	}
	return out.pick(c.tr.Platform(), id)
}

// Find looks an application up with GetApplications: nil when TPP does not list it.
func (c *Client) Find(ctx context.Context, id string) (*Application, error) {
	var out struct {
		Applications []Application `json:"Applications"`
	}
	err := c.call(ctx, pathGetMany, map[string][]string{"ApplicationIds": {id}}, &out)
	if IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	for i := range out.Applications {
		if out.Applications[i].ID == id {
			return &out.Applications[i], nil
		}
	}
	return nil, nil
}

// Update replaces the application with a: TPP resets every field left out, so a must
// be complete (a nil validity field is reset to the system default).
func (c *Client) Update(ctx context.Context, a Application) error {
	// A full replace is idempotent: a resend cannot create anything.
	return c.call(ctx, pathUpdate, map[string]Application{"Application": a}, nil)
}

// Delete removes an application; one that is already gone counts as deleted.
func (c *Client) Delete(ctx context.Context, id string) error {
	err := c.call(ctx, pathDelete, map[string]string{"ApplicationId": id}, nil)
	if IsNotFound(err) {
		return nil
	}
	return err
}

// oauthError is the auth server's error body.
type oauthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

// ErrorCode returns the OAuth error code of an HTTP error answer ("invalid_token",
// "insufficient_scope", "insufficient_rights", "invalid_request", "invalid_grant"…), or "".
func ErrorCode(err error) string {
	var ae *transport.APIError
	if !errors.As(err, &ae) || ae.Status < 400 {
		return ""
	}
	var oe oauthError
	if json.Unmarshal(ae.Body, &oe) != nil {
		return ""
	}
	return oe.Error
}

// errorDescription returns the error_description of an HTTP error answer.
func errorDescription(err error) string {
	var ae *transport.APIError
	if !errors.As(err, &ae) {
		return ""
	}
	var oe oauthError
	_ = json.Unmarshal(ae.Body, &oe)
	return oe.Description
}

// IsNotFound reports TPP's not-found signal for Get, Update and Delete. The exact
// signal is undocumented; the client accepts either reading:
//   - HTTP 200 with Success false and Result 2 (ApplicationNotFound, from the OAuth
//     result code table), or
//   - HTTP 400 invalid_request whose error_description says the application does
//     not exist or was not found.
func IsNotFound(err error) bool {
	var re *ResultError
	if errors.As(err, &re) {
		return re.Result == ResultApplicationNotFound
	}
	if transport.StatusOf(err) == http.StatusBadRequest && ErrorCode(err) == "invalid_request" {
		d := strings.ToLower(errorDescription(err))
		return strings.Contains(d, "application") && (strings.Contains(d, "not found") || strings.Contains(d, "does not exist") ||
			strings.Contains(d, "doesn't exist") || strings.Contains(d, "could not be found") || strings.Contains(d, "no application"))
	}
	// An HTTP 404 is not read as "application not found": it means a wrong base_url.
	return false
}

// IsTokenError reports a failed token request (/vedauth/authorize/oauth or /token),
// after which the API call it was for was never sent.
func IsTokenError(err error) bool {
	var ae *transport.AuthError
	return errors.As(err, &ae)
}

// ErrorMessage decodes TPP error bodies: {"error","error_description"} from the auth
// server and the Web SDK, or a Result/Success envelope.
func ErrorMessage(_ int, body []byte) string {
	// The envelope first: its Error member would also match oauthError's "error"
	// (encoding/json matches names case-insensitively).
	var env envelope
	if json.Unmarshal(body, &env) == nil && env.Result != nil {
		return resultMessage(*env.Result, env.Error)
	}
	var oe oauthError
	if json.Unmarshal(body, &oe) == nil && oe.Error != "" {
		if oe.Description != "" {
			return oe.Error + ": " + oe.Description
		}
		return oe.Error
	}
	return ""
}
