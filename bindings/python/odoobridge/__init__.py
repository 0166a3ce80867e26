"""odoobridge: Odoo (XML-RPC, JSON-RPC, web session, JSON-2) from Python, over the C++ SDK.

    from odoobridge.odoo import Client, F

    with Client(url="https://erp.example.kz", db="prod", username="agent@example.kz",
                api_key=os.environ["ODOO_API_KEY"]) as client:
        deals = client.model("estate.property").search_read(
            (F("state") == "deposit") & (F("price") >= 30_000_000),
            fields=["name", "price"], limit=20)

This module holds the exception hierarchy shared by every service; `odoobridge.odoo` holds
the Odoo client, models, domains and Odoo's server errors; `odoobridge.models` the typed
records (EstateProperty, ResPartner, CrmLead, AccountMove ...) and their helpers. Every
exception odoobridge raises derives from `odoobridge.Error` and carries `message` and
`endpoint` (the URL called, without credentials); messages never contain passwords, API keys
or session ids.
"""

from ._native import (
    CancelledError,
    ConfigurationError,
    ConnectionError,
    DecodeError,
    Error,
    MalformedResponseError,
    ProtocolError,
    ResponseTooLargeError,
    ServerError,
    TimeoutError,
    TlsError,
    TransportError,
    UnexpectedResponseError,
    __version__,
)

__all__ = [
    "CancelledError",
    "ConfigurationError",
    "ConnectionError",
    "DecodeError",
    "Error",
    "MalformedResponseError",
    "ProtocolError",
    "ResponseTooLargeError",
    "ServerError",
    "TimeoutError",
    "TlsError",
    "TransportError",
    "UnexpectedResponseError",
    "__version__",
    "models",
    "odoo",
]

from . import models, odoo  # noqa: E402  (after the errors they build on)
