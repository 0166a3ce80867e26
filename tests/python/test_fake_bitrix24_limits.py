"""The fake portal's limits: the leaky bucket (50 burst, 2/s by default) and operating time,
over HTTP and in-process."""

import os
import sys
import time

import pytest

from fake_bitrix24_process import FakeBitrix24

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "servers"))

from fake_bitrix24 import php  # noqa: E402
from fake_bitrix24.limits import Bucket, OperatingLedger  # noqa: E402


@pytest.fixture(scope="module")
def real_time():
    """A portal with the documented defaults (no time scaling)."""
    running = FakeBitrix24()
    yield running
    running.stop()


def test_default_bucket_allows_50_then_answers_query_limit_exceeded(real_time):
    real_time.hook("reset")
    statuses = [real_time.call("user.get", {"ID": 1}).status for _ in range(50)]
    assert statuses == [200] * 50
    refused = real_time.call("user.get", {"ID": 1})
    assert refused.status == 503
    assert refused.json() == {"error": "QUERY_LIMIT_EXCEEDED", "error_description": "Too many requests"}
    time.sleep(0.6)  # 2 per second: one unit drained
    assert real_time.call("user.get", {"ID": 1}).status == 200
    assert real_time.stats()["errors"] == {"QUERY_LIMIT_EXCEEDED": 1}


def test_a_batch_is_one_request_for_the_bucket(real_time):
    real_time.hook("reset")
    commands = {f"c{i}": f"user.get?ID={i + 1}" for i in range(50)}
    for _ in range(50):
        assert real_time.call("batch", {"cmd": commands}).status == 200
    assert real_time.stats()["batch_commands"] == 2500


def test_operating_time_blocks_a_method_until_its_reset(real_time):
    real_time.hook("reset")
    real_time.hook("configure", {"operating_limit": 4.0, "operating_window": 2.0,
                                 "operating_costs": {"tasks.task.list": 2.0}})
    first = real_time.call("tasks.task.list").json()["time"]
    assert first["operating"] == 2.0
    assert first["operating_reset_at"] >= int(first["finish"]) + 1
    second = real_time.call("tasks.task.list").json()["time"]
    assert second["operating"] == 4.0
    blocked = real_time.call("tasks.task.list")
    assert blocked.status == 429
    assert blocked.json()["error"] == "OPERATION_TIME_LIMIT"
    assert real_time.call("user.get", {"ID": 1}).status == 200  # other methods are not blocked
    time.sleep(max(0.0, second["operating_reset_at"] - time.time()) + 0.05)
    assert real_time.call("tasks.task.list").status == 200


def test_operating_time_counts_each_batch_command(real_time):
    real_time.hook("reset")
    real_time.hook("configure", {"operating_limit": 3.0,
                                 "operating_costs": {"tasks.task.list": 1.0}})
    answer = real_time.call("batch", {"cmd": {f"l{i}": "tasks.task.list" for i in range(5)}})
    inner = answer.json()["result"]
    assert sorted(inner["result"]) == ["l0", "l1", "l2"]
    assert {error["error"] for error in inner["result_error"].values()} == {"OPERATION_TIME_LIMIT"}


def test_time_scale_speeds_up_the_drain():
    fast = FakeBitrix24("--time-scale", "100", "--burst", "5")
    try:
        for _ in range(5):
            assert fast.call("user.get", {"ID": 1}).status == 200
        time.sleep(0.02)  # 2/s x 100 = 200/s: 4 units drained
        assert [fast.call("user.get", {"ID": 1}).status for _ in range(3)] == [200] * 3
    finally:
        fast.stop()


def test_bucket_and_ledger_in_process():
    bucket = Bucket(3, 1.0, now=10.0)
    assert [bucket.admit(now=10.0) for _ in range(4)] == [True, True, True, False]
    assert bucket.admit(now=11.0) and not bucket.admit(now=11.0)
    ledger = OperatingLedger(limit=5.0, window=10.0, costs={"m": 2.0})
    for now in (0.0, 1.0, 2.0):
        assert not ledger.blocked("m", now)
        ledger.charge("m", 0.001, now)
    assert ledger.blocked("m", 3.0)
    assert ledger.used("m", 10.5) == 4.0  # the first call left the window
    assert not ledger.blocked("m", 10.5)


def test_php_query_parsing():
    assert php.parse("fields[PHONE][0][VALUE]=1&fields[TITLE]=A+B&list[]=x&list[]=y") == {
        "fields": {"PHONE": {"0": {"VALUE": "1"}}, "TITLE": "A B"}, "list": ["x", "y"]}
    assert php.parse("a=%24result%5Bt%5D%5Bid%5D") == {"a": "$result[t][id]"}
