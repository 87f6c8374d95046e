terraform {
  # client_secret_wo (restoring a secret after an import) needs Terraform 1.11.
  required_version = ">= 1.11"

  required_providers {
    registrar = {
      source  = "registrar-dev/registrar"
      version = "~> 0.1"
    }
  }
}
