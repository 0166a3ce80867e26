"""Fake RosDomofon REST server for odoobridge tests (stdlib only).

Serves the contract of tests/data/wire/vendors.md (RosDomofon section):

* ``POST /authserver-service/oauth/token`` — form ``grant_type=password&client_id=machine&
  username=…&password=…`` → ``{access_token, token_type, expires_in, scope, jti}``; Spring
  OAuth2 errors ``{"error": "invalid_grant", "error_description": "Bad credentials"}``.
* ``/abonents-service/api/v1/…`` with ``Authorization: Bearer`` — accounts, flats, entrance
  services, connections, block/unblock, messages and Spring pages of an abonent's messages.
  A missing, unknown or expired token gives 401 ``{"error": "invalid_token", …}``; other
  errors use Spring Boot's envelope ``{timestamp, status, error, message, path}``.

Test hooks (no token needed):

* ``POST /__test__/reset`` — seed data back, tokens dropped, counters zeroed, TTL restored.
* ``GET  /__test__/stats`` — ``{"token_requests": n, "calls": {"GET /accounts": n, …},
  "unauthorized": n}``.
* ``GET  /__test__/requests`` — the API requests received (method, path, query, headers
  subset, body), oldest first.
* ``POST /__test__/expire_tokens`` — every token issued so far becomes invalid.
* ``POST /__test__/token_ttl`` ``{"seconds": n}`` — ``expires_in`` of tokens issued next.
* ``POST /__test__/fail_next`` ``{"status": 503, "count": 1, "path": "/accounts"}`` — the
  next ``count`` API (or token, with path ``/oauth/token``) requests whose path ends with
  ``path`` (any when absent) get ``status`` with an HTML body.
"""

USERNAME = "operator"
PASSWORD = "operator-Pa55-secret"
DEFAULT_TOKEN_TTL = 3600
