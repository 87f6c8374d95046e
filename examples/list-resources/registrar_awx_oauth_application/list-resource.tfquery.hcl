# terraform query (Terraform 1.14+) finds existing applications; with
# -generate-config-out=generated.tf it writes a resource and an import block for each.
list "registrar_awx_oauth_application" "engineering" {
  provider         = registrar
  include_resource = true

  config {
    organization = 2 # optional; name = "..." picks one application
  }
}
