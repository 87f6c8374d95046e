# A confidential application for a web portal (authorization-code flow).
resource "registrar_awx_oauth_application" "portal" {
  name                     = "self-service-portal"
  description              = "Portal that launches job templates for its users"
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "authorization-code"
  redirect_uris = [
    "https://portal.example.com/oauth/callback",
    "https://portal-staging.example.com/oauth/callback",
  ]

  # Change this value to rotate the secret: the application is replaced and AWX
  # issues a new client id and secret.
  rotate_when_changed = {
    rotation = "2026-q4"
  }
}

# A public client (no secret), for a command-line tool using the password grant.
resource "registrar_awx_oauth_application" "cli" {
  name                     = "awx-cli"
  organization             = 1
  client_type              = "public"
  authorization_grant_type = "password"
}

# Hand the secret to another system without printing it.
output "portal_client_secret" {
  value     = registrar_awx_oauth_application.portal.client_secret
  sensitive = true
}
