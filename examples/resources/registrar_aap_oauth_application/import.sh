# Import an application by its numeric gateway id. The client secret is not part of
# the id and stays null in state; restore it with client_secret_wo (see above).
terraform import registrar_aap_oauth_application.portal 42
