"""End-to-end tests of the `odoobridge` command-line tool against the fake Odoo server.

The binary is taken from $ODOOBRIDGE_CLI (scripts/test.sh sets it), else from
build/src/cli/odoobridge; the fake server (tests/servers/fake_odoo.py on a free port) comes
from the fixtures of conftest.py.
"""

import http.server
import json
import os
import pathlib
import socket
import subprocess
import threading

import pytest

import fake_odoo  # importable through conftest.py: credentials and API keys of the fake

REPO = pathlib.Path(__file__).resolve().parents[2]

PROTOCOLS = ["xmlrpc", "jsonrpc", "session", "json2"]
# A distinctive secret: any occurrence in the output is a leak, not a coincidence.
WRONG_PASSWORD = "wr0ng-Pa55word-7f3c9e"


def _cli_path():
    configured = os.environ.get("ODOOBRIDGE_CLI")
    path = pathlib.Path(configured) if configured else REPO / "build" / "src" / "cli" / "odoobridge"
    if not path.is_file():
        if configured:
            pytest.fail(f"ODOOBRIDGE_CLI={configured} does not exist: build odoobridge_cli first")
        pytest.skip(f"{path} is not built; run scripts/build.sh or set ODOOBRIDGE_CLI")
    return path


@pytest.fixture(scope="module")
def cli():
    return _cli_path()


@pytest.fixture(params=[16, 19], ids=["odoo16", "odoo19"])
def odoo_url(request):
    """The URL of the fake Odoo server of conftest.py (Odoo 16 and 19 dialects), reset to
    its seed data."""
    return request.getfixturevalue(f"odoo{request.param}").url


