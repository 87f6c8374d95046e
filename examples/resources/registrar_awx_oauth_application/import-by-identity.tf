# Terraform 1.12+ and OpenTofu 1.12+: import by the resource identity.
import {
  to = registrar_awx_oauth_application.portal
  identity = {
    id = "42"
  }
}
