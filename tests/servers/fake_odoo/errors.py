"""Odoo's exception classes and how each protocol reports them.

Server code raises these classes (or plain Python exceptions, which Odoo reports as
``builtins.<Class>``); ``describe`` turns any exception into an ``ErrorInfo`` and the
``*_error`` functions render that info in each protocol's envelope, as the captures show:

* XML-RPC: fault 4 AccessError, 3 AccessDenied, 2 other UserError (message only), 1 anything
  else (faultString = traceback text ending in ``Class: message``).
* JSON-RPC: HTTP 200, ``error.code`` 200 (Odoo 16) or 0 (Odoo 19), 100 for an expired
  session, ``error.data`` = ``{name, debug, message, arguments, context}``.
* JSON-2: a real HTTP status and the bare ``{name, message, arguments, context, debug}``.
"""

import os
import traceback
from dataclasses import dataclass, field

_PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class OdooException(Exception):
    """Base of the Odoo exception classes; ``message`` is what Odoo reports."""

    odoo_name = "odoo.exceptions.UserError"
    fault_code = 1
    json2_status = 500

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self):
        return self.message


class UserError(OdooException):
    fault_code = 2
    json2_status = 422


class ValidationError(UserError):
    odoo_name = "odoo.exceptions.ValidationError"


class MissingError(UserError):
    odoo_name = "odoo.exceptions.MissingError"
    json2_status = 404


class AccessError(UserError):
    odoo_name = "odoo.exceptions.AccessError"
    fault_code = 4
    json2_status = 403


class AccessDenied(OdooException):
    odoo_name = "odoo.exceptions.AccessDenied"
    fault_code = 3
    json2_status = 403

    def __init__(self, message="Access Denied"):
        super().__init__(message)


class SessionExpired(OdooException):
    odoo_name = "odoo.http.SessionExpiredException"
    json2_status = 401

    def __init__(self, message="Session expired"):
        super().__init__(message)


class OperationalError(OdooException):
    """What psycopg2 raises when the database does not exist."""

    odoo_name = "psycopg2.OperationalError"

    @classmethod
    def unknown_database(cls, name):
        return cls(f'connection to server at "127.0.0.1", port 5432 failed: FATAL:  '
                   f'database "{name}" does not exist\n')


class HttpError(OdooException):
    """A werkzeug HTTP exception, as JSON-2 reports them (arguments carry the status)."""

    _TITLES = {400: "BadRequest", 401: "Unauthorized", 404: "NotFound",
               422: "UnprocessableEntity"}
    _PHRASES = {400: "Bad Request", 401: "Unauthorized", 404: "Not Found",
                422: "Unprocessable Entity"}

    def __init__(self, status, message):
        super().__init__(message)
        self.json2_status = status
        self.odoo_name = "werkzeug.exceptions." + self._TITLES[status]

    def final_line(self):
        phrase = self._PHRASES[self.json2_status]
        return f"{self.odoo_name}: {self.json2_status} {phrase}: {self.message}"


@dataclass
class ErrorInfo:
    """Everything the envelopes need to know about one failure."""

    name: str
    message: str
    arguments: list
    debug: str
    fault_code: int
    status: int
    headers: dict = field(default_factory=dict)


def _json_safe(value):
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_json_safe(item) for item in value]
    return str(value)


def _traceback_text(exc, final_line):
    frames = traceback.format_tb(exc.__traceback__) if exc.__traceback__ else []
    text = "".join(frames).replace(_PACKAGE_PARENT + os.sep, "")
    return f"Traceback (most recent call last):\n{text}{final_line}\n"


def describe(exc):
    """Return the ErrorInfo of any exception raised while serving a call."""
    if isinstance(exc, HttpError):
        return ErrorInfo(exc.odoo_name, exc.message, [exc.message, exc.json2_status],
                         _traceback_text(exc, exc.final_line()), 1, exc.json2_status)
    if isinstance(exc, OdooException):
        final = f"{exc.odoo_name}: {exc.message}"
        return ErrorInfo(exc.odoo_name, exc.message, [exc.message],
                         _traceback_text(exc, final), exc.fault_code, exc.json2_status)
    cls, module = type(exc).__name__, type(exc).__module__
    message = str(exc)
    shown = cls if module == "builtins" else f"{module}.{cls}"
    return ErrorInfo(f"{module}.{cls}", message, _json_safe(list(exc.args)),
                     _traceback_text(exc, f"{shown}: {message}"), 1, 500)


def xmlrpc_fault(info):
    """(faultCode, faultString) for an XML-RPC fault."""
    return info.fault_code, (info.debug if info.fault_code == 1 else info.message)


def jsonrpc_error(info, request_id, dialect):
    """The JSON-RPC error envelope (HTTP 200) of /jsonrpc and the /web routes."""
    if info.name == SessionExpired.odoo_name:
        code, title, request_id = 100, "Odoo Session Expired", None
    else:
        code, title = dialect.jsonrpc_error_code, "Odoo Server Error"
    if dialect.major >= 17:
        data = {"name": info.name, "message": info.message, "arguments": info.arguments,
                "context": {}, "debug": info.debug}
    else:
        data = {"name": info.name, "debug": info.debug, "message": info.message,
                "arguments": info.arguments, "context": {}}
    return {"jsonrpc": "2.0", "id": request_id,
            "error": {"code": code, "message": title, "data": data}}


def json2_error(info):
    """(status, body) of a JSON-2 error answer."""
    body = {"name": info.name, "message": info.message, "arguments": info.arguments,
            "context": {}, "debug": info.debug}
    return info.status, body
