"""Client.batch and Client.list of odoobridge.bitrix24 against the fake portal: per-command
results and typed errors (never swallowed), halt, $result references, chunking, and lazy
pagination of 1,200 users in the three page modes with the requests counted by the portal."""

import math

import pytest

from binding_support import odoobridge
from bitrix24_binding_support import portal, portal_server, webhook_client  # noqa: F401
from odoobridge import bitrix24

USERS = 1_200


def test_batch_keeps_each_commands_result_and_typed_error(portal):
    with webhook_client(portal) as client:
        result = client.batch({
            "task": ("tasks.task.add", {"fields": {"TITLE": "Call", "RESPONSIBLE_ID": 2}}),
            "who": ("user.get", {"ID": "$result[task][task][responsibleId]"}),
            "bad": ("tasks.task.add", {"fields": {"TITLE": "nobody's"}}),
            "gone": "no.such.method",
            "all": ("user.get",),
        })
    assert isinstance(result, bitrix24.BatchResult) and len(result) == 5
    assert list(result) == ["task", "who", "bad", "gone", "all"] and "who" in result
    assert result["who"][0]["ID"] == "2" and result.value("task")["task"]["title"] == "Call"
    assert result.failed_keys == ["bad", "gone"] and result.requests == 1
    assert result.ok("task") and not result.ok("bad")
    with pytest.raises(bitrix24.InvalidRequestError) as bad:
        result["bad"]
    assert (bad.value.code, bad.value.method, bad.value.command, bad.value.http_status) == \
        ("ERROR_CORE", "tasks.task.add", "bad", 0)
    with pytest.raises(bitrix24.MethodNotFoundError):
        result.value("gone")
    errors = result.errors
    assert set(errors) == {"bad", "gone"} and type(errors["gone"]) is bitrix24.MethodNotFoundError
    assert set(result.results) == {"task", "who", "all"}
    assert type(result.error("bad")) is bitrix24.InvalidRequestError and result.error("who") is None
    entries = result.entries
    assert [entry.key for entry in entries] == list(result)
    assert entries[4].total == 25 and entries[4].ok and entries[4].error is None
    assert entries[2].result is None and entries[2].method == "tasks.task.add"
    with pytest.raises(bitrix24.InvalidRequestError):
        entries[2].value()
    assert "ok=False" in repr(entries[2]) and "2 failed" in repr(result)
    with pytest.raises(bitrix24.InvalidRequestError):
        result.rethrow_first_error()
    with pytest.raises(KeyError):
        result["nope"]
    assert portal.stats()["command_errors"] == {"ERROR_CORE": 1, "ERROR_METHOD_NOT_FOUND": 1}


def test_halt_skips_the_commands_after_a_failure(portal):
    with webhook_client(portal) as client:
        result = client.batch([("a", "tasks.task.add", {"fields": {"TITLE": "x"}}),
                               ("b", "user.get")], halt=True)
    assert result.failed_keys == ["a", "b"]
    assert type(result.errors["b"]) is bitrix24.SkippedCommandError
    assert "halt" in str(result.errors["b"])
    assert portal.state()["tasks"] == []


def test_long_batches_are_chunked_and_references_cross_chunks(portal):
    commands = [(f"c{i}", "user.get", {"ID": i % 25 + 1}) for i in range(120)]
    commands.append(("ref", "user.get", {"ID": "$result[c3][0][ID]"}))
    with webhook_client(portal) as client:
        result = client.batch(commands)
        assert result.requests == 3 and result.failed_keys == []
        assert result["ref"][0]["ID"] == "4"
        with pytest.raises(odoobridge.ConfigurationError, match="repeats the key"):
            client.batch([("k", "user.get"), ("k", "user.get")])
        with pytest.raises(TypeError, match=r"commands\[0\] must be \(key, method"):
            client.batch([("only-a-key",)])
    assert portal.stats()["batches"] == 3


@pytest.mark.parametrize("mode, bound", [
    ("batched", math.ceil(USERS / 2500) + 1),
    ("fast", USERS // 50 + 1),
    ("classic", math.ceil(USERS / 50)),
])
def test_lists_are_lazy_and_take_the_documented_requests(portal, mode, bound):
    portal.hook("seed_users", {"count": USERS})
    with webhook_client(portal, burst=250, per_second=50.0) as client:
        rows = client.list("user.get", {"FILTER": {}}, mode=mode, filter_param="FILTER",
                           id_order={"sort": "ID", "order": "ASC"})
        assert isinstance(rows, bitrix24.ListIterator) and iter(rows) is rows
        assert portal.stats()["requests"] == 0  # nothing fetched before iteration
        first = next(rows)
        assert first["ID"] == "1" and rows.requests == 1
        assert rows.total == (None if mode == "fast" else USERS)
        ids = [int(first["ID"])] + [int(row["ID"]) for row in rows]
        assert ids == list(range(1, USERS + 1))
        with pytest.raises(StopIteration):
            next(rows)
        assert rows.requests == bound
    assert portal.stats()["requests"] == bound


def test_typed_user_lists_and_a_closed_client_stops_the_iteration(portal):
    portal.hook("seed_users", {"count": 130})
    client = webhook_client(portal)
    users = client.list_users({"ACTIVE": True}, mode="classic")
    first = next(users)
    assert isinstance(first, bitrix24.User) and first.ID == 1 and first.ACTIVE
    client.close()
    for _ in range(49):  # the rest of the page already fetched
        next(users)
    with pytest.raises(ValueError, match="closed"):
        next(users)


def test_a_failed_page_raises_its_error_and_ends_the_iteration(portal):
    portal.hook("seed_users", {"count": 120})
    with webhook_client(portal, retries=1) as client:
        rows = client.list("user.get", mode="classic")
        assert len([next(rows) for _ in range(50)]) == 50
        portal.hook("fail_next", {"count": 1, "status": 403, "error": "ACCESS_DENIED"})
        with pytest.raises(bitrix24.AccessDeniedError):
            next(rows)
        with pytest.raises(StopIteration):
            next(rows)
        tasks = client.list("tasks.task.list", items_key="nowhere")
        with pytest.raises(odoobridge.UnexpectedResponseError, match="items_key"):
            next(tasks)
