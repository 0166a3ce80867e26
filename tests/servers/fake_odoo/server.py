"""The HTTP/1.1 server: keep-alive, Content-Length on every answer, one thread per connection."""

import sys
import traceback
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

from background_server import BackgroundHTTPServer

from . import routes
from .web import Request, text_response



def _read_chunked(stream):
    body = bytearray()
    while True:
        size = int(stream.readline().split(b";")[0].strip() or b"0", 16)
        if size == 0:
            while stream.readline() not in (b"\r\n", b"\n", b""):
                pass
            return bytes(body)
        body += stream.read(size)
        stream.readline()


def _cookies(header):
    jar = SimpleCookie()
    try:
        jar.load(header or "")
    except CookieError:
        return {}
    return {name: morsel.value for name, morsel in jar.items()}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-odoo"
    sys_version = ""

    def _read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return _read_chunked(self.rfile)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _serve(self):
        try:
            body = self._read_body()
        except ValueError:
            self.close_connection = True
            self._send(text_response("Bad Request: unreadable request body "
                                     "(check Content-Length / chunked encoding)", 400))
            return
        request = Request(self.command, urlsplit(self.path).path, self.headers, body,
                          _cookies(self.headers.get("Cookie")))
        try:
            response = routes.route(self.server.app, request)
        except Exception:  # a bug of the fake must not kill the connection thread
            response = text_response("Internal error of the fake Odoo server:\n"
                                     + traceback.format_exc(), 500, "text/plain; charset=utf-8")
        self._send(response)

    def _send(self, response):
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _serve

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write(f"fake_odoo: {self.address_string()} {fmt % args}\n")


class FakeOdooServer(BackgroundHTTPServer):
    """Serves ``app`` (Odoo's four protocols); ``start()`` runs it in a background thread."""

    def __init__(self, address, app, verbose=False):
        super().__init__(address, _Handler, "fake-odoo", verbose)
        self.app = app
