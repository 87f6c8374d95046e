# JWK_SET: LTIaaS fetches the LMS's signing keys from its key set URL (the usual choice).
resource "registrar_ltiaas_platform" "canvas" {
  url                     = "https://canvas.instructure.com"
  client_id               = "10000000000001"
  name                    = "Canvas"
  authentication_endpoint = "https://sso.canvaslms.com/api/lti/authorize_redirect"
  access_token_endpoint   = "https://sso.canvaslms.com/login/oauth2/token"

  auth_config = {
    method = "JWK_SET"
    key    = "https://sso.canvaslms.com/api/lti/security/jwks"
  }
}

# JWK_KEY: one JSON Web Key (public members only), written with jsonencode.
resource "registrar_ltiaas_platform" "moodle" {
  url                     = "https://moodle.example.edu"
  client_id               = "aBcD1234eFgH"
  name                    = "Moodle"
  authentication_endpoint = "https://moodle.example.edu/mod/lti/auth.php"
  access_token_endpoint   = "https://moodle.example.edu/mod/lti/token.php"

  auth_config = {
    method = "JWK_KEY"
    key = jsonencode({
      kty = "RSA"
      alg = "RS256"
      use = "sig"
      e   = "AQAB"
      n   = "1eHvdPmUesGL5_p2VdJVkMlmXE1j_GLGPAV3zIuaeTJlmzRUDFguZbeObPwkd_KTRaCw_k_vabLffU_KqjinZK_r1r2Ccnko5w3s33XIlxbRb55Xde5kCZcaWG7HMM0rSCyGxZdeAfjy0lol73rJ8CR06R4O8zI6TCUnMpCAyR_qTeVixB58E0IyeMxZWyXyKyi9O5Qnpts25wKLO5-KF5pnzZrWXBaG_1Rj24Jkjw2cHsn9D_qTtsKaX3F6QSc-JOpR7xFcC-y9cCH3otnxYpiMCrG216q2BLFlKpBNtPvVBLXGnpD-y4pc_VwZCv5cntv9EQNnNw0l5QTDC8lEyQ"
    })
  }
}

# RSA_KEY: a PEM public key, here registered inactive until the LMS side is ready.
resource "registrar_ltiaas_platform" "brightspace" {
  url                     = "https://example.brightspace.com"
  client_id               = "3b9f1c2a-5d6e-4f70-8a91-b2c3d4e5f601"
  name                    = "Brightspace"
  authentication_endpoint = "https://example.brightspace.com/d2l/lti/authenticate"
  access_token_endpoint   = "https://auth.brightspace.com/core/connect/token"
  authorization_server    = "https://api.brightspace.com/auth/token"
  active                  = false

  auth_config = {
    method = "RSA_KEY"
    key    = <<-PEM
    -----BEGIN PUBLIC KEY-----
    MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA1eHvdPmUesGL5/p2VdJV
    kMlmXE1j/GLGPAV3zIuaeTJlmzRUDFguZbeObPwkd/KTRaCw/k/vabLffU/Kqjin
    ZK/r1r2Ccnko5w3s33XIlxbRb55Xde5kCZcaWG7HMM0rSCyGxZdeAfjy0lol73rJ
    8CR06R4O8zI6TCUnMpCAyR/qTeVixB58E0IyeMxZWyXyKyi9O5Qnpts25wKLO5+K
    F5pnzZrWXBaG/1Rj24Jkjw2cHsn9D/qTtsKaX3F6QSc+JOpR7xFcC+y9cCH3otnx
    YpiMCrG216q2BLFlKpBNtPvVBLXGnpD+y4pc/VwZCv5cntv9EQNnNw0l5QTDC8lE
    yQIDAQAB
    -----END PUBLIC KEY-----
    PEM
  }
}

# Give the LMS the tool's public key for each registration.
output "canvas_tool_public_key" {
  value = registrar_ltiaas_platform.canvas.public_key
}
