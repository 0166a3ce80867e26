"""The fake Bitrix24 portal answers like vendors.md says: addressing, envelopes, errors,
batch, OAuth. (Limits: test_fake_bitrix24_limits.py.)"""

import pytest

from fake_bitrix24_process import FakeBitrix24

TIME_KEYS = {"start", "finish", "duration", "processing", "date_start", "date_finish",
             "operating", "operating_reset_at"}


@pytest.fixture(scope="module")
def server():
    running = FakeBitrix24()
    yield running
    assert running.stop() == 0


@pytest.fixture
def portal(server):
    server.hook("reset")
    return server


def test_webhook_call_answers_the_success_envelope(portal):
    answer = portal.call("user.get", {"FILTER": {"ACTIVE": True}})
    assert answer.status == 200
    assert answer.headers["Content-Type"].startswith("application/json")
    body = answer.json()
    assert set(body) == {"result", "total", "time"}
    assert set(body["time"]) == TIME_KEYS
    assert body["total"] == 23 and len(body["result"]) == 23
    user = body["result"][0]
    assert user["ID"] == "1" and isinstance(user["ACTIVE"], bool)


def test_method_suffix_and_form_encoding_are_optional_forms(portal):
    answer = portal.form("user.get", {"FILTER[EMAIL]": "user4@realty.example.kz"})
    assert [user["ID"] for user in answer.json()["result"]] == ["4"]
    answer = portal.request("POST", "/rest/1/s3cr3tc0de4test/user.get?ID=5")
    assert [user["ID"] for user in answer.json()["result"]] == ["5"]


def test_pages_have_total_and_next_except_in_fast_mode(portal):
    portal.hook("seed_users", {"count": 120})
    first = portal.call("user.get", {"start": 0}).json()
    assert (len(first["result"]), first["total"], first["next"]) == (50, 120, 50)
    last = portal.call("user.get", {"start": 100}).json()
    assert len(last["result"]) == 20 and "next" not in last
    fast = portal.call("user.get", {"FILTER": {">ID": 100}, "sort": "ID", "order": "ASC",
                                    "start": -1}).json()
    assert [user["ID"] for user in fast["result"]] == [str(i) for i in range(101, 121)]
    assert "total" not in fast and "next" not in fast


@pytest.mark.parametrize("path, status, code", [
    ("/rest/1/wrong-code/user.get.json", 401, "NO_AUTH_FOUND"),
    ("/rest/2/s3cr3tc0de4test/user.get.json", 401, "NO_AUTH_FOUND"),
    ("/rest/1/s3cr3tc0de4test/user.gett.json", 404, "ERROR_METHOD_NOT_FOUND"),
    ("/rest/user.get.json", 401, "NO_AUTH_FOUND"),
])
def test_errors_use_the_documented_status_and_envelope(portal, path, status, code):
    answer = portal.request("POST", path, "{}", {"Content-Type": "application/json"})
    assert answer.status == status
    body = answer.json()
    assert set(body) == {"error", "error_description"} and body["error"] == code


def test_method_errors_and_scopes(portal):
    answer = portal.call("tasks.task.add", {"fields": {"TITLE": "no one"}})
    assert (answer.status, answer.json()["error"]) == (400, "ERROR_CORE")
    portal.hook("configure", {"scopes": ["user"]})
    answer = portal.call("crm.item.list", {"entityTypeId": 2})
    assert (answer.status, answer.json()["error"]) == (403, "insufficient_scope")
    assert portal.stats()["errors"] == {"ERROR_CORE": 1, "insufficient_scope": 1}


def test_tasks_go_in_upper_case_and_come_out_camel_case(portal):
    task = portal.call("tasks.task.add", {"fields": {"TITLE": "Call", "RESPONSIBLE_ID": 3}}).json()
    assert task["result"]["task"]["responsibleId"] == "3"
    listed = portal.call("tasks.task.list", {"filter": {"RESPONSIBLE_ID": 3}}).json()
    assert listed["total"] == 1 and listed["result"]["tasks"][0]["title"] == "Call"


