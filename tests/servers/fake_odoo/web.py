"""HTTP request/response values and the non-JSON pages Odoo and werkzeug answer with."""

import json
from dataclasses import dataclass, field

HTML = "text/html; charset=utf-8"
JSON = "application/json; charset=utf-8"
XML = "text/xml; charset=utf-8"

NOT_FOUND_PAGE = (
    "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
    "<p>The requested URL was not found on the server. If you entered the URL manually please "
    "check your spelling and try again.</p>\n")
METHOD_NOT_ALLOWED_PAGE = (
    "<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n"
    "<h1>Method Not Allowed</h1>\n<p>The method is not allowed for the requested URL.</p>\n")


@dataclass
class Request:
    """One HTTP request; ``headers`` is case-insensitive (an email.message.Message)."""

    method: str
    path: str
    headers: object
    body: bytes
    cookies: dict

    def header(self, name, default=None):
        return self.headers.get(name, default)


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str
    headers: dict = field(default_factory=dict)


def json_response(value, status=200, headers=None):
    """JSON encoded like Odoo: UTF-8 without \\u escapes, ", " and ": " separators."""
    body = json.dumps(value, ensure_ascii=False).encode("utf-8")
    return Response(status, body, JSON, dict(headers or {}))


def text_response(text, status, content_type=HTML):
    return Response(status, text.encode("utf-8"), content_type)


def parse_json_object(body):
    """The JSON object in ``body``, or None when it is not valid JSON or not an object."""
    try:
        value = json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None
