# The demo registers one object on each platform against the local mock server.
# `make demo` sets the provider's environment variables (CONTROLLER_HOST, ...) to the
# mock, so the provider block needs no settings here.
terraform {
  required_providers {
    registrar = {
      source  = "registrar-dev/registrar"
      version = "~> 0.1"
    }
  }
}

provider "registrar" {}

# A confidential application: AWX returns its client secret once, at creation.
resource "registrar_awx_oauth_application" "portal" {
  name                     = "demo-portal"
  description              = "Self-service portal (registered by the registrar demo)"
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "authorization-code"
  redirect_uris            = ["https://portal.example.com/oauth/callback"]
}

# A public application has no secret.
resource "registrar_awx_oauth_application" "cli" {
  name                     = "demo-cli"
  organization             = 1
  client_type              = "public"
  authorization_grant_type = "password"
}
