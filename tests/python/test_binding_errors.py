"""The exception hierarchy through the binding: the Python classes mirror the C++ ones one to
one, and every class a call can raise arrives as that class with the C++ attributes
(server class, message, model, method, protocol, endpoint, status), never with a secret."""

import http.server
import json
import socket
import threading

import pytest

import fake_odoo
from binding_support import PROTOCOLS, connect, odoo, odoobridge

WRONG_PASSWORD = "wr0ng-Pa55word-b1nd1ng"  # distinctive: any occurrence is a leak

HIERARCHY = {  # class: its base, as in include/odoobridge/{core,odoo}/errors.hpp
    odoobridge.Error: Exception,
    odoobridge.ConfigurationError: odoobridge.Error,
    odoobridge.CancelledError: odoobridge.Error,
    odoobridge.TransportError: odoobridge.Error,
    odoobridge.ConnectionError: odoobridge.TransportError,
    odoobridge.TimeoutError: odoobridge.TransportError,
    odoobridge.TlsError: odoobridge.TransportError,
    odoobridge.ResponseTooLargeError: odoobridge.TransportError,
    odoobridge.ProtocolError: odoobridge.Error,
    odoobridge.UnexpectedResponseError: odoobridge.ProtocolError,
    odoobridge.MalformedResponseError: odoobridge.ProtocolError,
    odoobridge.DecodeError: odoobridge.ProtocolError,
    odoobridge.ServerError: odoobridge.Error,
    odoo.ServerError: odoobridge.ServerError,
    odoo.AuthenticationError: odoo.ServerError,
    odoo.AccessError: odoo.ServerError,
    odoo.SessionExpiredError: odoo.ServerError,
    odoo.UserError: odoo.ServerError,
    odoo.ValidationError: odoo.UserError,
    odoo.MissingError: odoo.UserError,
    odoo.SchemaMismatchError: odoobridge.ConfigurationError,
    odoobridge.models.AmbiguousMatchError: odoobridge.Error,
}


@pytest.mark.parametrize("cls", HIERARCHY, ids=lambda cls: cls.__qualname__)
def test_hierarchy_mirrors_the_cpp_classes(cls):
    assert cls.__bases__ == (HIERARCHY[cls],)
    modules = {"odoobridge": odoobridge, "odoobridge.odoo": odoo,
               "odoobridge.models": odoobridge.models}
    assert getattr(modules[cls.__module__], cls.__name__) is cls
    assert cls.__doc__
    raised_by_python = cls("by hand")
    assert raised_by_python.message == "" and raised_by_python.endpoint == ""


def check_server_error(error, cls, model, method, protocol):
    assert type(error) is cls
    assert (error.model, error.method, error.protocol) == (model, method, protocol)
    assert error.server_class and error.server_message and error.endpoint.startswith("http://")
    assert error.message == str(error)
    assert error.server_message in str(error) and f"{model}.{method}" in str(error)
    assert "Traceback" not in str(error)  # the traceback is in .debug only


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_access_error(odoo16, protocol):
    with connect(odoo16, protocol, login="demo") as client:
        with pytest.raises(odoo.AccessError) as raised:
            client.model("res.users").write([2], {"name": "x"})
    check_server_error(raised.value, odoo.AccessError, "res.users", "write", protocol)
    assert raised.value.server_class in ("odoo.exceptions.AccessError",
                                         "werkzeug.exceptions.Forbidden")
    assert fake_odoo.DEMO_API_KEY not in str(raised.value)


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_authentication_error_holds_no_secret(odoo16, protocol):
    credential = {"api_key" if protocol == "json2" else "password": WRONG_PASSWORD}
    with pytest.raises(odoo.AuthenticationError) as raised:
        connect(odoo16, protocol, credential=credential)
    error = raised.value
    assert type(error) is odoo.AuthenticationError
    texts = [str(error), repr(error), *(str(value) for value in vars(error).values())]
    assert not any(WRONG_PASSWORD in text for text in texts)
    assert fake_odoo.ADMIN_LOGIN in str(error)


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_validation_missing_user_and_server_errors(odoo16, protocol):
    with connect(odoo16, protocol) as client:
        properties = client.model("estate.property")
        with pytest.raises(odoo.ValidationError) as validation:
            properties.create({"name": "Free flat", "price": -1.0, "deal_type": "sale",
                               "property_type": "apartment"})
        check_server_error(validation.value, odoo.ValidationError, "estate.property", "create",
                           protocol)
        assert "strictly positive" in validation.value.server_message
        with pytest.raises(odoo.MissingError) as missing:
            client.model("res.partner").write([999_999], {"name": "ghost"})
        check_server_error(missing.value, odoo.MissingError, "res.partner", "write", protocol)
        moves = client.model("account.move")
        empty_invoice = moves.create({"move_type": "out_invoice", "partner_id": 10})
        with pytest.raises(odoo.UserError) as user:
            moves.call("action_post", [[empty_invoice]])
        check_server_error(user.value, odoo.UserError, "account.move", "action_post", protocol)
        with pytest.raises(odoo.ServerError) as other:
            client.execute_kw("res.partner", "no_such_method", [[]])
        check_server_error(other.value, odoo.ServerError, "res.partner", "no_such_method",
                           protocol)
        assert other.value.debug.startswith("Traceback") or protocol == "json2"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_transport_errors(odoo16):
    with pytest.raises(odoobridge.ConnectionError) as refused:
        odoo.Client(url=f"http://127.0.0.1:{free_port()}", db="testdb", username="admin",
                    password="admin", retries=1, connect_timeout=2)
    assert refused.value.endpoint.startswith("http://127.0.0.1:")
    with pytest.raises(odoobridge.TlsError):
        odoo.Client(url=odoo16.url.replace("http://", "https://"), db="testdb",
                    username="admin", password="admin", retries=1)
    with connect(odoo16, retries=1, timeout=0.3) as client:
        odoo16.post_json("/__test__/fail_next", {"count": 1, "status": 0, "delay_ms": 1500})
        with pytest.raises(odoobridge.TimeoutError):
            client.model("res.partner").search_count()
    with connect(odoo16, max_response_bytes=2000) as client:
        with pytest.raises(odoobridge.ResponseTooLargeError):
            client.model("res.partner").fields_get()