def _base_env():
    """The test process's environment without any Odoo or proxy settings."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("ODOO_", "ODOOBRIDGE_")) and "proxy" not in k.lower()}
    return env


def run(cli, *args, env=None, timeout=60):
    """Runs the CLI; returns (exit code, stdout, stderr)."""
    full_env = _base_env()
    full_env.update(env or {})
    done = subprocess.run([str(cli), *args], env=full_env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=timeout)
    return done.returncode, done.stdout, done.stderr


def admin_env(url, protocol):
    """Admin settings for `protocol`: JSON-2 needs the API key, the others a password."""
    env = {"ODOO_URL": url, "ODOO_DB": fake_odoo.DATABASE,
           "ODOO_USERNAME": fake_odoo.ADMIN_LOGIN, "ODOOBRIDGE_PROTOCOL": protocol}
    if protocol == "json2":
        env["ODOO_API_KEY"] = fake_odoo.ADMIN_API_KEY
    else:
        env["ODOO_PASSWORD"] = fake_odoo.ADMIN_PASSWORD
    return env


def ok_json(result):
    code, out, err = result
    assert code == 0, f"exit {code}, stderr: {err}"
    assert out.endswith("\n") and out.count("\n") == 1, "compact output is one line"
    return json.loads(out)


def assert_error(result, code, error_class, *fragments):
    """The exit code, and one stderr line 'odoobridge: <class>: ...' with the fragments."""
    status, out, err = result
    assert status == code, f"expected exit {code}, got {status}; stderr: {err}"
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"one error line expected, got: {err}"
    assert lines[0].startswith(f"odoobridge: {error_class}: "), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], f"{fragment!r} not in {lines[0]!r}"
    return lines[0]


# --- commands on every protocol ------------------------------------------------------------


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_version_reports_client_and_server(cli, odoo_url, protocol):
    result = ok_json(run(cli, "version", env=admin_env(odoo_url, protocol)))
    assert result["odoobridge"].count(".") == 2
    server = result["server"]
    assert isinstance(server["major"], int) and server["major"] >= 16
    assert server["version"].startswith(str(server["major"]))


def test_json2_without_api_key_exits_2(cli, odoo_url):
    env = admin_env(odoo_url, "json2")
    del env["ODOO_API_KEY"]
    env["ODOO_PASSWORD"] = fake_odoo.ADMIN_PASSWORD
    for command in ("version", "login"):
        assert_error(run(cli, command, env=env), 2, "UsageError", "json2", "ODOO_API_KEY")


def test_version_without_url_reports_only_the_client(cli):
    assert set(ok_json(run(cli, "version"))) == {"odoobridge"}


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_login(cli, odoo_url, protocol):
    result = ok_json(run(cli, "login", env=admin_env(odoo_url, protocol)))
    assert result["uid"] == fake_odoo.ADMIN_UID
    assert result["protocol"] == protocol
    assert result["database"] == fake_odoo.DATABASE
    assert result["username"] == fake_odoo.ADMIN_LOGIN
    assert result["url"] == odoo_url


def test_login_as_demo_gives_its_uid(cli, odoo_url):
    env = admin_env(odoo_url, "jsonrpc") | {"ODOO_USERNAME": fake_odoo.DEMO_LOGIN,
                                             "ODOO_PASSWORD": fake_odoo.DEMO_PASSWORD}
    assert ok_json(run(cli, "login", env=env))["uid"] == fake_odoo.DEMO_UID


def test_automatic_protocol_resolves_to_a_concrete_one(cli, odoo_url):
    result = ok_json(run(cli, "login", env=admin_env(odoo_url, "auto")))
    assert result["protocol"] in PROTOCOLS


def test_databases(cli, odoo_url):
    assert fake_odoo.DATABASE in ok_json(run(cli, "databases", "--url", odoo_url))


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_call_gives_the_same_answer_on_every_protocol(cli, odoo_url, protocol):
    env = admin_env(odoo_url, protocol)
    count = ok_json(run(cli, "call", "res.partner", "search_count", "[[]]", env=env))
    ids = ok_json(run(cli, "call", "res.partner", "search", "[[]]", '{"order": "id"}', env=env))
    assert isinstance(count, int) and count > 0
    assert count == len(ids) and ids == sorted(ids)
    reference = ok_json(run(cli, "call", "res.partner", "search", "[[]]", '{"order": "id"}',
                            env=admin_env(odoo_url, "jsonrpc")))
    assert ids == reference


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_search_read(cli, odoo_url, protocol):
    env = admin_env(odoo_url, protocol)
    records = ok_json(run(cli, "search-read", "res.partner", '[["id", ">", 0]]',
                          "--fields", "name,email", "--limit", "3", "--offset", "1",
                          "--order", "id desc", env=env))
    assert 1 <= len(records) <= 3
    for record in records:
        assert set(record) == {"id", "name", "email"}
    ids = [record["id"] for record in records]
    assert ids == sorted(ids, reverse=True)
    everything = ok_json(run(cli, "search-read", "res.partner", "--fields", "name",
                             "--order", "id desc", env=env))
    assert ids == [record["id"] for record in everything][1:4]


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_fields(cli, odoo_url, protocol):
    fields = ok_json(run(cli, "fields", "res.partner", "--attributes", "string,type",
                         env=admin_env(odoo_url, protocol)))
    assert fields["name"]["type"] == "char"
    assert all(set(description) <= {"string", "type"} for description in fields.values())


def test_pretty_output_is_indented_json(cli, odoo_url):
    code, out, err = run(cli, "login", "--pretty", env=admin_env(odoo_url, "jsonrpc"))
    assert code == 0, err
    assert out.startswith("{\n  \"")
    assert json.loads(out)["uid"] == fake_odoo.ADMIN_UID


def test_flags_override_the_environment(cli, odoo_url):
    env = admin_env(odoo_url, "jsonrpc") | {"ODOO_DB": "no-such-db",
                                             "ODOO_PASSWORD": WRONG_PASSWORD}
    result = ok_json(run(cli, "login", "--db", fake_odoo.DATABASE, "--password",
                         fake_odoo.ADMIN_PASSWORD, "--protocol", "xmlrpc", env=env))
    assert result["protocol"] == "xmlrpc" and result["database"] == fake_odoo.DATABASE


def test_default_context_is_accepted(cli, odoo_url):
    count = ok_json(run(cli, "call", "res.partner", "search_count", "[[]]", "--context",
                        '{"lang": "en_US", "active_test": false}',
                        env=admin_env(odoo_url, "jsonrpc")))
    assert isinstance(count, int)


def test_insecure_warns_on_stderr(cli, odoo_url):
    code, out, err = run(cli, "login", "--insecure", env=admin_env(odoo_url, "jsonrpc"))
    assert code == 0
    assert json.loads(out)["uid"] == fake_odoo.ADMIN_UID
    assert "TLS certificate verification is off" in err


def test_help_lists_commands_and_exit_codes(cli):
    code, out, err = run(cli, "help")
    assert code == 0 and err == ""
    for text in ("search-read", "ODOO_API_KEY", "ODOOBRIDGE_PROTOCOL", "AccessError", "  7  "):
        assert text in out
    assert run(cli, "login", "--help")[1] == out


# --- exit codes ------------------------------------------------------------------------------


@pytest.mark.parametrize("protocol", ["xmlrpc", "jsonrpc", "session"])
def test_wrong_password_exits_3(cli, odoo_url, protocol):
    env = admin_env(odoo_url, protocol) | {"ODOO_PASSWORD": WRONG_PASSWORD}
    line = assert_error(run(cli, "login", env=env), 3, "AuthenticationError")
    assert WRONG_PASSWORD not in line


def test_wrong_api_key_on_json2_exits_3(cli, odoo_url):
    env = admin_env(odoo_url, "json2") | {"ODOO_API_KEY": WRONG_PASSWORD}
    assert_error(run(cli, "login", env=env), 3, "AuthenticationError")


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_demo_writing_users_exits_4(cli, odoo_url, protocol):
    env = {"ODOO_URL": odoo_url, "ODOO_DB": fake_odoo.DATABASE,
           "ODOO_USERNAME": fake_odoo.DEMO_LOGIN, "ODOOBRIDGE_PROTOCOL": protocol}
    if protocol == "json2":
        env["ODOO_API_KEY"] = fake_odoo.DEMO_API_KEY
    else:
        env["ODOO_PASSWORD"] = fake_odoo.DEMO_PASSWORD
    assert_error(run(cli, "call", "res.users", "write", '[[2], {"name": "x"}]', env=env), 4,
                 "AccessError", "res.users")


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_writing_a_missing_record_exits_5(cli, odoo_url, protocol):
    assert_error(run(cli, "call", "res.partner", "write", '[[999999], {"name": "x"}]',
                     env=admin_env(odoo_url, protocol)), 5, "MissingError", "999999")


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_invalid_values_exit_5(cli, odoo_url, protocol):
    assert_error(run(cli, "call", "res.partner", "create", '[{"name": false}]',
                     env=admin_env(odoo_url, protocol)), 5, "ValidationError")


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_unknown_method_exits_6(cli, odoo_url, protocol):
    # Odoo answers AttributeError: neither a user error nor an access one.
    assert_error(run(cli, "call", "res.partner", "no_such_method", "[]",
                     env=admin_env(odoo_url, protocol)), 6, "ServerError", "no_such_method")


@pytest.mark.parametrize("variable,flag", [("ODOO_URL", "--url"), ("ODOO_DB", "--db"),
                                           ("ODOO_USERNAME", "--username")])
def test_missing_setting_exits_2_naming_variable_and_flag(cli, odoo_url, variable, flag):
    env = admin_env(odoo_url, "jsonrpc")
    del env[variable]
    assert_error(run(cli, "login", env=env), 2, "UsageError", variable, flag)


def test_missing_secret_exits_2(cli, odoo_url):
    env = admin_env(odoo_url, "jsonrpc")
    del env["ODOO_PASSWORD"]
    assert_error(run(cli, "login", env=env), 2, "UsageError", "ODOO_PASSWORD", "ODOO_API_KEY")


@pytest.mark.parametrize("args,fragments", [
    (["call", "res.partner", "search", "[[[\"name\", \"=\""], ["ARGS_JSON", "column"]),
    (["call", "res.partner", "search", "[[]]", "{limit: 1}"], ["KWARGS_JSON", "column"]),
    (["call", "res.partner", "search", "{}"], ["ARGS_JSON", "array", "object"]),
    (["search-read", "res.partner", "[[\"name\" \"x\"]]"], ["DOMAIN_JSON", "column"]),
    (["login", "--context", "{\"lang\": }"], ["--context", "column"]),
])
def test_bad_json_argument_exits_2_naming_it(cli, odoo_url, args, fragments):
    assert_error(run(cli, *args, env=admin_env(odoo_url, "jsonrpc")), 2, "UsageError",
                 *fragments)


@pytest.mark.parametrize("args,fragment", [
    ([], "no command"),
    (["frobnicate"], "frobnicate"),
    (["fields"], "MODEL"),
    (["fields", "res.partner", "--limit", "3"], "--limit"),
    (["search-read", "res.partner", "--limit", "many"], "many"),
    (["login", "--protocol", "soap"], "soap"),
    (["login", "--timeout", "-1"], "--timeout"),
])
def test_usage_errors_exit_2(cli, odoo_url, args, fragment):
    assert_error(run(cli, *args, env=admin_env(odoo_url, "jsonrpc")), 2, "UsageError", fragment)


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("command", ["login", "version"])
def test_unreachable_server_exits_7(cli, command):
    url = f"http://127.0.0.1:{_closed_port()}"
    env = admin_env(url, "jsonrpc")
    assert_error(run(cli, command, env=env), 7, "ConnectionError", f"127.0.0.1:{url.rsplit(':')[-1]}")


class _HtmlHandler(http.server.BaseHTTPRequestHandler):
    """Answers every request like a misconfigured proxy: an HTML page."""

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = b"<html><body><h1>Welcome to nginx!</h1></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture()
def html_url():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _HtmlHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_server_that_is_not_odoo_exits_8(cli, html_url):
    status, out, err = run(cli, "login", env=admin_env(html_url, "jsonrpc"))
    assert status == 8, err
    assert err.startswith("odoobridge: ") and "Response" in err.split(":")[1]


# --- secrets -----------------------------------------------------------------------------


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_api_key_never_printed_even_with_verbose(cli, odoo_url, protocol):
    # The API key doubles as the password on the RPC protocols of the fake server.
    env = {"ODOO_URL": odoo_url, "ODOO_DB": fake_odoo.DATABASE,
           "ODOO_USERNAME": fake_odoo.ADMIN_LOGIN, "ODOO_API_KEY": fake_odoo.ADMIN_API_KEY,
           "ODOOBRIDGE_PROTOCOL": protocol}
    for args in (["login"], ["search-read", "res.partner", "--limit", "2"],
                 ["call", "res.users", "read", "[[2]]", '{"fields": ["login"]}']):
        code, out, err = run(cli, *args, "--verbose", env=env)
        assert code == 0, err
        assert "[debug]" in err, "--verbose logs at debug level on stderr"
        assert fake_odoo.ADMIN_API_KEY not in out + err


@pytest.mark.parametrize("protocol", ["xmlrpc", "jsonrpc", "session"])
def test_wrong_password_never_printed_even_with_verbose(cli, odoo_url, protocol):
    env = admin_env(odoo_url, protocol)
    del env["ODOO_PASSWORD"]
    for args in (["login", "--verbose", "--password", WRONG_PASSWORD],
                 ["login", "--verbose", f"--password={WRONG_PASSWORD}"]):
        code, out, err = run(cli, *args, env=env)
        assert code == 3, err
        assert WRONG_PASSWORD not in out + err


def test_mistyped_secret_option_does_not_echo_the_value(cli, odoo_url):
    line = assert_error(run(cli, "login", f"--pasword={WRONG_PASSWORD}",
                            env=admin_env(odoo_url, "jsonrpc")), 2, "UsageError", "--pasword")
    assert WRONG_PASSWORD not in line


def test_url_credentials_are_not_echoed(cli):
    line = assert_error(run(cli, "login", "--url", f"ftp://user:{WRONG_PASSWORD}@example.com/",
                            "--db", "x", "--username", "u", "--password", "p"),
                        2, "UsageError", "http://")
    assert WRONG_PASSWORD not in line
