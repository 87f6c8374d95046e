# By the pair that identifies a registration: the platform's issuer and client id.
data "registrar_ltiaas_platform" "canvas" {
  url       = "https://canvas.instructure.com"
  client_id = "10000000000001"
}

# Or by platform id.
data "registrar_ltiaas_platform" "by_id" {
  id = "0123456789abcdef0123456789abcdef"
}

output "canvas_platform_id" {
  value = data.registrar_ltiaas_platform.canvas.id
}

output "canvas_tool_public_key" {
  value = data.registrar_ltiaas_platform.canvas.public_key
}
