"""A fake Odoo server for odoobridge's integration tests (stdlib only).

It answers like the real Odoo 16 / 19 servers recorded in ``tests/data/wire`` over the four
protocols odoobridge speaks: XML-RPC (``/xmlrpc/2/...``), JSON-RPC (``/jsonrpc``), the web
session (``/web/session/authenticate`` + ``/web/dataset/call_kw``) and JSON-2
(``/json/2/<model>/<method>``, Odoo 19), plus ``GET /web/version``, ``/doc-bearer``, and the
web client's ``GET /report/pdf/<report>/<ids>`` (invoice PDFs, with the web session cookie;
see report.py) and ``GET /web/login`` (where a request without a session is redirected).
Both ``--version 16`` and ``--version 19`` serve all four protocols; the version only changes
what Odoo itself changed between them (version strings, a few messages, the JSON-RPC error
code).

Start it with ``fake_odoo.py --port 0 --port-file F [--version 16|19]``.

Databases: ``testdb``; ``royaldb`` and ``o19db`` (the names used by the captures) are aliases
of the same in-memory store. ``db.list`` answers ``["testdb"]`` like the capture.

Credentials (also exported below):

=========  ==========  =====  ============================================
login      password    uid    API key (password on RPC/session, bearer on JSON-2)
=========  ==========  =====  ============================================
admin      admin       2      ``ADMIN_API_KEY``
demo       demo        6      ``DEMO_API_KEY`` (restricted: AccessError on
                              res.users changes, ir.config_parameter, res.country
                              changes)
=========  ==========  =====  ============================================

Test hooks (not part of Odoo): ``POST /__test__/reset`` reloads the seed data and clears
sessions and counters, ``POST /__test__/expire_sessions`` invalidates every web session,
``GET /__test__/stats`` returns request counts per path and ORM call counts per
``model.method``, ``POST /__test__/fail_next`` with ``{"count", "status", "delay_ms"}`` makes
the next requests fail with that HTTP status (or be delayed) to exercise client retries.

crm.lead has Odoo 16's pipeline methods and the lead-to-opportunity wizard (crm.py).

Data: the records of the Odoo 16 captures (partners, leads, invoices and their lines,
Royal Estate properties) plus what they imply (seed_data.py); fields_get answers are the
captured ones. ``estate.property`` has the Royal Estate schema in every database, so the
training-module captures ``estate_*``, ``error_required_field`` and
``error_validation_sql_constraint`` (which use ``expected_price``) have Royal Estate
equivalents here: a missing ``name``/``price`` gives the same "mandatory field" error and a
price <= 0 "The operation cannot be completed: The price must be strictly positive".
"""

ADMIN_LOGIN = "admin"
ADMIN_PASSWORD = "admin"
ADMIN_UID = 2
ADMIN_API_KEY = "a11ce0000000000000000000000000000000ad02"

DEMO_LOGIN = "demo"
DEMO_PASSWORD = "demo"
DEMO_UID = 6
DEMO_API_KEY = "de3000000000000000000000000000000000de06"

DATABASE = "testdb"
DATABASE_ALIASES = ("royaldb", "o19db")

__all__ = [
    "ADMIN_LOGIN", "ADMIN_PASSWORD", "ADMIN_UID", "ADMIN_API_KEY", "DEMO_LOGIN",
    "DEMO_PASSWORD", "DEMO_UID", "DEMO_API_KEY", "DATABASE", "DATABASE_ALIASES"
]
