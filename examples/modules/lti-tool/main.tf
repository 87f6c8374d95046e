# One LTI 1.3 tool, registered where it lives:
#   - Timeback: the tool's draft application (OAuth client credentials for Timeback's APIs);
#   - LTIaaS:   the LMS the tool is installed in (the LTI 1.3 platform registration);
#   - AWX:      optionally, an OAuth application for the tool's automation.
#
# The module declares no provider block: the caller configures `registrar`
# (or its environment variables) for the three platforms.

locals {
  timeback_name = "${trimspace(var.name)} v${var.release}"
}

resource "registrar_timeback_application" "this" {
  name             = local.timeback_name
  description      = var.description
  launch_url       = var.launch_url
  application_type = var.application_type
  publisher_id     = var.timeback_publisher_id
}

resource "registrar_ltiaas_platform" "lms" {
  url                     = var.lms.url
  client_id               = var.lms.client_id
  name                    = var.lms.name
  authentication_endpoint = var.lms.authentication_endpoint
  access_token_endpoint   = var.lms.access_token_endpoint
  active                  = var.lms.active

  auth_config = {
    method = "JWK_SET"
    key    = var.lms.jwks_url
  }
}

resource "registrar_awx_oauth_application" "automation" {
  count = var.automation == null ? 0 : 1

  name                     = "${trimspace(var.name)} automation"
  description              = "Automation for ${trimspace(var.name)} (managed by Terraform)"
  organization             = var.automation.organization
  client_type              = "confidential"
  authorization_grant_type = "password"

  rotate_when_changed = {
    rotation = var.automation.rotation
  }
}
