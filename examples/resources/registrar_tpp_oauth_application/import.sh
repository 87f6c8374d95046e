# Import an application by its application id (the "Client ID" on TPP's API
# Integrations page). access_validity, grant_validity and renewable are null after the
# import when TPP does not return them: set them in the configuration.
terraform import registrar_tpp_oauth_application.ci ci-pipeline
