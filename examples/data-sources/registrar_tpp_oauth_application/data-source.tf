# Look up an existing API integration by its application id.
data "registrar_tpp_oauth_application" "vcert" {
  application_id = "vcert-sdk"
}

output "vcert_maximum_scope" {
  value = data.registrar_tpp_oauth_application.vcert.maximum_scope
}
