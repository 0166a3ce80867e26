"""HTTP/1.1 side of the fake RosDomofon server: routing, token checks, Spring envelopes, test
hooks. Keep-alive with Content-Length on every answer; one thread per connection."""

import json
import sys
import time
import traceback
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qsl, unquote, urlsplit

from background_server import BackgroundHTTPServer

from . import api
from .store import ApiError

API_PREFIX = "/abonents-service/api/v1"
TOKEN_PATH = "/authserver-service/oauth/token"
RECORDED_HEADERS = ("Content-Type", "Accept")


def _match(pattern, path):
    """Path parameters when ``path`` matches ``pattern`` ('/a/{id}/b'), else None."""
    want, got = pattern.strip("/").split("/"), path.strip("/").split("/")
    if len(want) != len(got):
        return None
    params = {}
    for expected, actual in zip(want, got):
        if expected.startswith("{"):
            params[expected[1:-1]] = unquote(actual)
        elif expected != actual:
            return None
    return params


def spring_error(status, message, path):
    return {"timestamp": time.strftime("%Y-%m-%dT%H:%M:%S.000+00:00", time.gmtime()),
            "status": status, "error": HTTPStatus(status).phrase, "message": message,
            "path": path}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-rosdomofon"
    sys_version = ""
    disable_nagle_algorithm = True

    def _serve(self):
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length > 0 else b""
        try:
            status, body = self._route(split.path, dict(parse_qsl(split.query)), raw)
        except Exception:  # a bug of the fake must not kill the connection thread
            status, body = 500, ("Internal error of the fake RosDomofon server:\n"
                                 + traceback.format_exc())
        self._answer(status, body)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve

    def _answer(self, status, body):
        if body is None:
            payload, content_type = b"", None
        elif isinstance(body, str):
            payload, content_type = body.encode(), "text/html; charset=utf-8"
        else:
            payload, content_type = json.dumps(body, ensure_ascii=False).encode(), \
                "application/json"
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _route(self, path, query, raw):
        store = self.server.store
        if path.startswith("/__test__/"):
            return self._hook(path[len("/__test__/"):], raw)
        injected = store.take_failure(path)
        if injected is not None:
            return injected, f"<html><body><h1>{injected} injected failure</h1></body></html>"
        if path == TOKEN_PATH:
            return self._token(raw)
        if not path.startswith(API_PREFIX + "/"):
            return 404, spring_error(404, "No message available", path)
        return self._api(path, path[len(API_PREFIX):], query, raw)

    def _token(self, raw):
        if self.command != "POST":
            return 405, spring_error(405, f"Request method '{self.command}' not supported",
                                     TOKEN_PATH)
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip()
        if content_type != "application/x-www-form-urlencoded":
            return 415, spring_error(415, f"Content type '{content_type}' not supported",
                                     TOKEN_PATH)
        form = dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
        try:
            return 200, self.server.store.issue_token(form)
        except ApiError as error:
            code, description = error.message
            return error.status, {"error": code, "error_description": description}

    def _api(self, full_path, path, query, raw):
        store = self.server.store
        with store.lock:
            store.requests.append({
                "method": self.command, "path": path, "query": query,
                "headers": {n: self.headers.get(n) for n in RECORDED_HEADERS
                            if self.headers.get(n)},
                "body": raw.decode("utf-8", "replace")})
        refusal = store.check_token(self.headers.get("Authorization"))
        if refusal is not None:
            return 401, refusal
        methods = set()
        for method, pattern, operation in api.ROUTES:
            params = _match(pattern, path)
            if params is None:
                continue
            methods.add(method)
            if method != self.command:
                continue
            with store.lock:
                key = f"{method} {pattern}"
                store.calls[key] = store.calls.get(key, 0) + 1
                try:
                    body = json.loads(raw) if raw else None
                except ValueError:
                    return 400, spring_error(400, "JSON parse error: malformed request body",
                                             full_path)
                try:
                    return operation(store, params, query, body)
                except ApiError as error:
                    return error.status, spring_error(error.status, error.message, full_path)
        if methods:
            return 405, spring_error(405, f"Request method '{self.command}' not supported",
                                     full_path)
        return 404, spring_error(404, "No message available", full_path)

    def _hook(self, name, raw):
        store = self.server.store
        body = json.loads(raw) if raw else {}
        if name == "reset":
            store.reset()
            return 200, {"ok": True}
        if name == "stats":
            return 200, store.stats()
        if name == "requests":
            with store.lock:
                return 200, list(store.requests)
        if name == "expire_tokens":
            store.expire_tokens()
            return 200, {"ok": True}
        if name == "token_ttl":
            with store.lock:
                store.token_ttl = int(body["seconds"])
            return 200, {"ok": True}
        if name == "fail_next":
            with store.lock:
                store.failures.append({"status": int(body.get("status", 503)),
                                       "count": int(body.get("count", 1)),
                                       "path": body.get("path")})
            return 200, {"ok": True}
        return 404, {"error": f"no test hook {name}"}

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write(f"fake_rosdomofon: {self.address_string()} {fmt % args}\n")


class FakeRosDomofonServer(BackgroundHTTPServer):
    """Serves the REST API over ``store``; ``start()`` runs it in a background thread."""

    def __init__(self, address, store, verbose=False):
        super().__init__(address, Handler, "fake-rosdomofon", verbose)
        self.store = store
