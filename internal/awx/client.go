// Package awx registers OAuth2 applications on AWX up to 24.6.1, Ansible Tower and
// the AAP 2.4 controller (/api/v2/applications/). The application model, the API
// client, the resource and the data source are internal/ansible's, shared with the
// AAP 2.5+ gateway (internal/aap); this package gives them the awx provider block,
// its names and its messages.
package awx

import (
	"github.com/registrar-dev/terraform-provider-registrar/internal/ansible"
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

// The client and its types are the shared Ansible ones.
type (
	Client      = ansible.Client
	Application = ansible.Application
	CreateInput = ansible.CreateInput
	UpdateInput = ansible.UpdateInput
)

// The shared Django REST Framework error readers.
var (
	IsDuplicate  = ansible.IsDuplicate
	FieldErrors  = ansible.FieldErrors
	ErrorMessage = ansible.ErrorMessage
)

// NewClient builds a client; Bearer token auth when Token is set, HTTP Basic otherwise.
func NewClient(s transport.Settings, cfg Config) (*Client, error) {
	return ansible.NewClient(s, ansible.Config{
		Platform: "AWX", BaseURL: cfg.BaseURL, APIPath: cfg.APIPath, DefaultAPIPath: "/api/v2/",
		Token: cfg.Token, Username: cfg.Username, Password: cfg.Password, InsecureSkipVerify: cfg.InsecureSkipVerify,
	})
}

// findPageSize is the page size of FindByName.
const findPageSize = ansible.FindPageSize
