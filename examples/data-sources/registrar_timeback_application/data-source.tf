data "registrar_timeback_application" "quiz" {
  id = "123e4567-e89b-12d3-a456-426614174000"
}

output "quiz_token_url" {
  value = data.registrar_timeback_application.quiz.token_url
}

output "quiz_scopes" {
  value = data.registrar_timeback_application.quiz.scopes
}
