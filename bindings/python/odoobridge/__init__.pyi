"""Type stubs of odoobridge: the exception hierarchy shared by every service."""

from . import models as models
from . import odoo as odoo

__version__: str

class Error(Exception):
    """Root of every exception odoobridge raises."""

    message: str
    endpoint: str

class ConfigurationError(Error):
    """Options or arguments that cannot work, detected before any request."""

class CancelledError(Error):
    """The call was cancelled while it ran (Ctrl-C raises KeyboardInterrupt instead)."""

class TransportError(Error):
    """No complete HTTP answer was received."""

class ConnectionError(TransportError):
    """Connection refused or reset, host not found, or a refused redirect."""

class TimeoutError(TransportError):
    """The connect timeout or the total timeout expired."""

class TlsError(TransportError):
    """The TLS handshake or certificate verification failed."""

class ResponseTooLargeError(TransportError):
    """The answer's body exceeded max_response_bytes."""

class ProtocolError(Error):
    """An HTTP answer that is not what the protocol expects."""

    http_status: int

class UnexpectedResponseError(ProtocolError):
    """Wrong HTTP status or content type: an HTML error page, a proxy's 502 ..."""

class MalformedResponseError(ProtocolError):
    """The body is not well-formed JSON or XML."""

class DecodeError(ProtocolError):
    """A value in the answer does not fit the typed record's field."""

    model: str
    record_id: int | None
    record_index: int | None
    field: str
    expected: str
    received: str

class ServerError(Error):
    """The remote service understood the request and refused it."""

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
