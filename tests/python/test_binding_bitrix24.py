"""odoobridge.bitrix24 against the fake portal: the webhook client (call, call_answer, options,
context manager), the exception classes one to one with the C++ ones and each raised with its
attributes, secrets kept out of repr/str/messages, the small helpers, and the stubs."""

import ast
import os
import pathlib
import subprocess
import sys

import pytest

from binding_support import odoobridge
from bitrix24_binding_support import (WEBHOOK_CODE, portal, portal_server, texts_of,  # noqa: F401
                                      webhook_client, webhook_url)
from odoobridge import bitrix24

B = bitrix24
HIERARCHY = {  # class: its base, as in include/odoobridge/bitrix24/{errors,batch,events}.hpp
    B.ServerError: odoobridge.ServerError,
    B.LimitError: B.ServerError,
    B.QueryLimitExceededError: B.LimitError,
    B.OperationTimeLimitError: B.LimitError,
    B.OverloadLimitError: B.LimitError,
    B.AuthenticationError: B.ServerError,
    B.TokenExpiredError: B.AuthenticationError,
    B.AccessDeniedError: B.ServerError,
    B.InsufficientScopeError: B.AccessDeniedError,
    B.MethodNotFoundError: B.ServerError,
    B.InvalidRequestError: B.ServerError,
    B.BatchLengthExceededError: B.InvalidRequestError,
    B.BatchMethodNotAllowedError: B.InvalidRequestError,
    B.InternalServerError: B.ServerError,
    B.PortalDeletedError: B.ServerError,
    B.SkippedCommandError: odoobridge.Error,
    B.InvalidEventError: odoobridge.ProtocolError,
    B.UnverifiedEventError: odoobridge.Error,
}


@pytest.mark.parametrize("cls", HIERARCHY, ids=lambda cls: cls.__name__)
def test_hierarchy_mirrors_the_cpp_classes(cls):
    assert cls.__bases__ == (HIERARCHY[cls],)
    assert cls.__module__ == "odoobridge.bitrix24" and getattr(bitrix24, cls.__name__) is cls
    assert cls.__doc__
    by_hand = cls("by hand")
    assert (by_hand.message, by_hand.endpoint) == ("", "")
    if issubclass(cls, B.ServerError):
        assert (by_hand.code, by_hand.description, by_hand.method, by_hand.command,
                by_hand.http_status) == ("", "", "", "", 0)


def test_call_and_call_answer_over_a_webhook(portal):
    with webhook_client(portal) as client:
        users = client.call("user.get", {"FILTER": {"ACTIVE": True}})
        assert len(users) == 23 and users[0]["ID"] == "1" and users[0]["ACTIVE"] is True
        answer = client.call_answer("user.get", {"start": 0})
        assert (answer.total, answer.next) == (25, None) and len(answer.result) == 25
        assert "operating" in answer.time and "total=25" in repr(answer)
        assert client.call("user.get", {"ID": 5})[0]["EMAIL"] == "user5@realty.example.kz"
        assert client.requests_sent == 3 and client.auth == "webhook" and client.tokens is None
        assert client.endpoint == f"http://127.0.0.1:{portal.port}/rest/1/<redacted>/"
    assert client.closed and "closed" in repr(client)
    with pytest.raises(ValueError, match="closed"):
        client.call("user.get")
    assert portal.stats()["by_method"] == {"user.get": 3}


def test_arguments_are_checked_before_sending(portal):
    with webhook_client(portal) as client:
        with pytest.raises(TypeError, match="params must be a dict"):
            client.call("user.get", ["not", "a", "dict"])
        with pytest.raises(odoobridge.ConfigurationError, match="method name is empty"):
            client.call("")
        with pytest.raises(ValueError, match="not a page mode"):
            client.list("user.get", mode="sideways")
    assert portal.stats()["requests"] == 0


