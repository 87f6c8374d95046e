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

# An OAuth application on the AAP 2.5+ platform gateway (the aap block).
resource "registrar_aap_oauth_application" "portal" {
  name                     = "demo-gateway-portal"
  description              = "Portal on the AAP platform gateway (registered by the registrar demo)"
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "authorization-code"
  redirect_uris            = ["https://portal.example.com/oauth/callback"]
  app_url                  = "https://portal.example.com"
}

# An LTI 1.3 platform (an LMS) registered on LTIaaS; it has no secret.
resource "registrar_ltiaas_platform" "canvas" {
  url                     = "https://canvas.example.edu"
  client_id               = "10000000000001"
  name                    = "Demo Canvas"
  authentication_endpoint = "https://canvas.example.edu/api/lti/authorize_redirect"
  access_token_endpoint   = "https://canvas.example.edu/login/oauth2/token"
  auth_config = {
    method = "JWK_SET"
    key    = "https://canvas.example.edu/api/lti/security/jwks"
  }
}

# A Timeback draft application: the platform returns its client secret once.
# Timeback has no delete API, so destroy only forgets it (with a warning).
resource "registrar_timeback_application" "quiz" {
  name             = "Registrar demo quiz"
  description      = "Adaptive quizzes (registered by the registrar demo)"
  launch_url       = "https://quiz.example.com/lti/launch"
  application_type = "learning_app"
}

# A Cronofy application: the secret comes once; no read or delete API exists.
resource "registrar_cronofy_application" "scheduler" {
  name = "Registrar demo scheduler"
  url  = "https://scheduler.example.com"
}

# A Venafi TPP API integration (client id only: TPP issues no client secret).
resource "registrar_tpp_oauth_application" "ci" {
  application_id = "registrar-demo-ci"
  name           = "Registrar demo CI"
  vendor         = "Example Corp"
  description    = "Requests certificates for build agents"
  scope          = "certificate:manage"
  maximum_scope  = "certificate:manage,revoke;configuration"
}
