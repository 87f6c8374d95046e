# Terraform 1.12+ and OpenTofu 1.12+: import by the resource identity.
import {
  to = registrar_cronofy_application.scheduler
  identity = {
    data_center = "de"
    client_id   = "Qe7Lp2ZsM9xKc4VbN1RtY8wHj3GdU6fA"
  }
}
