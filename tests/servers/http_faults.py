#!/usr/bin/python3
"""Loopback HTTP/1.1 server with well-behaved and faulty routes, for the transport tests.

Usage: http_faults.py --port 0 --port-file FILE [--tls [--cert-file PEM]]

Listens on 127.0.0.1 only, writes the bound port to FILE once it accepts connections, and
exits cleanly on SIGTERM. Connections are kept alive (HTTP/1.1) unless a route closes them.
With --tls it serves HTTPS with a self-signed certificate for 127.0.0.1 made at start with
the openssl command-line tool (Debian package `openssl`); --cert-file also writes that
certificate to PEM so a client can trust it as its CA file.

Routes (any method; the query string configures them):
  /ok                   echo method, path, query, headers, body (JSON) and the connection id
  /conn-id              {"conn": id}, the id being unique per TCP connection
  /gzip?items=N         JSON list of N items, gzip-encoded when the client accepts gzip
  /html502, /html200    an HTML page with status 502 or 200
  /status?code=N        a JSON body with status N
  /set-cookie           200 with Set-Cookie and two X-Multi headers
  /many-headers?count=N&size=S  200 with N extra headers of S bytes each
  /interim              an unsolicited "100 Continue" (with its own header) before the answer
  /truncated            Content-Length 1000, sends 10 bytes, closes the connection
  /big?bytes=N[&chunked=1]  N bytes, with Content-Length or chunked without a length
  /stall?seconds=S      waits S seconds, then answers like /ok
  /drip?chunks=N&interval=S  a chunked body, one chunk every S seconds
  /redirect-same        302 to /ok?from=redirect
  /redirect-other       302 to http://other.invalid/landing?token=...
  /redirect-loop        302 to itself
  /redirect?status=N&location=URL  redirect with status N to URL
  /close                closes the connection without answering
  /reset                resets the connection (TCP RST) without answering

Fault injection in front of another server (tests of whole clients):
  --upstream URL        requests for paths none of the routes above serves are forwarded to
                        URL (an http:// server, e.g. a fake Odoo), answers relayed back
  --rewrite FROM=TO     (repeatable) replaces FROM by TO in forwarded request bodies and
                        header values, so a client can use a distinctive secret that the
                        upstream knows by another value
  POST /__faults__/arm  arms a rule, a JSON object (or {"rules": [...]}):
        path (prefix, required), method, body (substring of the request body): what matches;
        skip (default 0): matching requests passed through before the fault applies;
        times (default -1 = every later match): how many matches get the fault;
        fault: reset_mid_body | truncated | bad_utf8 (the upstream answers first, then its
               answer is cut by a TCP RST, cut by a close, or gets bytes 0xFF 0xFE inserted
               after the first `marker`, default the first '"' of JSON or '>' of XML),
               drip (200, then one body byte every `interval` s for `seconds` s),
               stall (waits `seconds`, then forwards), html502 (nginx's 502 page),
               status (HTTP `status` with an HTML body and, when given, a `retry_after`
               header value), oversize (200 JSON of `bytes` bytes), close (no answer),
               echo (HTTP `status`, default 500, an HTML page quoting the request: `quote`
               "request" (default), "headers" or "body")
  POST /__faults__/reset  drops every rule and zeroes the counters
  GET  /__faults__/stats  {"requests": {"METHOD /path": n}, "rules": [{"matched": n,
                        "faulted": n}], "handed_out": [secrets the upstream handed out:
                        Set-Cookie values, access_token / refresh_token / session_id members]}
"""

import argparse
import gzip
import http.client
import http.server
import itertools
import json
import os
import shutil
import signal
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

_connection_ids = itertools.count(1)
_connection_ids_lock = threading.Lock()

