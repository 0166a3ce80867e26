"""Secret hygiene of the `odoobridge` command-line tool: with --verbose (debug log on
stderr), over every protocol, with a password and with an API key, through successful
commands and failing ones (wrong secret, server refusals, transport faults, an error page
quoting the request), no password, API key or session id may appear on stdout or stderr.

The CLI talks to the fake Odoo through tests/servers/http_faults.py (--upstream), which
rewrites the distinctive test password to the fake's own, arms faults and reports the
session ids the server handed out. The binary comes from $ODOOBRIDGE_CLI as in test_cli.py.
"""

import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest

import fake_odoo
from test_cli import PROTOCOLS, _base_env, _cli_path

SERVERS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "servers")
PASSWORD = "S3cr3t-PASSWORD-xyz"
WRONG = "S3cr3t-WRONG-pass-777"
READ_PATHS = {"xmlrpc": ("/xmlrpc/2/object", "<string>search_read</string>"),
              "jsonrpc": ("/jsonrpc", '"search_read"'),
              "session": ("/web/dataset/call_kw/res.partner/search_read", None),
              "json2": ("/json/2/res.partner/search_read", None)}


class Proxy:
    """http_faults.py in front of the fake Odoo, with its /__faults__/ control routes."""

    def __init__(self, upstream):
        handle, self._port_file = tempfile.mkstemp(prefix="faults-port-")
        os.close(handle)
        os.remove(self._port_file)
        self.process = subprocess.Popen(
            ["/usr/bin/python3", os.path.join(SERVERS_DIR, "http_faults.py"), "--port", "0",
             "--port-file", self._port_file, "--upstream", upstream,
             "--rewrite", f"{PASSWORD}={fake_odoo.ADMIN_PASSWORD}"])
        deadline = time.monotonic() + 10
        while not os.path.exists(self._port_file):
            if time.monotonic() > deadline:
                raise RuntimeError("http_faults.py did not start within 10 s")
            time.sleep(0.05)
        with open(self._port_file) as port:
            self.url = "http://127.0.0.1:%d" % int(port.read())

    def control(self, name, body=None):
        data = None if body is None else json.dumps(body).encode()
        with urllib.request.urlopen(self.url + "/__faults__/" + name, data, timeout=10) as answer:
            return json.loads(answer.read())

    def stop(self):
        self.process.terminate()
        self.process.wait(10)
        os.remove(self._port_file)


@pytest.fixture(scope="module")
def proxy(odoo16_server):
    started = Proxy(odoo16_server.url)
    yield started
    started.stop()


def run(cli, *args, env):
    """Runs the CLI; returns (exit code, stdout + stderr). Bytes are decoded leniently: an
    error message may quote a server's invalid UTF-8, which must not hide a leak."""
    full_env = _base_env()
    full_env.update(env)
    done = subprocess.run([str(cli), *args], env=full_env, stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=60)
    return done.returncode, (done.stdout + done.stderr).decode("utf-8", "replace")


def closed_port_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return "http://127.0.0.1:%d" % sock.getsockname()[1]


def env_for(url, protocol, api_key, secret=None):
    env = {"ODOO_URL": url, "ODOO_DB": fake_odoo.DATABASE, "ODOO_USERNAME": "admin",
           "ODOOBRIDGE_PROTOCOL": protocol}
    if api_key:
        env["ODOO_API_KEY"] = secret or fake_odoo.ADMIN_API_KEY
    else:
        env["ODOO_PASSWORD"] = secret or PASSWORD
    return env


CASES = [(protocol, api_key) for protocol in PROTOCOLS for api_key in (False, True)
         if protocol != "json2" or api_key]


@pytest.mark.parametrize("protocol,api_key", CASES,
                         ids=["%s-%s" % (p, "apikey" if k else "password") for p, k in CASES])
def test_cli_output_holds_no_secret(odoo16, proxy, protocol, api_key):
    cli = _cli_path()
    proxy.control("reset", {})
    env = env_for(proxy.url, protocol, api_key)
    outputs, codes = [], []

    def cli_run(*args, environment=env):
        code, output = run(cli, *args, "--verbose", "--timeout", "2", env=environment)
        codes.append(code)
        outputs.append(output)

    cli_run("login")
    cli_run("search-read", "res.partner", "[]", "--fields", "name", "--limit", "2")
    cli_run("call", "res.partner", "create", '[{"name": "Hygiene"}]')
    assert codes == [0, 0, 0], outputs
    handed_out = proxy.control("stats")["handed_out"]
    cli_run("call", "no.such.model", "search_read", "[[]]")
    path, body = READ_PATHS[protocol]
    for fault in ({"fault": "echo", "quote": "body"}, {"fault": "echo", "quote": "headers"},
                  {"fault": "echo", "quote": "request", "status": 200},
                  {"fault": "reset_mid_body"}, {"fault": "bad_utf8"},
                  {"fault": "status", "status": 503}):
        proxy.control("reset", {})
        rule = dict(fault, path=path)
        if body:
            rule["body"] = body
        proxy.control("arm", rule)
        cli_run("search-read", "res.partner", "[]", "--limit", "1")
        handed_out += proxy.control("stats")["handed_out"]
    proxy.control("reset", {})
    cli_run("login", environment=env_for(proxy.url, protocol, api_key, WRONG))
    cli_run("login", environment=env_for(closed_port_url(), protocol, api_key))
    assert all(code != 0 for code in codes[3:]), list(zip(codes, outputs))
    assert any(output.strip() for output in outputs)
    secrets = {PASSWORD, WRONG, fake_odoo.ADMIN_API_KEY, *handed_out}
    for secret in secrets:
        for output in outputs:
            assert secret not in output, f"secret {secret!r} leaked in CLI output: {output}"
