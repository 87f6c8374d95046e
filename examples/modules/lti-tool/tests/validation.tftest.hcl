# Plan-time checks of the module's variables. Nothing reaches a platform: a
# variable that fails validation stops the run before the provider is called.

variables {
  name        = "Acme Quiz"
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
  automation = { organization = 1 }
}

run "launch_url_must_be_https" {
  command = plan
  variables { launch_url = "http://quiz.acme.example/lti/launch" }
  expect_failures = [var.launch_url]
}

run "application_type_is_an_enum" {
  command = plan
  variables { application_type = "game" }
  expect_failures = [var.application_type]
}

run "publisher_id_is_a_uuid" {
  command = plan
  variables { timeback_publisher_id = "acme" }
  expect_failures = [var.timeback_publisher_id]
}

run "release_is_a_label" {
  command = plan
  variables { release = "v 2" }
  expect_failures = [var.release]
}

run "lms_endpoints_must_be_https" {
  command = plan
  variables {
    lms = {
      url                     = "https://canvas.example.edu"
      client_id               = "10000000000001"
      name                    = "Example Canvas"
      authentication_endpoint = "https://canvas.example.edu/api/lti/authorize_redirect"
      access_token_endpoint   = "ftp://canvas.example.edu/token"
      jwks_url                = "https://canvas.example.edu/api/lti/security/jwks"
    }
  }
  expect_failures = [var.lms]
}

run "organization_is_a_positive_id" {
  command = plan
  variables { automation = { organization = 0 } }
  expect_failures = [var.automation]
}
