"""A fake Bitrix24 portal for odoobridge tests (stdlib only).

It answers the REST API the way tests/data/wire/vendors.md describes it:

* incoming webhook ``/rest/<user>/<code>/<method>[.json]`` and OAuth ``/rest/<method>`` with
  ``auth=<access token>`` (query, JSON body or form body), JSON or PHP-style form parameters;
* envelopes ``{"result", "total"?, "next"?, "time"}`` and ``{"error", "error_description"}``
  with the documented HTTP statuses;
* the leaky bucket (burst 50, drain 2/s: HTTP 503 QUERY_LIMIT_EXCEEDED), per-method operating
  time over a sliding 10 minutes (HTTP 429 OPERATION_TIME_LIMIT until ``operating_reset_at``),
  ``batch`` (at most 50 commands, ``$result[...]`` references, ``halt``, per-command errors);
* the OAuth token endpoint ``/oauth/token/`` (``refresh_token`` and ``authorization_code``);
* ``user.get/add/update``, ``tasks.task.add/list``, ``calendar.event.add/get``,
  ``im.notify.system.add/personal.add``, ``crm.item.add/list/update``.

``--time-scale S`` makes time run S times faster for the limits (drain S times faster, the
operating window S times shorter) so throttle tests finish in seconds; the default is real
time with the documented numbers. Test hooks live under ``/__test__/`` (see hooks.py).
"""

WEBHOOK_USER = "1"
WEBHOOK_CODE = "s3cr3tc0de4test"
CLIENT_ID = "local.test0app.000001"
CLIENT_SECRET = "client-secret-for-tests"
ACCESS_TOKEN = "initial-access-token"
REFRESH_TOKEN = "initial-refresh-token"
AUTH_CODE = "test-authorization-code"
MEMBER_ID = "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4"
PAGE_SIZE = 50
MAX_BATCH = 50
