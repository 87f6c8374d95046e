# Configure only the platforms you use; each block can also come from environment
# variables (shown in the comments), which is how CI pipelines usually pass credentials.
provider "registrar" {
  max_retries            = 6  # retries of a failed request (creates are never resent blindly)
  retry_min_wait_seconds = 1  # first backoff step; each later wait doubles
  retry_max_wait_seconds = 30 # cap on backoff and on a server's Retry-After
  requests_per_second    = 0  # client-side limit per platform; 0 = none

  awx {
    base_url = "https://awx.example.com" # CONTROLLER_HOST
    token    = var.awx_token             # CONTROLLER_OAUTH_TOKEN
  }

  ltiaas {
    base_url = "https://your.ltiaas.com" # LTIAAS_BASE_URL
    api_key  = var.ltiaas_api_key        # LTIAAS_API_KEY
  }

  tpp {
    base_url  = "https://tpp.example.com" # VENAFI_URL
    username  = "registrar"               # VENAFI_USER
    password  = var.tpp_password          # VENAFI_PASS
    client_id = "registrar-admin"         # VENAFI_CLIENT_ID
  }

  timeback {
    token = var.timeback_token # TIMEBACK_TOKEN; base_url defaults to https://platform.timeback.com
  }

  cronofy {
    admin_api_key = var.cronofy_admin_api_key # CRONOFY_ADMIN_API_KEY
    data_center   = "de"                      # CRONOFY_DATA_CENTER
  }
}

variable "awx_token" {
  type      = string
  sensitive = true
}

variable "ltiaas_api_key" {
  type      = string
  sensitive = true
}

variable "tpp_password" {
  type      = string
  sensitive = true
}

variable "timeback_token" {
  type      = string
  sensitive = true
}

variable "cronofy_admin_api_key" {
  type      = string
  sensitive = true
}
