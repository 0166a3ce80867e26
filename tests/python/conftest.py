"""Fixtures for the fake Odoo server tests.

``odoo16`` / ``odoo19`` give a FakeOdoo handle on the real server script
(tests/servers/fake_odoo.py) running as a subprocess on a free loopback port, started once
per test session and reset to its seed data before each test. ``fake_app`` gives the same
server's state in-process for fast ORM and domain tests. ``wire`` loads the captures and
compares answers with them.
"""

import http.client
import json
import os
import subprocess
import sys
import tempfile
import time
import xmlrpc.client

import pytest

TESTS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVERS_DIR = os.path.join(TESTS_DIR, "servers")
WIRE_DIR = os.path.join(TESTS_DIR, "data", "wire")
PYTHON = "/usr/bin/python3"
START_TIMEOUT_S = 10.0

sys.path.insert(0, SERVERS_DIR)

import fake_odoo  # noqa: E402  (constants: API keys, logins)
from fake_odoo.app import App  # noqa: E402


class Answer:
    """One HTTP answer: status, headers (case-insensitive), body bytes."""

    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def content_type(self):
        return self.headers.get("Content-Type")

    def json(self):
        return json.loads(self.body.decode("utf-8"))


class FakeOdoo:
    """A running fake_odoo.py process and helpers to talk to it."""

    def __init__(self, version):
        self.version = version
        handle, self._port_file = tempfile.mkstemp(prefix="fake-odoo-port-")
        os.close(handle)
        self.process = subprocess.Popen(
            [PYTHON, os.path.join(SERVERS_DIR, "fake_odoo.py"), "--port", "0", "--port-file",
             self._port_file, "--version", str(version)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.port = self._wait_for_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def _wait_for_port(self):
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            with open(self._port_file, encoding="ascii") as handle:
                text = handle.read().strip()
            if text:
                return int(text)
            if self.process.poll() is not None:
                raise RuntimeError("fake_odoo.py exited at start: "
                                   + self.process.stderr.read().decode())
            time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"fake_odoo.py did not write its port within {START_TIMEOUT_S} s")

    def stop(self):
        """SIGTERM the server; returns its exit code."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stderr.close()
        if os.path.exists(self._port_file):
            os.remove(self._port_file)
        return self.process.returncode

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            payload = body.encode("utf-8") if isinstance(body, str) else body
            connection.request(method, path, body=payload, headers=headers or {})
            response = connection.getresponse()
            return Answer(response.status, response.headers, response.read())
        finally:
            connection.close()

    def post_json(self, path, payload, headers=None):
        all_headers = {"Content-Type": "application/json"}
        all_headers.update(headers or {})
        return self.request("POST", path, json.dumps(payload), all_headers)

    def jsonrpc(self, service, method, *args, request_id=1):
        """The parsed /jsonrpc envelope of service.method(*args)."""
        return self.post_json("/jsonrpc", {"jsonrpc": "2.0", "method": "call", "id": request_id,
                                           "params": {"service": service, "method": method,
                                                      "args": list(args)}}).json()

    def execute_kw(self, model, method, args, kwargs=None, uid=fake_odoo.ADMIN_UID,
                   password=fake_odoo.ADMIN_PASSWORD, db=fake_odoo.DATABASE):
        """The parsed /jsonrpc envelope of object.execute_kw."""
        call_args = [db, uid, password, model, method, args]
        if kwargs is not None:
            call_args.append(kwargs)
        return self.jsonrpc("object", "execute_kw", *call_args)

    def xmlrpc(self, service):
        return xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/{service}", allow_none=True)

    def json2(self, model, method, body, key=fake_odoo.ADMIN_API_KEY, headers=None):
        all_headers = {"Authorization": f"bearer {key}"} if key else {}
        all_headers.update(headers or {})
        return self.post_json(f"/json/2/{model}/{method}", body, all_headers)

    def reset(self):
        assert self.request("POST", "/__test__/reset").status == 200

    def stats(self):
        return self.request("GET", "/__test__/stats").json()


@pytest.fixture(scope="session")
def odoo16_server():
    server = FakeOdoo(16)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def odoo19_server():
    server = FakeOdoo(19)
    yield server
    server.stop()


@pytest.fixture
def odoo16(odoo16_server):
    odoo16_server.reset()
    return odoo16_server


@pytest.fixture
def odoo19(odoo19_server):
    odoo19_server.reset()
    return odoo19_server


@pytest.fixture(scope="session")
def _shared_app():
    return App(WIRE_DIR, 16)


@pytest.fixture
def fake_app(_shared_app):
    """The server state in-process (Odoo 16 dialect), freshly seeded."""
    _shared_app.reset()
    return _shared_app


@pytest.fixture
def orm_env(fake_app):
    return fake_app.env(fake_app.db, fake_odoo.ADMIN_UID)


class Wire:
    """Access to the captures in tests/data/wire and comparisons with them."""

    def load(self, relpath):
        with open(os.path.join(WIRE_DIR, relpath), encoding="utf-8") as handle:
            return json.load(handle)

    def replay(self, server, relpath, replacements=None):
        """Send the capture's request to ``server``; returns (answer, capture)."""
        capture = self.load(relpath)
        request = capture["request"]
        body = request["body"]
        if body is not None and not isinstance(body, str):
            body = json.dumps(body)
        headers = dict(request.get("headers") or {})
        for old, new in (replacements or {}).items():
            body = body.replace(old, new) if body else body
            headers = {name: value.replace(old, new) for name, value in headers.items()}
        return server.request(request["method"], request["path"], body, headers), capture

    @staticmethod
    def error_fields(data):
        """An error payload without its traceback frames (the last line is kept)."""
        data = dict(data)
        data["debug"] = data["debug"].rstrip("\n").splitlines()[-1]
        return data

    def compatible(self, got, expected, path="$"):
        """Assert that ``got`` has the JSON shape of ``expected`` (keys, types, pairs)."""
        if expected is False or got is False:
            assert not isinstance(got, dict) and not isinstance(expected, dict), path
            return
        if isinstance(expected, dict):
            assert isinstance(got, dict), f"{path}: expected an object, got {got!r}"
            assert set(got) == set(expected), f"{path}: keys {sorted(got)} != {sorted(expected)}"
            for key in expected:
                self.compatible(got[key], expected[key], f"{path}.{key}")
        elif isinstance(expected, list):
            assert isinstance(got, list), f"{path}: expected a list, got {got!r}"
            for index, (item, model) in enumerate(zip(got, expected)):
                self.compatible(item, model, f"{path}[{index}]")
        else:
            assert type(got) is type(expected), f"{path}: {got!r} is not a {type(expected)}"


@pytest.fixture(scope="session")
def wire():
    return Wire()
