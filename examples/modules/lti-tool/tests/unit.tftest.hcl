# Unit tests of the module's wiring with Terraform's mock_provider: no server and
# no credentials at all. The provider's schema still comes from the provider binary.

mock_provider "registrar" {}

variables {
  name        = "  Acme Quiz "
  release     = "7"
  description = "Adaptive quizzes for grades 3 to 8."
  launch_url  = "https://quiz.acme.example/lti/launch"
  lms = {
    url                     = "https://canvas.example.edu"
    client_id               = "10000000000001"
    name                    = "Example Canvas"
    authentication_endpoint = "https://canvas.example.edu/api/lti/authorize_redirect"
    access_token_endpoint   = "https://canvas.example.edu/login/oauth2/token"
    jwks_url                = "https://canvas.example.edu/api/lti/security/jwks"
  }
}

run "wires_the_inputs" {
  command = plan
  assert {
    condition     = registrar_timeback_application.this.name == "Acme Quiz v7"
    error_message = "The Timeback name must be the trimmed name with the release suffix."
  }
  assert {
    condition     = registrar_ltiaas_platform.lms.auth_config.method == "JWK_SET" && registrar_ltiaas_platform.lms.auth_config.key == var.lms.jwks_url
    error_message = "LTIaaS must verify the LMS through its key set URL."
  }
  assert {
    condition     = length(registrar_awx_oauth_application.automation) == 0
    error_message = "No AWX application without var.automation."
  }
}

run "automation_is_a_confidential_client" {
  command = plan
  variables { automation = { organization = 3 } }
  assert {
    condition = (
      registrar_awx_oauth_application.automation[0].client_type == "confidential" &&
      registrar_awx_oauth_application.automation[0].organization == 3 &&
      registrar_awx_oauth_application.automation[0].name == "Acme Quiz automation"
    )
    error_message = "The AWX application must be confidential, in the given organization, named after the tool."
  }
}
