# A confidential application for a web portal (authorization-code flow) on the
# AAP 2.5+ platform gateway. The aap block's credentials must be a superuser's.
resource "registrar_aap_oauth_application" "portal" {
  name                     = "self-service-portal"
  description              = "Portal that launches job templates for its users"
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "authorization-code"
  redirect_uris            = ["https://portal.example.com/oauth/callback"]
  post_logout_redirect_uris = [
    "https://portal.example.com/signed-out",
  ]
  allowed_origins = ["https://portal.example.com"]
  app_url         = "https://portal.example.com"
  algorithm       = "RS256"
  pkce_required   = true

  # Change this value to rotate the secret: the application is replaced and the
  # gateway issues a new client id and secret.
  rotate_when_changed = {
    rotation = "2026-q4"
  }
}

# A public client (no secret), for a command-line tool using the password grant.
resource "registrar_aap_oauth_application" "cli" {
  name                     = "aap-cli"
  organization             = 1
  client_type              = "public"
  authorization_grant_type = "password"
}

# Hand the secret to another system without printing it.
output "portal_client_secret" {
  value     = registrar_aap_oauth_application.portal.client_secret
  sensitive = true
}