REDIRECT_OTHER_LOCATION = "http://other.invalid/landing?token=redirect-secret-5150"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "http_faults/1"
    timeout = 60  # an idle keep-alive connection is dropped after a minute
    # Headers and body go out in separate writes; with Nagle's algorithm the body would wait
    # for the client's delayed ACK (40 ms per request).
    disable_nagle_algorithm = True

    def setup(self):
        super().setup()
        with _connection_ids_lock:
            self.conn_id = next(_connection_ids)

    def log_message(self, format, *args):  # noqa: A002 - quiet: tests read their own output
        pass

    def do_GET(self):
        self.dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_HEAD = do_GET

    # -- helpers -------------------------------------------------------------------------

    def dispatch(self):
        split = urllib.parse.urlsplit(self.path)
        self.route = split.path
        self.query = urllib.parse.parse_qs(split.query)
        self.raw_query = split.query
        length = int(self.headers.get("Content-Length") or 0)
        self.body = self.rfile.read(length) if length else b""
        handler = ROUTES.get(self.route)
        if not self.route.startswith(FAULTS_PREFIX):
            rule = FAULTS.record(self.command, self.route, self.body)
            if rule is not None or (handler is None and self.server.upstream):
                try:
                    fault_or_forward(self, rule)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True
                return
        if handler is None:
            self.answer(404, json.dumps({"error": "no route " + self.route}).encode())
            return
        try:
            handler(self)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (timeout, size cap)

    def param(self, name, default, convert=str):
        values = self.query.get(name)
        return convert(values[0]) if values else default

    def answer(self, status, body, content_type="application/json", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def start_chunked(self, content_type="application/octet-stream"):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

    def chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def echo(self):
        return {
            "method": self.command,
            "path": self.route,
            "query": self.raw_query,
            "headers": {name.lower(): value for name, value in self.headers.items()},
            "body": self.body.decode("utf-8", "replace") if len(self.body) <= 65536 else None,
            "body_length": len(self.body),
            "conn": self.conn_id,
        }

    # -- routes --------------------------------------------------------------------------

    def route_ok(self):
        self.answer(200, json.dumps(self.echo()).encode())

    def route_conn_id(self):
        self.answer(200, json.dumps({"conn": self.conn_id}).encode())

    def route_gzip(self):
        items = self.param("items", 200, int)
        payload = json.dumps({"compressed": True, "items": list(range(items))}).encode()
        accepted = self.headers.get("Accept-Encoding") or ""
        if "gzip" in accepted:
            self.answer(200, gzip.compress(payload), headers=[("Content-Encoding", "gzip")])
        else:
            self.answer(200, payload)

    def route_html502(self):
        page = b"<html><head><title>502 Bad Gateway</title></head>" \
               b"<body><h1>502 Bad Gateway</h1><hr>nginx</body></html>"
        self.answer(502, page, content_type="text/html")

    def route_html200(self):
        page = b"<!DOCTYPE html><html><body><h1>Odoo</h1><p>Login</p></body></html>"
        self.answer(200, page, content_type="text/html; charset=utf-8")

    def route_status(self):
        code = self.param("code", 200, int)
        self.answer(code, json.dumps({"status": code}).encode())

    def route_set_cookie(self):
        self.answer(200, b"{}", headers=[
            ("Set-Cookie", "session_id=server-session-secret-8086; HttpOnly; Path=/"),
            ("X-Multi", "first"),
            ("X-Multi", "second"),
        ])

    def route_many_headers(self):
        count = self.param("count", 10, int)
        value = "h" * self.param("size", 100, int)
        self.answer(200, b"{}", headers=[("X-Filler-%d" % i, value) for i in range(count)])

    def route_interim(self):
        self.wfile.write(b"HTTP/1.1 100 Continue\r\nX-Interim: yes\r\n\r\n")
        self.wfile.flush()
        self.answer(200, b'{"final": true}', headers=[("X-Final", "yes")])

    def route_truncated(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self.wfile.write(b'{"partial"')
        self.wfile.flush()
        self.close_connection = True

    def route_big(self):
        size = self.param("bytes", 1024, int)
        block = b"x" * 65536
        if self.param("chunked", "0") == "1":
            self.start_chunked()
            remaining = size
            while remaining > 0:
                self.chunk(block[:min(remaining, len(block))])
                remaining -= min(remaining, len(block))
            self.wfile.write(b"0\r\n\r\n")
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        if self.command == "HEAD":
            return
        remaining = size
        while remaining > 0:
            self.wfile.write(block[:min(remaining, len(block))])
            remaining -= min(remaining, len(block))

    def route_stall(self):
        time.sleep(self.param("seconds", 1.0, float))
        self.route_ok()

    def route_drip(self):
        chunks = self.param("chunks", 10, int)
        interval = self.param("interval", 0.1, float)
        self.start_chunked()
        for _ in range(chunks):
            time.sleep(interval)
            self.chunk(b"drip\n")
        self.wfile.write(b"0\r\n\r\n")

    def redirect(self, status, location):
        self.answer(status, b"redirecting", content_type="text/plain",
                    headers=[("Location", location)])

    def route_redirect_same(self):
        self.redirect(302, "/ok?from=redirect")

    def route_redirect_other(self):
        self.redirect(302, REDIRECT_OTHER_LOCATION)

    def route_redirect_loop(self):
        self.redirect(302, "/redirect-loop")

    def route_redirect(self):
        self.redirect(self.param("status", 302, int), self.param("location", "/ok"))

    def route_close(self):
        self.close_connection = True

    def route_reset(self):
        # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
        # Closing here, before the server's usual shutdown(SHUT_WR) sends a FIN, makes the
        # kernel drop the connection with RST once the handler's files are closed.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True


# -- fault injection in front of an upstream server (--upstream, /__faults__/...) ------------

FAULTS_PREFIX = "/__faults__/"
# Not forwarded: they describe one hop, or would let the upstream compress its answer.
_HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length", "te",
                "upgrade", "proxy-connection", "accept-encoding", "trailer"}
_HANDED_OUT_KEYS = ("access_token", "refresh_token", "session_id")
_FAULTS_WITH_UPSTREAM_ANSWER = ("reset_mid_body", "truncated", "bad_utf8")


class FaultRules:
    """Armed rules, per-path request counters and the secrets the upstream handed out."""

    def __init__(self):
        self._lock = threading.Lock()
        self._rules = []
        self._requests = {}
        self._handed_out = []

    def reset(self):
        with self._lock:
            self._rules = []
            self._requests = {}
            self._handed_out = []

    def arm(self, rule):
        if not isinstance(rule, dict) or not isinstance(rule.get("path"), str):
            raise ValueError("a rule is a JSON object with at least a 'path' prefix")
        rule = dict(rule, matched=0, faulted=0)
        rule.setdefault("skip", 0)
        rule.setdefault("times", -1)
        with self._lock:
            self._rules.append(rule)

    def record(self, method, path, body):
        """Counts the request; returns the rule whose fault it gets, or None."""
        with self._lock:
            key = method + " " + path
            self._requests[key] = self._requests.get(key, 0) + 1
            for rule in self._rules:
                if not path.startswith(rule["path"]):
                    continue
                if rule.get("method") not in (None, method):
                    continue
                if rule.get("body") and rule["body"].encode() not in body:
                    continue
                rule["matched"] += 1
                if rule["matched"] <= rule["skip"]:
                    return None
                if rule["times"] >= 0 and rule["faulted"] >= rule["times"]:
                    return None
                rule["faulted"] += 1
                return dict(rule)
            return None

    def remember_handed_out(self, headers, body):
        found = []
        for name, value in headers:
            if name.lower() == "set-cookie":
                cookie = value.split(";", 1)[0]
                if "=" in cookie and cookie.split("=", 1)[1]:
                    found.append(cookie.split("=", 1)[1])
        try:
            _collect_members(json.loads(body), found)
        except ValueError:
            pass
        with self._lock:
            self._handed_out.extend(value for value in found if value not in self._handed_out)

    def stats(self):
        with self._lock:
            return {"requests": dict(self._requests),
                    "rules": [{"path": rule["path"], "fault": rule.get("fault"),
                               "matched": rule["matched"], "faulted": rule["faulted"]}
                              for rule in self._rules],
                    "handed_out": list(self._handed_out)}


def _collect_members(value, found):
    if isinstance(value, dict):
        for key, member in value.items():
            if key in _HANDED_OUT_KEYS and isinstance(member, str) and member:
                found.append(member)
            else:
                _collect_members(member, found)
    elif isinstance(value, list):
        for member in value:
            _collect_members(member, found)


FAULTS = FaultRules()


def forward(handler):
    """Sends the request to the upstream server; returns (status, headers, body)."""
    upstream = handler.server.upstream
    body = handler.body
    headers = {}
    for name, value in handler.headers.items():
        if name.lower() in _HOP_HEADERS:
            continue
        for old, new in handler.server.rewrites:
            value = value.replace(old, new)
        headers[name] = value
    for old, new in handler.server.rewrites:
        body = body.replace(old.encode(), new.encode())
    if body or handler.command in ("POST", "PUT", "PATCH"):
        headers["Content-Length"] = str(len(body))
    connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=60)
    try:
        connection.request(handler.command, handler.path, body=body, headers=headers)
        answer = connection.getresponse()
        data = answer.read()
        relayed = [(name, value) for name, value in answer.getheaders()
                   if name.lower() not in _HOP_HEADERS]
        FAULTS.remember_handed_out(relayed, data)
        return answer.status, relayed, data
    finally:
        connection.close()


