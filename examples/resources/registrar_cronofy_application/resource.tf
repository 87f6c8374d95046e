# An application provisioned in the provider's data center (cronofy.data_center,
# default "us"). Cronofy returns the client secret once; it is kept in state.
resource "registrar_cronofy_application" "scheduler" {
  name = "Acme Scheduler"
  url  = "https://scheduler.acme.example" # the app's homepage, not a redirect URI
}

# The same application for European customers, in the German data center. The
# Admin API key must belong to that data center.
resource "registrar_cronofy_application" "scheduler_de" {
  name        = "Acme Scheduler"
  url         = "https://scheduler.acme.example"
  data_center = "de"
}

# Redirect URIs go through Cronofy's verification call, made after the create
# with the application's own secret; it also moves the application into
# production mode. Adding a URI or changing the contact calls it again in place;
# removing a URI replaces the application (Cronofy can only add them).
resource "registrar_cronofy_application" "scheduler_prod" {
  name                 = "Acme Scheduler (production)"
  url                  = "https://scheduler.acme.example"
  redirect_uris        = ["https://scheduler.acme.example/oauth/cronofy/callback"]
  contact_email        = "platform-team@acme.example"
  contact_display_name = "Acme platform team"
}

# Every other argument replaces: a new name provisions a second application, and the old
# one stays in Cronofy until you delete it in the dashboard (the plan warns).

output "scheduler_client_id" {
  value = registrar_cronofy_application.scheduler.client_id
}

# Hand the secret to another system without printing it.
output "scheduler_client_secret" {
  value     = registrar_cronofy_application.scheduler.client_secret
  sensitive = true
}
