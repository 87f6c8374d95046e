output "registered" {
  description = "What the demo registered (no secrets)."
  value = {
    awx_portal        = { id = registrar_awx_oauth_application.portal.id, client_id = registrar_awx_oauth_application.portal.client_id }
    awx_cli           = { id = registrar_awx_oauth_application.cli.id, client_id = registrar_awx_oauth_application.cli.client_id }
    ltiaas_canvas     = { id = registrar_ltiaas_platform.canvas.id, client_id = registrar_ltiaas_platform.canvas.client_id }
    timeback_quiz     = { id = registrar_timeback_application.quiz.id, client_id = registrar_timeback_application.quiz.client_id }
    tpp_ci            = { id = registrar_tpp_oauth_application.ci.id, client_id = registrar_tpp_oauth_application.ci.application_id }
    cronofy_scheduler = { id = registrar_cronofy_application.scheduler.id, client_id = registrar_cronofy_application.scheduler.client_id }
    aap_portal        = { id = registrar_aap_oauth_application.portal.id, client_id = registrar_aap_oauth_application.portal.client_id }
  }
}

output "portal_client_secret" {
  description = "The portal's client secret: sensitive, so Terraform prints <sensitive>. Read it with `terraform output -raw portal_client_secret`."
  value       = registrar_awx_oauth_application.portal.client_secret
  sensitive   = true
}

output "summary" {
  description = "A table of what was registered, for the demo's last screen (no secrets)."
  value = join("\n", concat(
    [format("%-40s %-37s %-41s %s", "RESOURCE", "ID", "CLIENT ID", "SECRET IN STATE")],
    [for r in [
      ["registrar_awx_oauth_application.portal", registrar_awx_oauth_application.portal.id, registrar_awx_oauth_application.portal.client_id, registrar_awx_oauth_application.portal.client_secret != null],
      ["registrar_awx_oauth_application.cli", registrar_awx_oauth_application.cli.id, registrar_awx_oauth_application.cli.client_id, registrar_awx_oauth_application.cli.client_secret != null],
      ["registrar_ltiaas_platform.canvas", registrar_ltiaas_platform.canvas.id, registrar_ltiaas_platform.canvas.client_id, false],
      ["registrar_tpp_oauth_application.ci", registrar_tpp_oauth_application.ci.id, registrar_tpp_oauth_application.ci.application_id, false],
      ["registrar_timeback_application.quiz", registrar_timeback_application.quiz.id, registrar_timeback_application.quiz.client_id, registrar_timeback_application.quiz.client_secret != null],
      ["registrar_cronofy_application.scheduler", registrar_cronofy_application.scheduler.id, registrar_cronofy_application.scheduler.client_id, registrar_cronofy_application.scheduler.client_secret != null],
      ["registrar_aap_oauth_application.portal", registrar_aap_oauth_application.portal.id, registrar_aap_oauth_application.portal.client_id, registrar_aap_oauth_application.portal.client_secret != null],
    ] : format("%-40s %-37s %-41s %s", trimprefix(r[0], "registrar_"), r[1], r[2], nonsensitive(r[3]) ? "yes (sensitive)" : "no (none issued)")]
  ))
}
