output "timeback" {
  description = "The Timeback application: ids, token URL and scopes (no secret)."
  value = {
    id        = registrar_timeback_application.this.id
    name      = registrar_timeback_application.this.name
    client_id = registrar_timeback_application.this.client_id
    token_url = registrar_timeback_application.this.token_url
    app_urn   = registrar_timeback_application.this.app_urn
    scopes    = registrar_timeback_application.this.scopes
  }
}

output "timeback_client_secret" {
  description = "The Timeback client secret. Timeback shows it only once: it lives in state, sensitive."
  value       = registrar_timeback_application.this.client_secret
  sensitive   = true
}

output "lti_registration" {
  description = "What the LMS administrator needs: the LTIaaS platform id and the tool's public key for this LMS (public, not secret)."
  value = {
    platform_id = registrar_ltiaas_platform.lms.id
    issuer      = registrar_ltiaas_platform.lms.url
    client_id   = registrar_ltiaas_platform.lms.client_id
    active      = registrar_ltiaas_platform.lms.active
    public_key  = registrar_ltiaas_platform.lms.public_key
    launch_url  = var.launch_url
  }
}

output "automation" {
  description = "The AWX OAuth application (id and client id), or null when var.automation is null."
  value = var.automation == null ? null : {
    id        = registrar_awx_oauth_application.automation[0].id
    client_id = registrar_awx_oauth_application.automation[0].client_id
  }
}

output "automation_client_secret" {
  description = "The AWX client secret (sensitive), or null when var.automation is null."
  value       = one(registrar_awx_oauth_application.automation[*].client_secret)
  sensitive   = true
}
