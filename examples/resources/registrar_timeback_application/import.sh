# Import by applicationId. The client secret cannot be read back from Timeback, so
# it is null after the import; if you hold it, record it with client_secret_wo and
# client_secret_wo_version (Terraform 1.11+). This changes nothing on Timeback: the
# provider only checks the value at the application's token_url before recording it.
#
#   client_secret_wo         = var.quiz_client_secret
#   client_secret_wo_version = 1
terraform import registrar_timeback_application.quiz 123e4567-e89b-12d3-a456-426614174000
