"""The fake server's /jsonrpc against the Odoo 16 captures."""

import json

import pytest

import fake_odoo

# Captures whose answer depends only on the seed data: the fake must answer byte for byte.
EXACT = [
    "common_version", "common_login", "common_login_demo", "common_login_bad_password",
    "common_authenticate", "db_list", "partner_search_read", "partner_read_image",
    "partner_search_count", "partner_search", "partner_name_search", "lead_search_read",
    "move_search_read", "move_line_read", "royal_estate_search_read", "partner_fields_get",
    "lead_fields_get", "move_fields_get", "royal_estate_fields_get",
    "royal_estate_image_fields_get", "error_malformed_json",
]

# Error captures: same envelope, class, message and arguments; traceback frames differ.
ERRORS = [
    "common_login_unknown_db", "error_unknown_db_execute", "error_access_error_demo",
    "error_access_error_demo_read_model", "error_bad_arguments", "error_bad_domain",
    "error_private_method", "error_unknown_method", "error_unknown_model",
    "error_user_error_post_empty_invoice", "error_wrong_password",
]


@pytest.mark.parametrize("case", EXACT)
def test_answers_exactly_like_capture(odoo16, wire, case):
    answer, capture = wire.replay(odoo16, f"odoo16/jsonrpc/{case}.json")
    expected = capture["response"]
    assert answer.status == expected["status"]
    assert answer.content_type == expected["headers"]["Content-Type"]
    assert answer.body.decode("utf-8") == expected["body"]
    assert answer.headers["Content-Length"] == expected["headers"]["Content-Length"]


@pytest.mark.parametrize("case", ERRORS)
def test_errors_like_capture(odoo16, wire, case):
    answer, capture = wire.replay(odoo16, f"odoo16/jsonrpc/{case}.json")
    expected = json.loads(capture["response"]["body"])
    got = answer.json()
    assert answer.status == 200 and answer.content_type == "application/json; charset=utf-8"
    assert got["id"] == expected["id"]
    assert got["error"]["code"] == expected["error"]["code"] == 200
    assert got["error"]["message"] == expected["error"]["message"]
    assert wire.error_fields(got["error"]["data"]) == wire.error_fields(expected["error"]["data"])
    assert got["error"]["data"]["debug"].startswith("Traceback (most recent call last):\n")


def test_read_group_has_capture_shape_and_store_totals(odoo16, wire):
    answer, capture = wire.replay(odoo16, "odoo16/jsonrpc/lead_read_group.json")
    groups = answer.json()["result"]
    wire.compatible(groups, json.loads(capture["response"]["body"])["result"])
    leads = odoo16.execute_kw("crm.lead", "search_read", [[]],
                              {"fields": ["stage_id", "expected_revenue"]})["result"]
    for group in groups:
        members = [lead for lead in leads if lead["stage_id"] == group["stage_id"]]
        assert group["stage_id_count"] == len(members)
        assert group["expected_revenue"] == sum(lead["expected_revenue"] for lead in members)
        assert group["__domain"] == [["stage_id", "=", group["stage_id"][0]]]
        assert group["__fold"] is False
    assert [group["stage_id"][1] for group in groups] == ["New", "Qualified"]


def test_create_write_read_unlink_cycle_like_captures(odoo16, wire):
    created = odoo16.execute_kw("res.partner", "create", [
        {"name": "Wire Capture Co", "email": "wire@example.com", "is_company": True}])
    partner_id = created["result"]
    assert isinstance(partner_id, int)
    multi = odoo16.execute_kw("res.partner", "create", [[{"name": "Wire A"}, {"name": "Wire B"}]])
    assert multi["result"] == [partner_id + 1, partner_id + 2]
    write = odoo16.execute_kw("res.partner", "write", [[partner_id], {"phone": "+7 701 000 00 00"}])
    assert write == {"jsonrpc": "2.0", "id": 1, "result": True}
    read = odoo16.execute_kw("res.partner", "read", [[partner_id]], {"fields": ["phone", "name"]})
    assert read["result"] == [{"id": partner_id, "phone": "+7 701 000 00 00",
                               "name": "Wire Capture Co"}]
    lead = odoo16.execute_kw("crm.lead", "create", [{"name": "Wire lead", "partner_id": partner_id,
                                                      "expected_revenue": 48000000,
                                                      "tag_ids": [[6, 0, []]]}])["result"]
    assert odoo16.execute_kw("crm.lead", "unlink", [[lead]])["result"] is True
    ids = [partner_id, partner_id + 1, partner_id + 2]
    assert odoo16.execute_kw("res.partner", "unlink", [ids])["result"] is True
    gone = odoo16.execute_kw("res.partner", "read", [[partner_id]], {"fields": ["name"]})
    assert gone["result"] == []
    missing = odoo16.execute_kw("res.partner", "write", [[partner_id], {"name": "x"}])
    expected = json.loads(wire.load("odoo16/jsonrpc/error_missing_record_write.json")
                          ["response"]["body"])["error"]["data"]
    assert missing["error"]["data"]["name"] == expected["name"]
    assert missing["error"]["data"]["message"] == expected["message"].replace(
        "res.partner(41,)", f"res.partner({partner_id},)")


