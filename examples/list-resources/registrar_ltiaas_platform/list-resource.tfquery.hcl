# terraform query (Terraform 1.14+) finds existing registrations; with
# -generate-config-out=generated.tf it writes a resource and an import block for each.
list "registrar_ltiaas_platform" "canvas" {
  provider         = registrar
  include_resource = true

  config {
    url = "https://canvas.instructure.com" # optional, and so is client_id
  }
}
