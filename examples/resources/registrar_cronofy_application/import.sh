# Import by client id, in the provider's data center (cronofy.data_center) ...
terraform import registrar_cronofy_application.scheduler 4bKq9sWmZ2RrT7yXc1LdE8pVnH3fJ6uA

# ... or name the data center: au, ca, de, sg, uk or us.
terraform import registrar_cronofy_application.scheduler_de de/Qe7Lp2ZsM9xKc4VbN1RtY8wHj3GdU6fA

# Nothing is verified (Cronofy has no read API). The client secret is not part of
# the id and stays null; restore it with client_secret_wo (see above).