def send_head(handler, status, headers, length):
    handler.send_response(status)
    for name, value in headers:
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(length))
    handler.end_headers()


def reset_connection(handler):
    handler.wfile.flush()
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()
    handler.close_connection = True


def with_bad_utf8(body, marker):
    if not marker:
        marker = ">" if body.lstrip().startswith(b"<") else '"'
    at = body.find(marker.encode())
    at = 0 if at < 0 else at + len(marker.encode())
    return body[:at] + b"\xff\xfe" + body[at:]


def echo_page(handler, quote):
    """An error page quoting the request, credentials and all, as some proxies write:
    `quote` is "request" (request line, headers, body), "headers" or "body"."""
    line = ("%s %s\r\n" % (handler.command, handler.path)).encode()
    head = "".join("%s: %s\r\n" % item for item in handler.headers.items()).encode()
    parts = {"request": line + head + b"\r\n" + handler.body, "headers": head,
             "body": handler.body}[quote]
    return b"<pre>" + parts + b"</pre>"


def fault_or_forward(handler, rule):
    """Answers `handler`'s request with `rule`'s fault, or relays the upstream's answer."""
    fault = rule and rule.get("fault")
    if not handler.server.upstream and (fault is None or fault in _FAULTS_WITH_UPSTREAM_ANSWER
                                        or fault == "stall"):
        handler.answer(502, json.dumps({"error": "no --upstream to forward to"}).encode())
        return
    if fault == "html502":
        handler.route_html502()
    elif fault == "status":
        status = int(rule.get("status", 503))
        page = ("<html><body><h1>%d</h1>try again later</body></html>" % status).encode()
        extra = [("Retry-After", str(rule["retry_after"]))] if "retry_after" in rule else []
        handler.answer(status, page, content_type="text/html", headers=extra)
    elif fault == "oversize":
        size = int(rule.get("bytes", 1 << 20))
        handler.answer(200, b'{"result": "' + b"x" * max(size - 14, 0) + b'"}')
    elif fault == "drip":
        handler.start_chunked("application/json")
        deadline = time.monotonic() + float(rule.get("seconds", 30))
        while time.monotonic() < deadline:
            handler.chunk(b" ")
            time.sleep(float(rule.get("interval", 0.2)))
        handler.close_connection = True
    elif fault == "close":
        handler.close_connection = True
    elif fault == "echo":
        page = echo_page(handler, rule.get("quote", "request"))
        handler.answer(int(rule.get("status", 500)), page, content_type="text/html")
    else:
        if fault == "stall":
            time.sleep(float(rule.get("seconds", 5)))
        status, headers, body = forward(handler)
        if fault == "bad_utf8":
            body = with_bad_utf8(body, rule.get("marker"))
        send_head(handler, status, headers, len(body))
        if fault in ("reset_mid_body", "truncated"):
            handler.wfile.write(body[:len(body) // 2])
            if fault == "reset_mid_body":
                reset_connection(handler)
            else:
                handler.close_connection = True
            return
        if handler.command != "HEAD":
            handler.wfile.write(body)


def route_faults_arm(handler):
    try:
        request = json.loads(handler.body or b"{}")
        for rule in request["rules"] if "rules" in request else [request]:
            FAULTS.arm(rule)
    except (ValueError, KeyError, TypeError) as error:
        handler.answer(400, json.dumps({"error": str(error)}).encode())
        return
    handler.answer(200, json.dumps(FAULTS.stats()).encode())


def route_faults_reset(handler):
    FAULTS.reset()
    handler.answer(200, b"{}")


def route_faults_stats(handler):
    handler.answer(200, json.dumps(FAULTS.stats()).encode())


ROUTES = {
    "/ok": Handler.route_ok,
    "/conn-id": Handler.route_conn_id,
    "/gzip": Handler.route_gzip,
    "/html502": Handler.route_html502,
    "/html200": Handler.route_html200,
    "/status": Handler.route_status,
    "/set-cookie": Handler.route_set_cookie,
    "/many-headers": Handler.route_many_headers,
    "/interim": Handler.route_interim,
    "/truncated": Handler.route_truncated,
    "/big": Handler.route_big,
    "/stall": Handler.route_stall,
    "/drip": Handler.route_drip,
    "/redirect-same": Handler.route_redirect_same,
    "/redirect-other": Handler.route_redirect_other,
    "/redirect-loop": Handler.route_redirect_loop,
    "/redirect": Handler.route_redirect,
    "/close": Handler.route_close,
    "/reset": Handler.route_reset,
    FAULTS_PREFIX + "arm": route_faults_arm,
    FAULTS_PREFIX + "reset": route_faults_reset,
    FAULTS_PREFIX + "stats": route_faults_stats,
}


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's default backlog of 5 drops SYNs when many clients connect at once, and
    # each dropped SYN costs the client a 1 s retransmission.
    request_queue_size = 128
    ssl_context = None
    upstream = None  # urllib.parse.SplitResult of --upstream, or None
    rewrites = ()  # (from, to) pairs of --rewrite

    def finish_request(self, request, client_address):
        if self.ssl_context is None:
            super().finish_request(request, client_address)
            return
        # The handshake runs on the connection's own thread so a slow client never blocks
        # accept(); a client that rejects our certificate just ends its connection.
        request.settimeout(30)
        try:
            tls = self.ssl_context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return
        try:
            super().finish_request(tls, client_address)
        finally:
            tls.close()

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLError, TimeoutError)):
            return  # clients that time out or abort are part of the tests
        super().handle_error(request, client_address)


