"""Odoo: the client, untyped models, search domains and Odoo's server errors.

    from odoobridge.odoo import Client, F, AccessError

    with Client(url=url, db="prod", username="admin", password=password) as client:
        print(client.version().version, client.uid, client.protocol)
        leads = client.model("crm.lead")
        for lead in leads.stream(F("active"), batch=200, fields=["name", "stage_id"]):
            ...
        try:
            client.model("res.users").write([2], {"name": "x"})
        except AccessError as error:
            print(error.model, error.method, error.server_message)

Values go in as dict, list, tuple, str, int, float, bool, None, datetime.date,
datetime.datetime (sent as naive UTC), bytes (sent as base64) and Domain; results come back
as Odoo sends them (empty fields are False, dates are strings).
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, Union

from . import _native

Client = _native.Client
Model = _native.Model
Stream = _native.Stream
ServerVersion = _native.ServerVersion
Domain = _native.Domain
Many2one = _native.Many2one
X2many = _native.X2many
Command = _native.Command
Field = _native.Field
F = _native.Field
"""F("price") >= 30_000_000: the start of a domain condition (an alias of Field)."""

#: What odoobridge sends: JSON-like values plus dates, datetimes (naive values are UTC),
#: bytes (sent as base64) and domains.
Value = Union[None, bool, int, float, str, bytes, bytearray, datetime.date, datetime.datetime,
              Domain, Sequence[Any], Mapping[str, Any]]
#: A domain argument: a Domain, a Field (the field is true), a raw prefix list, or None.
DomainLike = Union[Domain, Field, Sequence[Any], None]
#: Record ids: one id or several.
Ids = Union[int, Iterable[int]]
#: The protocol names Client(protocol=...) takes.
Protocol = Literal["auto", "automatic", "xmlrpc", "jsonrpc", "session", "json2"]

ServerError = _native.OdooServerError
AuthenticationError = _native.AuthenticationError
AccessError = _native.AccessError
SessionExpiredError = _native.SessionExpiredError
UserError = _native.UserError
ValidationError = _native.ValidationError
MissingError = _native.MissingError
SchemaMismatchError = _native.SchemaMismatchError

__all__ = [
    "AccessError",
    "AuthenticationError",
    "Client",
    "Command",
    "Domain",
    "DomainLike",
    "F",
    "Field",
    "Ids",
    "Many2one",
    "MissingError",
    "Model",
    "Protocol",
    "SchemaMismatchError",
    "ServerError",
    "ServerVersion",
    "SessionExpiredError",
    "Stream",
    "UserError",
    "ValidationError",
    "Value",
    "X2many",
]
