provider "registrar" {
  timeback {
    # base_url defaults to https://platform.timeback.com (production).
    # Staging: https://platform.dev.timeback.com; sandbox: https://sandbox.platform.timeback.com
    client_id     = var.timeback_client_id
    client_secret = var.timeback_client_secret
  }
}

variable "timeback_client_id" {
  type = string
}

variable "timeback_client_secret" {
  type      = string
  sensitive = true
}

resource "registrar_timeback_application" "quiz" {
  # Names are unique across the whole Timeback platform. Changing any argument
  # replaces the application, and the old draft stays on Timeback with its name:
  # change the name too (for example with a version suffix) when you replace it.
  name             = "Acme Quiz v1"
  description      = "Adaptive quizzes for grades 3 to 8."
  launch_url       = "https://quiz.acme.example/lti/launch"
  application_type = "learning_app"

  # Required only when your account belongs to several publishers; the error
  # then lists their ids.
  # publisher_id = "123e4567-e89b-12d3-a456-426614174000"
}

output "quiz_client_id" {
  value = registrar_timeback_application.quiz.client_id
}

output "quiz_client_secret" {
  value     = registrar_timeback_application.quiz.client_secret
  sensitive = true
}
