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
"""

import argparse
import gzip
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
}


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's default backlog of 5 drops SYNs when many clients connect at once, and
    # each dropped SYN costs the client a 1 s retransmission.
    request_queue_size = 128
    ssl_context = None

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
    args = parser.parse_args()

    server = Server(("127.0.0.1", args.port), Handler)
    if args.tls:
        server.ssl_context = make_tls_context(args.cert_file)

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
