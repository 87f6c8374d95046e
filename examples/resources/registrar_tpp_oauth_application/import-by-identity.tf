# Terraform 1.12+ and OpenTofu 1.12+: import by the resource identity.
import {
  to = registrar_tpp_oauth_application.ci
  identity = {
    application_id = "ci-pipeline"
  }
}