def test_required_field_and_sql_constraint_on_royal_estate_schema(odoo16, wire):
    required = odoo16.execute_kw("estate.property", "create", [{"price": 10}])["error"]["data"]
    captured = json.loads(wire.load("odoo16/jsonrpc/error_required_field.json")
                          ["response"]["body"])["error"]["data"]
    assert required["name"] == captured["name"] == "odoo.exceptions.ValidationError"
    assert required["message"] == captured["message"].replace("Title (name)", "Name (name)")
    negative = odoo16.execute_kw("estate.property", "create", [{"name": "Bad", "price": -5}])
    assert negative["error"]["data"]["name"] == "odoo.exceptions.ValidationError"
    assert negative["error"]["data"]["message"] == \
        "The operation cannot be completed: The price must be strictly positive"
    unnamed = odoo16.execute_kw("res.partner", "create", [{"email": "nobody@example.com"}])
    assert unnamed["error"]["data"]["message"] == \
        "The operation cannot be completed: Contacts require a name"


def test_api_key_is_accepted_as_password(odoo16):
    uid = odoo16.jsonrpc("common", "authenticate", "testdb", "admin", fake_odoo.ADMIN_API_KEY, {})
    assert uid["result"] == fake_odoo.ADMIN_UID
    result = odoo16.execute_kw("res.partner", "search_count", [[]],
                               password=fake_odoo.ADMIN_API_KEY)
    assert isinstance(result["result"], int)
    demo = odoo16.jsonrpc("common", "login", "royaldb", "demo", fake_odoo.DEMO_API_KEY)
    assert demo["result"] == fake_odoo.DEMO_UID
    wrong_user = odoo16.execute_kw("res.partner", "search", [[]], uid=fake_odoo.DEMO_UID,
                                   password=fake_odoo.ADMIN_API_KEY)
    assert wrong_user["error"]["data"]["name"] == "odoo.exceptions.AccessDenied"


def test_envelope_edge_cases(odoo16):
    no_id = odoo16.post_json("/jsonrpc", {"jsonrpc": "2.0", "method": "call", "params": {
        "service": "common", "method": "version", "args": []}}).json()
    assert no_id["id"] is None and no_id["result"]["server_version"] == "16.0"
    bad_service = odoo16.jsonrpc("nosuch", "version")["error"]["data"]
    assert bad_service["name"] == "builtins.KeyError" and bad_service["message"] == "'nosuch'"
    bad_method = odoo16.jsonrpc("common", "nosuch")["error"]["data"]
    assert bad_method["message"] == "Method not found: nosuch"
    not_object = odoo16.request("POST", "/jsonrpc", "[1, 2]")
    assert (not_object.status, not_object.body) == (400, b"Invalid JSON data")
    too_few = odoo16.jsonrpc("common", "login", "testdb", "admin")["error"]["data"]
    assert too_few["name"] == "builtins.TypeError"
    assert "missing 1 required positional argument: 'password'" in too_few["message"]


def test_version_19_reports_19_and_error_code_0(odoo19, wire):
    answer, capture = wire.replay(odoo19, "odoo19/50_jsonrpc_common_version.json")
    assert answer.json() == capture["response"]["body"]
    answer, capture = wire.replay(odoo19, "odoo19/53_jsonrpc_error_unknown_model.json",
                                  {"<ADMIN_API_KEY>": fake_odoo.ADMIN_API_KEY})
    got, expected = answer.json(), capture["response"]["body"]
    assert got["error"]["code"] == expected["error"]["code"] == 0
    assert list(got["error"]["data"]) == list(expected["error"]["data"])
    assert wire.error_fields(got["error"]["data"]) == wire.error_fields(expected["error"]["data"])
    private = odoo19.execute_kw("res.partner", "_read", [[]])["error"]["data"]
    assert private["message"] == \
        "Private methods (such as 'res.partner._read') cannot be called remotely."
