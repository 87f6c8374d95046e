# Terraform 1.12+ and OpenTofu 1.12+: import by the resource identity.
import {
  to = registrar_ltiaas_platform.canvas
  identity = {
    id = "0123456789abcdef0123456789abcdef"
  }
}
