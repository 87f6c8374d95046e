variable "name" {
  description = "The tool's name. Timeback names are unique across the whole platform, so include your organisation (for example \"Acme Quiz\")."
  type        = string

  validation {
    condition     = length(trimspace(var.name)) >= 3 && length(var.name) <= 200
    error_message = "name must be 3 to 200 characters (Timeback allows 256; the module appends \" v<release>\")."
  }
}

variable "release" {
  description = "A version label appended to the Timeback name (\"<name> v<release>\"). Timeback cannot delete a draft, and a replaced draft keeps its name, so bump this whenever a change replaces the Timeback application."
  type        = string
  default     = "1"

  validation {
    condition     = can(regex("^[0-9A-Za-z][0-9A-Za-z.-]{0,31}$", var.release))
    error_message = "release must be 1 to 32 letters, digits, dots or dashes, starting with a letter or digit."
  }
}

variable "description" {
  description = "What the tool does, shown on Timeback (1 to 1024 characters)."
  type        = string

  validation {
    condition     = length(var.description) >= 1 && length(var.description) <= 1024
    error_message = "description must be 1 to 1024 characters."
  }
}

variable "launch_url" {
  description = "The tool's LTI 1.3 launch URL (https)."
  type        = string

  validation {
    condition     = can(regex("^https://[^/\\s]+(/\\S*)?$", var.launch_url)) && length(var.launch_url) <= 512
    error_message = "launch_url must be an absolute https URL of at most 512 characters."
  }
}

variable "application_type" {
  description = "The Timeback application type: learning_app, assessment or internal."
  type        = string
  default     = "learning_app"

  validation {
    condition     = contains(["learning_app", "assessment", "internal"], var.application_type)
    error_message = "application_type must be one of learning_app, assessment or internal."
  }
}

variable "timeback_publisher_id" {
  description = "The Timeback publisher (UUID). Leave null unless your account belongs to several publishers."
  type        = string
  default     = null

  validation {
    condition     = var.timeback_publisher_id == null || can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", var.timeback_publisher_id))
    error_message = "timeback_publisher_id must be a UUID such as 123e4567-e89b-12d3-a456-426614174000."
  }
}

variable "lms" {
  description = <<-EOT
    The LMS (LTI 1.3 platform) the tool is installed in, registered on LTIaaS:
    issuer `url`, the `client_id` the LMS issued to the tool, a display `name`, its
    `authentication_endpoint`, `access_token_endpoint` and `jwks_url` (all https).
    Set `active = false` to register it before the LMS side is ready.
  EOT
  type = object({
    url                     = string
    client_id               = string
    name                    = string
    authentication_endpoint = string
    access_token_endpoint   = string
    jwks_url                = string
    active                  = optional(bool, true)
  })

  validation {
    condition = alltrue([
      for u in [var.lms.url, var.lms.authentication_endpoint, var.lms.access_token_endpoint, var.lms.jwks_url] :
      can(regex("^https://[^/\\s]+(/\\S*)?$", u))
    ])
    error_message = "lms.url, lms.authentication_endpoint, lms.access_token_endpoint and lms.jwks_url must be absolute https URLs."
  }

  validation {
    condition     = length(trimspace(var.lms.client_id)) > 0 && length(trimspace(var.lms.name)) > 0
    error_message = "lms.client_id and lms.name must not be empty."
  }
}

variable "automation" {
  description = <<-EOT
    The AWX OAuth application the tool's automation uses (a confidential client with
    the password grant): the AWX `organization` id and an optional `rotation` label
    (change it to rotate the client secret). Null: register no AWX application.
  EOT
  type = object({
    organization = number
    rotation     = optional(string, "initial")
  })
  default = null

  validation {
    condition     = var.automation == null || try(var.automation.organization >= 1 && floor(var.automation.organization) == var.automation.organization, false)
    error_message = "automation.organization must be a positive whole number (an AWX organization id)."
  }
}