def test_calendar_notifications_and_crm(portal):
    event = portal.call("calendar.event.add", {"type": "user", "ownerId": 3, "from": "2025-03-01",
                                               "to": "2025-03-01", "section": 2, "name": "Visit"})
    assert isinstance(event.json()["result"], int)
    missing = portal.call("calendar.event.add", {"type": "user", "ownerId": 3})
    assert missing.status == 400
    got = portal.call("calendar.event.get", {"type": "user", "ownerId": 3}).json()["result"]
    assert got[0]["NAME"] == "Visit" and got[0]["SECTION_ID"] == "2"
    assert isinstance(portal.call("im.notify.system.add",
                                  {"USER_ID": 3, "MESSAGE": "hi"}).json()["result"], int)
    deal = portal.call("crm.item.add", {"entityTypeId": 2, "fields": {"title": "Flat"}}).json()
    item = deal["result"]["item"]
    assert isinstance(item["id"], int) and item["stageId"] == "NEW"
    updated = portal.call("crm.item.update", {"entityTypeId": 2, "id": item["id"],
                                              "fields": {"stageId": "WON"}}).json()
    assert updated["result"]["item"]["stageId"] == "WON"
    unknown = portal.call("crm.item.add", {"entityTypeId": 99, "fields": {}})
    assert (unknown.status, unknown.json()["error"]) == (400, "NOT_FOUND")


def test_batch_runs_commands_with_references_and_per_command_errors(portal):
    answer = portal.call("batch", {"halt": 0, "cmd": {
        "t": "tasks.task.add?fields[TITLE]=x&fields[RESPONSIBLE_ID]=2",
        "u": "user.get?ID=$result[t][task][responsibleId]",
        "bad": "tasks.task.add?fields[TITLE]=y",
        "gone": "no.such.method",
    }})
    assert answer.status == 200
    inner = answer.json()["result"]
    assert set(inner) == {"result", "result_error", "result_total", "result_next", "result_time"}
    assert inner["result"]["u"][0]["ID"] == "2"
    assert inner["result_error"]["bad"]["error"] == "ERROR_CORE"
    assert inner["result_error"]["gone"]["error"] == "ERROR_METHOD_NOT_FOUND"
    assert inner["result_total"] == {"u": 1}
    assert inner["result_next"] == []  # PHP's empty array
    assert set(inner["result_time"]["t"]) == TIME_KEYS


def test_batch_halt_and_limits(portal):
    answer = portal.call("batch", {"halt": 1, "cmd": {"a": "tasks.task.add?fields[TITLE]=y",
                                                      "b": "user.get"}}).json()["result"]
    assert list(answer["result_error"]) == ["a"] and answer["result"] == []
    too_long = portal.call("batch", {"cmd": {f"c{i}": "user.get" for i in range(51)}})
    assert (too_long.status, too_long.json()["error"]) == (400, "ERROR_BATCH_LENGTH_EXCEEDED")
    nested = portal.call("batch", {"cmd": {"a": "batch?cmd[b]=user.get"}})
    assert (nested.status, nested.json()["error"]) == (405, "ERROR_BATCH_METHOD_NOT_ALLOWED")


def test_oauth_refresh_issues_new_tokens_and_spends_the_old_refresh_token(portal):
    assert portal.call("user.get", {"auth": "initial-access-token"}, prefix="/rest").status == 200
    portal.hook("expire_tokens")
    expired = portal.call("user.get", {"auth": "initial-access-token"}, prefix="/rest")
    assert (expired.status, expired.json()["error"]) == (401, "expired_token")
    query = ("grant_type=refresh_token&client_id=local.test0app.000001"
             "&client_secret=client-secret-for-tests&refresh_token=initial-refresh-token")
    tokens = portal.request("GET", f"/oauth/token/?{query}").json()
    assert {"access_token", "refresh_token", "expires_in", "client_endpoint", "member_id"} <= set(tokens)
    assert tokens["client_endpoint"] == f"http://127.0.0.1:{portal.port}/rest/"
    fresh = portal.request("POST", f"/rest/user.get.json?auth={tokens['access_token']}")
    assert fresh.status == 200
    again = portal.request("GET", f"/oauth/token/?{query}")
    assert (again.status, again.json()["error"]) == (400, "invalid_grant")
    assert portal.stats()["refreshes"] == 1


def test_fail_next_injects_envelopes_or_proxy_pages(portal):
    portal.hook("fail_next", {"count": 1, "status": 502})
    page = portal.call("user.get")
    assert page.status == 502 and page.headers["Content-Type"].startswith("text/html")
    portal.hook("fail_next", {"count": 1, "status": 500, "error": "INTERNAL_SERVER_ERROR",
                              "description": "boom"})
    assert portal.call("user.get").json() == {"error": "INTERNAL_SERVER_ERROR",
                                              "error_description": "boom"}
    assert portal.call("user.get").status == 200
