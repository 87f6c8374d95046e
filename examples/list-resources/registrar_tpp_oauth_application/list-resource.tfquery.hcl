# terraform query (Terraform 1.14+) finds every OAuth application; with
# -generate-config-out=generated.tf it writes a resource and an import block for each.
list "registrar_tpp_oauth_application" "all" {
  provider         = registrar
  include_resource = true
}