def test_unexpected_response_carries_the_status(odoo16):
    with connect(odoo16, retries=1) as client:
        odoo16.post_json("/__test__/fail_next", {"count": 1, "status": 502, "delay_ms": 0})
        with pytest.raises(odoobridge.UnexpectedResponseError) as raised:
            client.model("res.partner").search_count()
    assert raised.value.http_status == 502 and raised.value.endpoint.endswith("/jsonrpc")


class _ScriptedOdoo(http.server.BaseHTTPRequestHandler):
    """Answers /jsonrpc like Odoo 16 for version and login, and `object` calls with the
    class attribute `object_answer` (bytes)."""

    object_answer = b""
    object_headers = {}

    def do_POST(self):  # noqa: N802  (http.server's naming)
        request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        params = request["params"]
        if params["service"] == "common":
            result = 2 if params["method"] in ("login", "authenticate") else {
                "server_version": "16.0", "server_version_info": [16, 0, 0, "final", 0, ""],
                "server_serie": "16.0", "protocol_version": 1}
            body = json.dumps({"jsonrpc": "2.0", "id": request["id"], "result": result}).encode()
        else:
            body = self.object_answer
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (self.object_headers if params["service"] == "object" else {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def scripted_odoo():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _ScriptedOdoo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _scripted_client(server, answer, headers=None):
    _ScriptedOdoo.object_answer = answer
    _ScriptedOdoo.object_headers = headers or {}
    return odoo.Client(url=f"http://127.0.0.1:{server.server_port}", db="testdb",
                       username="admin", password="admin", protocol="jsonrpc", retries=1)


def test_malformed_response(scripted_odoo):
    with _scripted_client(scripted_odoo, b'{"jsonrpc": "2.0", "id": 1, "result": [1, 2') as c:
        with pytest.raises(odoobridge.MalformedResponseError) as raised:
            c.model("res.partner").search()
    assert raised.value.http_status == 200


def test_transport_error_for_a_body_that_cannot_be_decompressed(scripted_odoo):
    answer = b"this is not gzip data at all"
    with _scripted_client(scripted_odoo, answer, {"Content-Encoding": "gzip"}) as client:
        with pytest.raises(odoobridge.TransportError) as raised:
            client.model("res.partner").search_count()
    assert type(raised.value) is odoobridge.TransportError
    assert "cannot decompress" in str(raised.value)


def test_session_expired(scripted_odoo):
    expired = json.dumps({"jsonrpc": "2.0", "id": 1, "error": {
        "code": 100, "message": "Odoo Session Expired",
        "data": {"name": "odoo.http.SessionExpiredException", "message": "Session expired",
                 "arguments": ["Session expired"], "context": {}, "debug": "Traceback ..."}}})
    with _scripted_client(scripted_odoo, expired.encode()) as client:
        with pytest.raises(odoo.SessionExpiredError) as raised:
            client.model("res.partner").search_count()
    check_server_error(raised.value, odoo.SessionExpiredError, "res.partner", "search_count",
                       "jsonrpc")
    assert raised.value.server_class == "odoo.http.SessionExpiredException"


def test_configuration_error(odoo16):
    with pytest.raises(odoobridge.ConfigurationError) as raised:
        odoo.Client(url="ftp://example.kz", db="testdb", username="admin", password="admin")
    assert type(raised.value) is odoobridge.ConfigurationError
    assert "http://" in str(raised.value)


def test_errors_survive_pickling(odoo16):
    import pickle
    with connect(odoo16, login="demo") as client:
        with pytest.raises(odoo.AccessError) as raised:
            client.model("res.users").write([2], {"name": "x"})
    copy = pickle.loads(pickle.dumps(raised.value))
    assert type(copy) is odoo.AccessError and vars(copy) == vars(raised.value)


def _answer(result):
    return json.dumps({"jsonrpc": "2.0", "id": 1, "result": result}).encode()


def test_decode_error_from_a_typed_read(scripted_odoo):
    from odoobridge.models import EstateProperty
    answer = _answer([{"id": 41, "name": "ACC-041", "price": "on request"}])
    with _scripted_client(scripted_odoo, answer) as client:
        with pytest.raises(odoobridge.DecodeError) as raised:
            client.model(EstateProperty).search_read()
    error = raised.value
    assert (error.model, error.record_id, error.record_index, error.field) == \
        ("estate.property", 41, 0, "price")
    assert "on request" in error.received and "price" in str(error)


def test_schema_mismatch_lists_every_problem(scripted_odoo):
    from odoobridge.models import EstatePropertyImage
    fields = {name: {"type": kind} for name, kind in [
        ("id", "integer"), ("property_id", "many2one"), ("thumbnail", "char"),
        ("s3_url", "char"), ("sequence", "integer"), ("is_main", "boolean")]}
    with _scripted_client(scripted_odoo, _answer(fields)) as client:
        with pytest.raises(odoo.SchemaMismatchError) as raised:
            client.model(EstatePropertyImage).verify_schema()
    error = raised.value
    assert error.model == "estate.property.image" and len(error.problems) == 2
    assert any("s3_key" in problem for problem in error.problems)
    assert any("thumbnail" in problem for problem in error.problems)
    assert isinstance(error, odoobridge.ConfigurationError)