@pytest.mark.parametrize("options, error, text", [
    ({}, odoobridge.ConfigurationError, "needs webhook_url="),
    ({"webhook_url": "ftp://portal/rest/1/x/"}, odoobridge.ConfigurationError, "https://"),
    ({"webhook_url": "https://portal/rest/1/"}, odoobridge.ConfigurationError, "no webhook code"),
    ({"burst": 0}, odoobridge.ConfigurationError, "burst must be at least 1"),
    ({"per_second": -1.0}, odoobridge.ConfigurationError, "per_second"),
    ({"timeout": 0}, odoobridge.ConfigurationError, "timeout=0"),
    ({"retries": 0}, odoobridge.ConfigurationError, "max_attempts"),
    ({"burst": "50"}, TypeError, "burst=...) must be an int, not str"),
    ({"verify_tls": 1}, TypeError, "must be a bool"),
    ({"on_tokens": 5, "portal": "http://p"}, TypeError, "must be callable"),
    ({"portal": "http://p", "access_token": "a"}, odoobridge.ConfigurationError,
     "client_id is empty"),
])
def test_bad_options_are_refused_at_construction(portal, options, error, text):
    settings = {"webhook_url": webhook_url(portal)} if "webhook_url" not in options and \
        "portal" not in options and options else {}
    settings.update(options)
    with pytest.raises(error, match=text.replace("(", r"\(").replace(")", r"\)")):
        bitrix24.Client(**settings)


def test_secrets_stay_out_of_repr_str_and_errors(portal):
    url = webhook_url(portal)
    with webhook_client(portal) as client:
        assert WEBHOOK_CODE not in repr(client) and WEBHOOK_CODE not in client.endpoint
    with pytest.raises(TypeError) as positional:
        bitrix24.Client(url)  # never echoed: a positional argument may be the URL
    with pytest.raises(TypeError) as unknown:
        bitrix24.Client(webhook_url=url, timout=3)
    assert "timout" in str(unknown.value)
    with pytest.raises(odoobridge.ConfigurationError) as both:
        bitrix24.Client(webhook_url=url, access_token="tok-3x4mpl3")
    wrong_code = "wr0ngc0de4leak"
    with bitrix24.Client(webhook_url=webhook_url(portal, wrong_code)) as wrong:
        with pytest.raises(bitrix24.AuthenticationError) as refused:
            wrong.call("user.get")
    assert refused.value.code == "NO_AUTH_FOUND" and refused.value.http_status == 401
    for error in (positional.value, unknown.value, both.value):
        assert not any(WEBHOOK_CODE in text or "tok-3x4mpl3" in text for text in texts_of(error))
    assert not any(wrong_code in text for text in texts_of(refused.value))
    assert "<redacted>" in refused.value.endpoint


def _failing(portal, status, code, **options):
    portal.hook("fail_next", {"count": 1, "status": status, "error": code,
                              "description": f"{code} injected"})
    with webhook_client(portal, retries=1, **options) as client:
        with pytest.raises(odoobridge.Error) as raised:
            client.call("user.get")
    return raised.value


@pytest.mark.parametrize("status, code, cls", [
    (503, "QUERY_LIMIT_EXCEEDED", B.QueryLimitExceededError),
    (429, "OPERATION_TIME_LIMIT", B.OperationTimeLimitError),
    (503, "OVERLOAD_LIMIT", B.OverloadLimitError),
    (401, "expired_token", B.TokenExpiredError),  # a webhook cannot refresh
    (403, "ACCESS_DENIED", B.AccessDeniedError),
    (403, "insufficient_scope", B.InsufficientScopeError),
    (404, "ERROR_METHOD_NOT_FOUND", B.MethodNotFoundError),
    (400, "INVALID_REQUEST", B.InvalidRequestError),
    (500, "INTERNAL_SERVER_ERROR", B.InternalServerError),
    (500, "PORTAL_DELETED", B.PortalDeletedError),
    (418, "SOMETHING_NEW", B.ServerError),
])
def test_each_error_code_raises_its_class_with_the_details(portal, status, code, cls):
    error = _failing(portal, status, code)
    assert type(error) is cls
    assert (error.code, error.description, error.method, error.command, error.http_status) == \
        (code, f"{code} injected", "user.get", "", status)
    assert error.message == str(error) and code in str(error)
    assert error.endpoint.endswith("/rest/1/<redacted>/user.get.json")


def test_errors_the_portal_raises_by_itself(portal):
    with webhook_client(portal) as client:
        with pytest.raises(bitrix24.MethodNotFoundError):
            client.call("user.gett")
        with pytest.raises(bitrix24.InvalidRequestError) as invalid:
            client.call("tasks.task.add", {"fields": {"TITLE": "nobody's"}})
        assert invalid.value.code == "ERROR_CORE" and invalid.value.http_status == 400
        with pytest.raises(bitrix24.BatchLengthExceededError):
            client.call("batch", {"cmd": {f"c{i}": "user.get" for i in range(51)}})
        with pytest.raises(bitrix24.BatchMethodNotAllowedError):
            client.batch({"inner": ("batch", {"cmd": {"a": "user.get"}})})
        portal.hook("configure", {"scopes": ["user"]})
        with pytest.raises(bitrix24.InsufficientScopeError):
            client.call("crm.item.list", {"entityTypeId": 2})
    error = _failing(portal, 502, None)  # a proxy's HTML page
    assert type(error) is odoobridge.UnexpectedResponseError and error.http_status == 502


