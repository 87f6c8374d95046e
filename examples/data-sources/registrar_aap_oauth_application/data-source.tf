# By name within an organization...
data "registrar_aap_oauth_application" "portal" {
  name         = "self-service-portal"
  organization = 1
}

# ...or by id.
data "registrar_aap_oauth_application" "by_id" {
  id = "42"
}

output "portal_client_id" {
  value = data.registrar_aap_oauth_application.portal.client_id
}
