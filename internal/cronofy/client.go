// Package cronofy provisions applications through Cronofy's Admin API
// ("Provision a new application", POST /v1/applications, PRERELEASE). The API can
// only create: there is no read, update or delete call, so the resource keeps what
// the create returned and leaves Cronofy alone afterwards. client.go is the typed
// API client (no Terraform imports); the resource follows it.
package cronofy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// DefaultDataCenter is the data center used when none is configured.
const DefaultDataCenter = "us"

// hosts are the documented data-center base URLs (contributing/platform-apis.md §5.1).
var hosts = map[string]string{
	"au": "https://api-au.cronofy.com",
	"ca": "https://api-ca.cronofy.com",
	"de": "https://api-de.cronofy.com",
	"sg": "https://api-sg.cronofy.com",
	"uk": "https://api-uk.cronofy.com",
	"us": "https://api.cronofy.com",
}

// DataCenters lists the data-center codes, sorted.
func DataCenters() []string {
	return slices.Sorted(maps.Keys(hosts))
}

// DataCenterURL returns the documented base URL of a data center.
func DataCenterURL(dc string) (string, bool) {
	u, ok := hosts[dc]
	return u, ok
}

// Config is what the client needs to reach Cronofy.
type Config struct {
	// AdminAPIKey is an Admin API key of one organizational unit.
	AdminAPIKey string
	// DataCenter is the data center of calls that name none; "" means us.
	DataCenter string
	// BaseURL, when set, replaces every data center's host (tests, private endpoints).
	BaseURL string
	// InsecureSkipVerify and DialContext are for tests only; the provider block does
	// not expose them.
	InsecureSkipVerify bool
	DialContext        func(ctx context.Context, network, addr string) (net.Conn, error)
}

// Client calls the Cronofy Admin API. It holds one transport client per base URL
// actually used, built on first use: applications can live in any data center,
// and each data center is its own host.
type Client struct {
	settings transport.Settings
	cfg      Config

	mu  sync.Mutex
	trs map[string]*transport.Client
}

// NewClient checks the configuration; transport clients are built lazily.
func NewClient(s transport.Settings, cfg Config) (*Client, error) {
	if cfg.DataCenter == "" {
		cfg.DataCenter = DefaultDataCenter
	}
	if _, ok := hosts[cfg.DataCenter]; !ok {
		return nil, fmt.Errorf("data center %q is not one of %s", cfg.DataCenter, strings.Join(DataCenters(), ", "))
	}
	if cfg.AdminAPIKey == "" {
		return nil, errors.New("the admin API key is empty")
	}
	c := &Client{settings: s, cfg: cfg, trs: map[string]*transport.Client{}}
	if cfg.BaseURL != "" {
		// Fail at configure time, not at the first create, on a bad override.
		if _, err := c.transport(cfg.DataCenter); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// DataCenter returns the provider's data center (the default for resources).
func (c *Client) DataCenter() string { return c.cfg.DataCenter }

// BaseURL returns the base URL requests for the data center go to.
func (c *Client) BaseURL(dc string) (string, error) {
	if c.cfg.BaseURL != "" {
		return c.cfg.BaseURL, nil
	}
	u, ok := hosts[dc]
	if !ok {
		return "", fmt.Errorf("data center %q is not one of %s", dc, strings.Join(DataCenters(), ", "))
	}
	return u, nil
}

func (c *Client) transport(dc string) (*transport.Client, error) {
	base, err := c.BaseURL(dc)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if tr, ok := c.trs[base]; ok {
		return tr, nil
	}
	tr, err := c.newTransport(base, c.cfg.AdminAPIKey)
	if err != nil {
		return nil, err
	}
	c.trs[base] = tr
	return tr, nil
}

// newTransport builds a transport client for base that authenticates with the bearer
// token and keeps it and the other secrets out of every message.
func (c *Client) newTransport(base, token string, secrets ...string) (*transport.Client, error) {
	return transport.New(c.settings, transport.Options{
		Platform:           "Cronofy",
		BaseURL:            base,
		Auth:               transport.Bearer(token),
		Secrets:            append([]string{token}, secrets...),
		ErrorMessage:       ErrorMessage,
		InsecureSkipVerify: c.cfg.InsecureSkipVerify,
		DialContext:        c.cfg.DialContext,
	})
}

// CreateInput is the body of POST /v1/applications.
type CreateInput struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

// OAuthClient is the create response's oauth_client: the only handle Cronofy gives.
type OAuthClient struct {
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	// Resent503 is how many earlier attempts of this create were answered 503 and
	// sent again (transport.Response.Resent503). Cronofy keeps no unique key, so when
	// it is above 0 a server that stored an application and still answered 503 has
	// registered more than one: the resource warns the user to check the dashboard.
	Resent503 int `json:"-"`
}

// Create provisions an application in the data center ("" for the client's own).
// The POST is not duplicate-safe: Cronofy enforces no unique key, so a resend could
// create a second application, and the transport never resends it after the request
// was written.
func (c *Client) Create(ctx context.Context, dc string, in CreateInput) (*OAuthClient, error) {
	if dc == "" {
		dc = c.cfg.DataCenter
	}
	tr, err := c.transport(dc)
	if err != nil {
		return nil, err
	}
	resp, err := tr.Do(ctx, transport.Request{Method: http.MethodPost, Path: "/v1/applications", Body: in})
	if err != nil {
		return nil, err
	}
	var out struct {
		OAuthClient *OAuthClient `json:"oauth_client"`
	}
	if err := resp.Decode(&out); err != nil {
		return nil, err
	}
	if out.OAuthClient == nil || out.OAuthClient.ClientID == "" || out.OAuthClient.ClientSecret == "" {
		return nil, resp.Invalid("the response has no oauth_client with a client_id and client_secret")
	}
	out.OAuthClient.Resent503 = resp.Resent503
	return out.OAuthClient, nil
}

// FieldError is one entry of a 422 body's errors.<param> list.
type FieldError struct {
	Key         string `json:"key"`
	Description string `json:"description"`
}

// FieldErrors returns the parameter errors of a 422 answer ("name" → errors), if any.
func FieldErrors(err error) map[string][]FieldError {
	var ae *transport.APIError
	if !errors.As(err, &ae) || ae.Status != http.StatusUnprocessableEntity {
		return nil
	}
	return decodeFieldErrors(ae.Body)
}

func decodeFieldErrors(body []byte) map[string][]FieldError {
	var b struct {
		Errors map[string][]FieldError `json:"errors"`
	}
	if json.Unmarshal(body, &b) != nil || len(b.Errors) == 0 {
		return nil
	}
	return b.Errors
}

// ErrorMessage decodes Cronofy's 422 shape into "name: required; url: …". Other
// statuses have no documented body; the transport's generic message is used then.
func ErrorMessage(_ int, body []byte) string {
	fe := decodeFieldErrors(body)
	if len(fe) == 0 {
		return ""
	}
	var parts []string
	for _, p := range slices.Sorted(maps.Keys(fe)) {
		var msgs []string
		for _, e := range fe[p] {
			m := e.Description
			if m == "" {
				m = e.Key
			}
			msgs = append(msgs, m)
		}
		parts = append(parts, p+": "+strings.Join(msgs, ", "))
	}
	return strings.Join(parts, "; ")
}