def test_transport_errors_keep_their_odoobridge_classes(portal):
    url = f"http://127.0.0.1:{portal.port}/rest/1/{WEBHOOK_CODE}/".replace(
        str(portal.port), "1")  # nothing listens on port 1
    with bitrix24.Client(webhook_url=url, retries=1, connect_timeout=2) as client:
        with pytest.raises(odoobridge.ConnectionError) as refused:
            client.call("user.get")
    assert WEBHOOK_CODE not in str(refused.value) and "<redacted>" in refused.value.endpoint


def test_helpers():
    assert bitrix24.is_read_method("user.get") and bitrix24.is_read_method("crm.item.list")
    assert not bitrix24.is_read_method("tasks.task.add")
    query = bitrix24.encode_php_query({"fields": {"TITLE": "a b", "TAGS": ["x", "y"]},
                                       "flag": True})
    assert query == "fields[TAGS][0]=x&fields[TAGS][1]=y&fields[TITLE]=a%20b&flag=1"
    assert bitrix24.decode_php_form(b"a[b]=1&a[c][]=2&d=x+y") == \
        {"a": {"b": "1", "c": ["2"]}, "d": "x y"}
    with pytest.raises(odoobridge.ConfigurationError, match="escape"):
        bitrix24.decode_php_form("a=%zz")


STUB = pathlib.Path(bitrix24.__file__).with_suffix(".pyi")


def _stub_tree():
    return ast.parse(STUB.read_text(encoding="utf-8"))


def test_the_stub_lists_the_modules_public_names():
    names = next(ast.literal_eval(node.value) for node in _stub_tree().body
                 if isinstance(node, ast.Assign) and node.targets[0].id == "__all__")
    assert sorted(names) == sorted(bitrix24.__all__)
    assert all(hasattr(bitrix24, name) for name in bitrix24.__all__)


@pytest.mark.parametrize("record", ["User", "NewTask", "Task", "NewCalendarEvent",
                                    "CalendarEvent", "Notification", "Deal", "Lead"])
def test_record_annotations_match_the_classes(record):
    stub = next(node for node in _stub_tree().body
                if isinstance(node, ast.ClassDef) and node.name == record)
    annotated = {node.target.id: ast.unparse(node.annotation).replace('"', "'")
                 for node in stub.body if isinstance(node, ast.AnnAssign)
                 and "ClassVar" not in ast.unparse(node.annotation)}
    cls = getattr(bitrix24, record)
    assert annotated == dict(cls.__annotations__)
    assert tuple(annotated) == cls.fields


def test_a_script_type_checks_against_the_stub(tmp_path):
    mypy = pytest.importorskip("mypy", reason="mypy is not installed (Debian package python3-mypy)")
    assert mypy
    script = tmp_path / "portal.py"
    script.write_text('''
from odoobridge.bitrix24 import Client, Deal, NewTask, User, parse_event

with Client(webhook_url="https://p/rest/1/c/", burst=250, per_second=5.0) as portal:
    users: list[User] = [u for u in portal.list_users({"ACTIVE": True}) if isinstance(u, User)]
    found: User | None = portal.find_user_by_email("a@b.kz")
    task_id: int = portal.add_task(NewTask(TITLE="Call", RESPONSIBLE_ID=5)).id
    deal: Deal = portal.crm_update(Deal, 3, {"stageId": "WON"})
    failed: list[str] = portal.batch({"a": ("user.get", {})}).failed_keys
    event_name: str = parse_event(b"event=ONUSERADD", "token").event
    wrong: str = portal.requests_sent
''', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                           str(script)], capture_output=True, text=True, timeout=600,
                          env=dict(os.environ, PYTHONPATH=str(STUB.parent.parent)))
    assert done.stdout.count("error:") == 1, done.stdout + done.stderr
    assert 'portal.py:11: error: Incompatible types in assignment (expression has type "int", ' \
           'variable has type "str")' in done.stdout
