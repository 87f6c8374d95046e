output "registered" {
  description = "What the demo registered (no secrets)."
  value = {
    awx_portal = { id = registrar_awx_oauth_application.portal.id, client_id = registrar_awx_oauth_application.portal.client_id }
    awx_cli    = { id = registrar_awx_oauth_application.cli.id, client_id = registrar_awx_oauth_application.cli.client_id }
  }
}

output "portal_client_secret" {
  description = "The portal's client secret: sensitive, so Terraform prints <sensitive>. Read it with `terraform output -raw portal_client_secret`."
  value       = registrar_awx_oauth_application.portal.client_secret
  sensitive   = true
}