def make_tls_context(cert_copy):
    openssl = shutil.which("openssl")
    if openssl is None:
        sys.exit("http_faults.py --tls needs the openssl command-line tool: "
                 "apt-get install openssl")
    workdir = tempfile.mkdtemp(prefix="http_faults-")
    cert = os.path.join(workdir, "cert.pem")
    key = os.path.join(workdir, "key.pem")
    try:
        subprocess.run(
            [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
             "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
            check=True, capture_output=True)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        if cert_copy:
            shutil.copyfile(cert, cert_copy)
    except subprocess.CalledProcessError as error:
        sys.exit("openssl could not make a test certificate: " + error.stderr.decode())
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return context


def exit_when_orphaned(parent):
    """Stops the server when the test process that started it died without stopping it."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGTERM)


def write_port(path, port):
    temporary = path + ".tmp"
    with open(temporary, "w") as out:
        out.write("%d\n" % port)
    os.replace(temporary, path)  # readers never see a half-written number


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--tls", action="store_true", help="serve HTTPS with a self-signed cert")
    parser.add_argument("--cert-file", help="with --tls: also write the certificate here")
    parser.add_argument("--upstream", help="forward unknown paths to this http:// server")
    parser.add_argument("--rewrite", action="append", default=[], metavar="FROM=TO",
                        help="replace FROM by TO in forwarded request bodies and headers")
    args = parser.parse_args()
    if args.upstream and not args.upstream.startswith("http://"):
        parser.error("--upstream must be an http:// URL, got " + args.upstream)
    if any("=" not in rewrite for rewrite in args.rewrite):
        parser.error("--rewrite takes FROM=TO")

    server = Server(("127.0.0.1", args.port), Handler)
    if args.tls:
        server.ssl_context = make_tls_context(args.cert_file)
    if args.upstream:
        server.upstream = urllib.parse.urlsplit(args.upstream)
    server.rewrites = tuple(tuple(rewrite.split("=", 1)) for rewrite in args.rewrite)

    def stop(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    threading.Thread(target=exit_when_orphaned, args=(os.getppid(),), daemon=True).start()
    write_port(args.port_file, server.server_address[1])
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
