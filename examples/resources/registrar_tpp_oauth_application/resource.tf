# An API integration for a CI pipeline that requests and revokes certificates.
resource "registrar_tpp_oauth_application" "ci" {
  application_id = "ci-pipeline"
  name           = "CI pipeline"
  vendor         = "Example Corp"
  description    = "Requests certificates for build agents"
  url            = "wiki.example.com/ci-pipeline" # free text: TPP does not require a scheme

  # Scopes are separated by ';', restrictions follow ':' and are separated by ','.
  scope         = "certificate:manage"
  maximum_scope = "certificate:manage,revoke;configuration"

  # Optional: TPP's system defaults apply when these are not set.
  access_validity = 3600    # seconds a token is valid
  grant_validity  = 7776000 # seconds a grant is valid (90 days)
  renewable       = true

  # Optional: seconds an unused grant lives. When not set, the value TPP holds
  # (for example one set in the TPP console) is kept and sent back on every update.
  unused_expiration = 2592000 # 30 days
}

# Tokens for the integration are obtained with a user's credentials and the
# application id as client_id: there is no client secret.
output "ci_client_id" {
  value = registrar_tpp_oauth_application.ci.application_id
}
