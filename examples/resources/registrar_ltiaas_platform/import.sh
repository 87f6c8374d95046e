# Import a platform registration by its LTIaaS platform id (32 hexadecimal characters).
# Find the id in the LTIaaS portal, or with the registrar_ltiaas_platform data source
# (by url and client_id).
terraform import registrar_ltiaas_platform.canvas 0123456789abcdef0123456789abcdef
