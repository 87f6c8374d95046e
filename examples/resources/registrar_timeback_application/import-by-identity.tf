# Terraform 1.12+ and OpenTofu 1.12+: import by the resource identity.
import {
  to = registrar_timeback_application.quiz
  identity = {
    id = "123e4567-e89b-12d3-a456-426614174000"
  }
}
