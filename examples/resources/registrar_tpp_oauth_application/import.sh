# Import an application by its application id (the "Client ID" on TPP's API
# Integrations page). access_validity, grant_validity, renewable and unused_expiration
# are read from TPP; a TPP version that does not return them leaves them null after the
# import: set them in the configuration.
terraform import registrar_tpp_oauth_application.ci ci-pipeline
