# Registers the tool for real against the registrar mock server (or, with other
# credentials in the environment, against real platforms): the provider reads
# CONTROLLER_HOST, LTIAAS_BASE_URL, TIMEBACK_BASE_URL and their credentials from
# the environment, as `registrar-mock -print-env` prints them. See README.md.

# Timeback names are unique across the platform and drafts cannot be deleted,
# so every `terraform test` uses a fresh release label, fixed for all its runs.
run "setup" {
  module {
    source = "./tests/setup"
  }
}

variables {
  name        = "Registrar module test"
  description = "Registered by the lti-tool module's tests."
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

run "registers_the_tool" {
  variables {
    release = run.setup.release
  }

  assert {
    condition     = output.timeback.name == "Registrar module test v${var.release}"
    error_message = "The Timeback name must be \"<name> v<release>\"."
  }
  assert {
    condition     = can(regex("^[0-9a-f-]{36}$", output.timeback.id)) && output.timeback.app_urn == "urn:uuid:${output.timeback.id}"
    error_message = "The Timeback application must have a UUID id and its URN."
  }
  assert {
    condition     = output.timeback.client_id != "" && can(regex("^https?://", output.timeback.token_url))
    error_message = "The Timeback client id and token URL must be known after apply."
  }
  assert {
    condition     = nonsensitive(length(output.timeback_client_secret) >= 20)
    error_message = "The Timeback client secret must be in state after the create."
  }
  assert {
    condition     = can(regex("^[0-9a-f]{32}$", output.lti_registration.platform_id)) && startswith(output.lti_registration.public_key, "-----BEGIN PUBLIC KEY-----")
    error_message = "The LTIaaS registration must have its id and the tool's public key."
  }
  assert {
    condition     = output.lti_registration.active && output.lti_registration.issuer == var.lms.url
    error_message = "The LTIaaS registration must be active, for the LMS's issuer."
  }
  assert {
    condition     = output.automation.client_id != "" && nonsensitive(length(output.automation_client_secret) >= 20)
    error_message = "The AWX application must have a client id and a secret."
  }
}

# The earlier run's outputs reach the assertions through variables: OpenTofu's
# `tofu test` accepts run.<name> references in variables blocks, not in conditions.
run "rotates_the_automation_secret" {
  variables {
    release    = run.setup.release
    automation = { organization = 1, rotation = "2026-q4" }
    # What the first run registered, for the assertions below.
    automation_client_id_before = run.registers_the_tool.automation.client_id
    timeback_id_before          = run.registers_the_tool.timeback.id
    platform_id_before          = run.registers_the_tool.lti_registration.platform_id
  }
  assert {
    condition     = output.automation.client_id != var.automation_client_id_before
    error_message = "A new rotation label must replace the AWX application (new client id and secret)."
  }
  assert {
    condition     = output.timeback.id == var.timeback_id_before && output.lti_registration.platform_id == var.platform_id_before
    error_message = "Rotating the AWX secret must leave the Timeback and LTIaaS registrations alone."
  }
}

run "deactivates_the_lms_and_drops_automation" {
  variables {
    release    = run.setup.release
    automation = null
    # Spelled out: OpenTofu does not resolve var.lms (the file's variables) here.
    lms = {
      url                     = "https://canvas.example.edu"
      client_id               = "10000000000001"
      name                    = "Example Canvas"
      authentication_endpoint = "https://canvas.example.edu/api/lti/authorize_redirect"
      access_token_endpoint   = "https://canvas.example.edu/login/oauth2/token"
      jwks_url                = "https://canvas.example.edu/api/lti/security/jwks"
      active                  = false
    }
    # The previous run checked that it kept the first run's registration. (Under
    # OpenTofu 1.12.6 run.registers_the_tool is unknown in this run.)
    registered_platform_id = run.rotates_the_automation_secret.lti_registration.platform_id
  }
  assert {
    condition     = output.automation == null && output.automation_client_secret == null
    error_message = "Without var.automation the module must register no AWX application."
  }
  assert {
    condition     = !output.lti_registration.active && output.lti_registration.platform_id == var.registered_platform_id
    error_message = "active = false must deactivate the same LTIaaS registration in place."
  }
}
