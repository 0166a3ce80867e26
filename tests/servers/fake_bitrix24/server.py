"""HTTP/1.1 plumbing: keep-alive, Content-Length on every answer, one thread per connection."""

import json
import socket
import sys
import time
import traceback
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

from background_server import BackgroundHTTPServer

from . import hooks, oauth, php

_NOT_FOUND = b"<html><body><h1>404 Not Found</h1></body></html>"


def split_rest_path(path):
    """(method, webhook (user, code) or None) for /rest/... paths, else None."""
    parts = [part for part in path.split("/") if part]
    if len(parts) < 2 or parts[0] != "rest":
        return None
    webhook = None
    if len(parts) == 4 and parts[1].isdigit():
        webhook = (parts[1], parts[2])
        method = parts[3]
    elif len(parts) == 2:
        method = parts[1]
    else:
        return None
    method = method.lower()
    if method.endswith(".json"):
        method = method[:-5]
    return method, webhook


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-bitrix24"
    sys_version = ""

    def setup(self):
        super().setup()
        # Headers and body go out in two writes; without this, Nagle's algorithm and the
        # client's delayed ACK hold every answer back ~40 ms.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _params(self, query, body):
        params = php.parse(query)
        if not body:
            return params
        if "json" in (self.headers.get("Content-Type") or "").lower():
            decoded = json.loads(body.decode("utf-8"))
            if not isinstance(decoded, dict):
                raise ValueError("the JSON body must be an object")
            params.update(decoded)
        else:
            params.update(php.parse(body.decode("utf-8")))
        return params

    def _serve(self):
        app = self.server.app
        url = urlsplit(self.path)
        try:
            body = self._body()
            if url.path.startswith("/__test__/"):
                payload = json.loads(body.decode("utf-8")) if body else {}
                hook = hooks.HOOKS.get((self.command, url.path[len("/__test__/"):]))
                if hook is None:
                    return self._send(404, _NOT_FOUND, "text/html")
                with app.lock:
                    return self._json(*hook(app, payload))
            if url.path.rstrip("/") == "/oauth/token":
                delay = app.config["refresh_delay_ms"] / 1000.0
                time.sleep(delay)
                with app.lock:
                    host = self.headers.get("Host") or "127.0.0.1"
                    return self._json(*oauth.token(app, self._params(url.query, body), host))
            target = split_rest_path(url.path)
            if target is None:
                return self._send(404, _NOT_FOUND, "text/html")
            return self._rest(app, target, url.query, body)
        except (ValueError, UnicodeDecodeError) as error:
            return self._json(400, {"error": "INVALID_REQUEST",
                                    "error_description": f"Unreadable request: {error}"})
        except Exception:  # a bug of the fake must not kill the connection thread
            return self._send(500, traceback.format_exc().encode(), "text/plain")

    def _rest(self, app, target, query, body):
        with app.lock:
            plan = app.failures.pop(0) if app.failures else None
            if plan is not None:
                app.stats["requests"] += 1
                if plan["error"]:
                    app.count_error(plan["error"])
        if plan is not None:
            time.sleep(plan["delay_ms"] / 1000.0)
            if not plan["error"]:
                page = f"<html><body>HTTP {plan['status']}: injected failure</body></html>"
                return self._send(plan["status"], page.encode(), "text/html")
            return self._json(plan["status"], {"error": plan["error"],
                                               "error_description": plan["description"]})
        params = self._params(query, body)
        with app.lock:
            status, answer = app.handle_rest(target[0], params, target[1])
        return self._json(status, answer)

    def _json(self, status, payload):
        return self._send(status, json.dumps(payload).encode(), "application/json; charset=utf-8")

    def _send(self, status, body, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_POST = do_HEAD = _serve

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write(f"fake_bitrix24: {self.address_string()} {fmt % args}\n")


class FakeBitrix24Server(BackgroundHTTPServer):
    """Serves the fake portal ``app``; ``start()`` runs it in a background thread."""

    request_queue_size = 64

    def __init__(self, address, app, verbose=False):
        super().__init__(address, _Handler, "fake-bitrix24", verbose)
        self.app = app
