"""The fake server's web-session routes against the Odoo 16 session captures."""

import json

import fake_odoo


def _cookie(answer):
    header = answer.headers["Set-Cookie"]
    assert header.startswith("session_id=")
    return header.split(";")[0]


def _authenticate(server, login="admin", password="admin", db="testdb"):
    return server.post_json("/web/session/authenticate", {
        "jsonrpc": "2.0", "method": "call", "id": 1,
        "params": {"db": db, "login": login, "password": password}})


def test_authenticate_like_capture(odoo16, wire):
    answer, capture = wire.replay(odoo16, "odoo16/session/authenticate.json")
    assert answer.status == 200 and answer.content_type == "application/json; charset=utf-8"
    assert answer.body.decode("utf-8") == capture["response"]["body"]
    expected_cookie = capture["response"]["headers"]["Set-Cookie"]
    got_cookie = answer.headers["Set-Cookie"]
    assert [part.split("=")[0].strip() for part in got_cookie.split(";")] == \
        [part.split("=")[0].strip() for part in expected_cookie.replace(";  ", "; ").split(";")]
    assert "Max-Age=604800" in got_cookie and "HttpOnly" in got_cookie


def test_bad_password_and_no_session_like_capture(odoo16, wire):
    for case in ("authenticate_bad_password", "call_kw_no_session"):
        answer, capture = wire.replay(odoo16, f"odoo16/session/{case}.json")
        expected = json.loads(capture["response"]["body"])
        got = answer.json()
        assert answer.status == 200 and "Set-Cookie" not in answer.headers
        assert (got["id"], got["error"]["code"], got["error"]["message"]) == (
            expected["id"], expected["error"]["code"], expected["error"]["message"])
        assert wire.error_fields(got["error"]["data"]) == \
            wire.error_fields(expected["error"]["data"])


def test_call_kw_with_cookie_like_capture(odoo16, wire):
    cookie = _cookie(_authenticate(odoo16))
    capture = wire.load("odoo16/session/call_kw_search_read.json")
    answer = odoo16.request("POST", capture["request"]["path"], capture["request"]["body"],
                            {"Cookie": cookie, "Content-Type": "application/json"})
    assert answer.body.decode("utf-8") == capture["response"]["body"]
    plain = odoo16.post_json("/web/dataset/call_kw", json.loads(capture["request"]["body"]),
                             {"Cookie": cookie})
    assert plain.body.decode("utf-8") == capture["response"]["body"]


def test_expired_sessions_and_reauthentication(odoo16):
    cookie = _cookie(_authenticate(odoo16))
    call = {"jsonrpc": "2.0", "method": "call", "id": 5,
            "params": {"model": "res.partner", "method": "search_count", "args": [[]],
                       "kwargs": {}}}
    assert "result" in odoo16.post_json("/web/dataset/call_kw", call, {"Cookie": cookie}).json()
    assert odoo16.request("POST", "/__test__/expire_sessions").json() == {"expired": 1}
    expired = odoo16.post_json("/web/dataset/call_kw", call, {"Cookie": cookie}).json()
    assert expired["error"]["code"] == 100 and expired["id"] is None
    fresh = _cookie(_authenticate(odoo16))
    assert fresh != cookie
    assert "result" in odoo16.post_json("/web/dataset/call_kw", call, {"Cookie": fresh}).json()
    destroyed = odoo16.post_json("/web/session/destroy", {"jsonrpc": "2.0", "id": 2, "params": {}},
                                 {"Cookie": fresh}).json()
    assert destroyed == {"jsonrpc": "2.0", "id": 2, "result": None}
    after = odoo16.post_json("/web/dataset/call_kw", call, {"Cookie": fresh}).json()
    assert after["error"]["data"]["name"] == "odoo.http.SessionExpiredException"


def test_demo_api_key_session_and_access_error(odoo16):
    answer = _authenticate(odoo16, "demo", fake_odoo.DEMO_API_KEY, db="royaldb")
    info = answer.json()["result"]
    assert (info["uid"], info["is_admin"], info["db"], info["username"]) == (
        fake_odoo.DEMO_UID, False, "royaldb", "demo")
    call = {"jsonrpc": "2.0", "method": "call", "id": 9,
            "params": {"model": "res.users", "method": "write",
                       "args": [[fake_odoo.ADMIN_UID], {"name": "Hacked"}], "kwargs": {}}}
    denied = odoo16.post_json("/web/dataset/call_kw/res.users/write", call,
                              {"Cookie": _cookie(answer)}).json()
    assert denied["error"]["data"]["name"] == "odoo.exceptions.AccessError"
    assert denied["id"] == 9


def test_session_routes_without_login(odoo16, odoo19):
    unknown_db = _authenticate(odoo16, db="no_such_db").json()
    assert unknown_db["error"]["data"]["name"] == "psycopg2.OperationalError"
    for server, serie in ((odoo16, "16.0"), (odoo19, "19.0")):
        version = server.post_json("/web/webclient/version_info", {"jsonrpc": "2.0", "id": 3,
                                                                   "params": {}}).json()
        assert version["result"] == server.jsonrpc("common", "version")["result"]
        assert version["result"]["server_serie"] == serie
        listing = server.post_json("/web/database/list", {"jsonrpc": "2.0", "id": 4,
                                                          "params": {}}).json()
        assert listing["result"] == ["testdb"]
    broken = odoo16.request("POST", "/web/session/authenticate", "{oops")
    assert (broken.status, broken.body) == (400, b"Invalid JSON data")
