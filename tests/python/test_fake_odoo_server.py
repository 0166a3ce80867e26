"""HTTP behaviour of the fake server: keep-alive, framing, routing, test hooks, shutdown."""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import pytest

import fake_odoo

VERSION_CALL = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
    "service": "common", "method": "version", "args": []}})


def test_keep_alive_and_content_length(odoo16):
    connection = http.client.HTTPConnection("127.0.0.1", odoo16.port, timeout=5)
    sockets = set()
    for path, body in (("/jsonrpc", VERSION_CALL), ("/web/version", None),
                       ("/no/such/page", None), ("/jsonrpc", "{broken")):
        connection.request("POST" if body else "GET", path, body=body)
        response = connection.getresponse()
        payload = response.read()
        sockets.add(id(connection.sock))
        assert response.version == 11 and not response.will_close
        assert int(response.getheader("Content-Length")) == len(payload)
    assert len(sockets) == 1
    connection.request("GET", "/web/version", headers={"Connection": "close"})
    response = connection.getresponse()
    response.read()
    assert response.will_close
    connection.close()


def test_chunked_request_body(odoo16):
    with socket.create_connection(("127.0.0.1", odoo16.port), timeout=5) as sock:
        body = VERSION_CALL.encode()
        chunks = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (body[:10], body[10:]))
        sock.sendall(b"POST /jsonrpc HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                     b"Connection: close\r\n\r\n" + chunks + b"0\r\n\r\n")
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    head, _, payload = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and json.loads(payload)["result"]["server_serie"]


def test_unknown_routes_and_methods(odoo16):
    missing = odoo16.request("GET", "/web/nothing")
    assert missing.status == 404 and missing.content_type == "text/html; charset=utf-8"
    assert b"404 Not Found" in missing.body
    for path in ("/jsonrpc", "/xmlrpc/2/common", "/web/dataset/call_kw"):
        assert odoo16.request("GET", path).status == 405
    assert odoo16.request("POST", "/web/version").status == 405


def test_stats_count_requests_and_calls(odoo16):
    odoo16.execute_kw("res.partner", "create", [{"name": "Counted"}])
    odoo16.execute_kw("res.partner", "search_count", [[]])
    odoo16.json2("res.partner", "create", {"vals_list": [{"name": "Counted too"}]})
    odoo16.xmlrpc("common").version()
    stats = odoo16.stats()
    assert stats["requests"] == {"/jsonrpc": 2, "/json/2/res.partner/create": 1,
                                 "/xmlrpc/2/common": 1}
    assert stats["calls"] == {"res.partner.create": 2, "res.partner.search_count": 1}
    assert stats["total"] == 4
    odoo16.reset()
    assert odoo16.stats() == {"requests": {}, "calls": {}, "total": 0}


def test_fail_next_injects_statuses_and_delays(odoo16):
    armed = odoo16.post_json("/__test__/fail_next", {"count": 2, "status": 503})
    assert armed.json() == {"count": 2, "status": 503, "delay_ms": 0}
    first, second = (odoo16.request("POST", "/jsonrpc", VERSION_CALL) for _ in range(2))
    assert (first.status, second.status) == (503, 503)
    assert odoo16.request("POST", "/jsonrpc", VERSION_CALL).status == 200
    odoo16.post_json("/__test__/fail_next", {"count": 1, "delay_ms": 300})
    started = time.monotonic()
    assert odoo16.request("POST", "/jsonrpc", VERSION_CALL).status == 200
    assert time.monotonic() - started >= 0.3
    assert odoo16.post_json("/__test__/fail_next", {"status": "x"}).status == 400
    assert odoo16.request("GET", "/__test__/reset").status == 405
    assert odoo16.stats()["requests"] == {"/jsonrpc": 4}


def test_concurrent_clients(odoo16):
    results, errors = [], []

    def client(index):
        try:
            created = odoo16.execute_kw("crm.lead", "create", [{"name": f"Lead {index}"}])
            results.append(created["result"])
        except Exception as exc:  # collected and reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=client, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(set(results)) == 8
    assert odoo16.stats()["calls"] == {"crm.lead.create": 8}


def test_cli_port_file_and_clean_sigterm():
    handle, port_file = tempfile.mkstemp()
    os.close(handle)
    script = os.path.join(os.path.dirname(sys.modules["fake_odoo"].__file__), "..",
                          "fake_odoo.py")
    process = subprocess.Popen(["/usr/bin/python3", script, "--port", "0", "--port-file",
                                port_file, "--version", "19"])
    try:
        deadline = time.monotonic() + 10
        while not open(port_file, encoding="ascii").read().strip():
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.02)
        port = int(open(port_file, encoding="ascii").read())
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", "/web/version")
        assert json.loads(connection.getresponse().read())["version"] == "19.0"
        connection.close()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.remove(port_file)


def test_bad_version_is_refused():
    result = subprocess.run(["/usr/bin/python3", os.path.join(
        os.path.dirname(sys.modules["fake_odoo"].__file__), "..", "fake_odoo.py"),
        "--version", "17"], capture_output=True, text=True, timeout=10)
    assert result.returncode == 2 and "invalid choice: 17" in result.stderr


@pytest.mark.parametrize("key", [fake_odoo.ADMIN_API_KEY, fake_odoo.DEMO_API_KEY])
def test_api_keys_are_forty_lowercase_hex_digits(key):
    assert len(key) == 40 and all(char in "0123456789abcdef" for char in key)
