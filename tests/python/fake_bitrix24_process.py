"""Runs tests/servers/fake_bitrix24.py as a subprocess for the pytest suites of the fake
Bitrix24 portal (test_fake_bitrix24*.py)."""

import http.client
import json
import os
import subprocess
import tempfile
import time
from urllib.parse import urlencode

TESTS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPT = os.path.join(TESTS_DIR, "servers", "fake_bitrix24.py")
PYTHON = "/usr/bin/python3"
WEBHOOK = "/rest/1/s3cr3tc0de4test"


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body.decode("utf-8"))


class FakeBitrix24:
    """A running fake portal and helpers to call it."""

    def __init__(self, *args):
        handle, self._port_file = tempfile.mkstemp(prefix="fake-b24-port-")
        os.close(handle)
        self.process = subprocess.Popen([PYTHON, SCRIPT, "--port", "0", "--port-file",
                                         self._port_file, *args],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        self.port = 0
        while not self.port:
            with open(self._port_file, encoding="ascii") as handle:
                text = handle.read().strip()
            if text:
                self.port = int(text)
            elif self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("fake_bitrix24.py did not start: "
                                   + self.process.stderr.read().decode())
            else:
                time.sleep(0.02)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
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

    def call(self, method, params=None, prefix=WEBHOOK):
        """POST JSON ``params`` to ``method`` (webhook by default)."""
        return self.request("POST", f"{prefix}/{method}.json", json.dumps(params or {}),
                            {"Content-Type": "application/json"})

    def form(self, method, fields, prefix=WEBHOOK):
        return self.request("POST", f"{prefix}/{method}", urlencode(fields),
                            {"Content-Type": "application/x-www-form-urlencoded"})

    def hook(self, name, body=None):
        answer = self.request("POST", f"/__test__/{name}", json.dumps(body or {}),
                              {"Content-Type": "application/json"})
        assert answer.status == 200, answer.body
        return answer.json()

    def stats(self):
        return self.request("GET", "/__test__/stats").json()

    def state(self):
        return self.request("GET", "/__test__/state").json()
