"""The fake server's JSON-2, /web/version and /doc-bearer against the Odoo 19 captures.

The captures come from another database (o19db, an alias here) whose demo records differ
from the Odoo 16 seed, so successful answers are compared by shape and errors by status,
class, message and arguments.
"""

import json

import pytest

import fake_odoo

KEYS = {"<ADMIN_API_KEY>": fake_odoo.ADMIN_API_KEY,
        "<RESTRICTED_API_KEY>": fake_odoo.DEMO_API_KEY}

SHAPES = ["02_json2_search_read", "03_json2_search_count", "04_json2_read", "05_json2_search",
          "06_json2_name_search", "07_json2_search_read_context", "15_json2_search_read_crm_lead",
          "30b_json2_no_db_header", "13_json2_error_missing_record_read"]

ERRORS = ["12_json2_error_missing_record", "20_json2_error_unknown_model",
          "21_json2_error_unknown_method", "22_json2_error_private_method",
          "23_json2_error_bad_argument", "23a_json2_error_bad_argument_typo",
          "23b_json2_error_missing_argument", "23c_json2_error_bad_argument_kwargs_method",
          "24_json2_error_bad_domain_field", "25_json2_error_ids_on_model_method",
          "26_json2_error_bad_key", "27_json2_error_no_auth", "28_json2_error_invalid_json",
          "29_json2_error_get_method", "30_json2_error_no_method_path",
          "31_json2_error_access", "32_json2_error_access_create"]

PAGES = ["30c_json2_wrong_db_header", "30d_json2_wrong_content_type"]


@pytest.mark.parametrize("case", SHAPES)
def test_successful_answers_have_capture_shape(odoo19, wire, case):
    answer, capture = wire.replay(odoo19, f"odoo19/{case}.json", KEYS)
    assert answer.status == capture["response"]["status"] == 200
    assert answer.content_type == capture["response"]["headers"]["Content-Type"]
    wire.compatible(answer.json(), capture["response"]["body"])


@pytest.mark.parametrize("case", ERRORS)
def test_errors_like_capture(odoo19, wire, case):
    answer, capture = wire.replay(odoo19, f"odoo19/{case}.json", KEYS)
    expected = capture["response"]
    assert answer.status == expected["status"]
    assert answer.content_type == expected["headers"]["Content-Type"]
    assert answer.headers.get("WWW-Authenticate") == expected["headers"].get("WWW-Authenticate")
    got = answer.json()
    assert list(got) == list(expected["body"])
    assert wire.error_fields(got) == wire.error_fields(expected["body"])


@pytest.mark.parametrize("case", PAGES)
def test_html_pages_like_capture(odoo19, wire, case):
    answer, capture = wire.replay(odoo19, f"odoo19/{case}.json", KEYS)
    assert answer.status == capture["response"]["status"]
    assert answer.content_type == capture["response"]["headers"]["Content-Type"]
    assert answer.body.decode("utf-8") == capture["response"]["body"]


def test_web_version_like_capture(odoo16, odoo19, wire):
    answer, capture = wire.replay(odoo19, "odoo19/01_web_version.json")
    assert answer.json() == capture["response"]["body"]
    assert answer.content_type == capture["response"]["headers"]["Content-Type"]
    assert odoo16.request("GET", "/web/version").json()["version"] == "16.0"


def test_crud_cycle_like_captures(odoo19):
    created = odoo19.json2("res.partner", "create", {"vals_list": [
        {"name": "JSON2 Throwaway Partner", "email": "throwaway@example.com",
         "is_company": False}]})
    (partner_id,) = created.json()
    single = odoo19.json2("res.partner", "create", {"vals_list": {"name": "Single"}}).json()
    assert single == [partner_id + 1]
    assert odoo19.json2("res.partner", "write", {"ids": [partner_id], "vals": {
        "phone": "+1 555 0100", "comment": "written via JSON-2"}}).json() is True
    read = odoo19.json2("res.partner", "read", {"ids": [partner_id],
                                                "fields": ["name", "email", "phone"]})
    assert read.json() == [{"id": partner_id, "name": "JSON2 Throwaway Partner",
                            "email": "throwaway@example.com", "phone": "+1 555 0100"}]
    recursive = odoo19.json2("res.partner", "write", {"ids": [partner_id],
                                                      "vals": {"parent_id": partner_id}})
    assert recursive.status == 422
    assert recursive.json()["message"] == "You cannot create recursive Partner hierarchies."
    assert odoo19.json2("res.partner", "unlink", {"ids": [partner_id]}).json() is True
    assert odoo19.json2("res.partner", "read", {"ids": [partner_id]}).json() == []


def test_empty_invoice_post_is_a_user_error(odoo16, odoo19, wire):
    expected = wire.load("odoo19/36_json2_error_user_error.json")["response"]
    for server, message in ((odoo19, expected["body"]["message"]),
                            (odoo16, "You need to add a line before posting.")):
        (move_id,) = server.json2("account.move", "create", {"vals_list": [
            {"move_type": "out_invoice", "partner_id": 10}]}).json()
        answer = server.json2("account.move", "action_post", {"ids": [move_id]})
        assert answer.status == expected["status"] == 422
        assert (answer.json()["name"], answer.json()["message"]) == (
            expected["body"]["name"], message)
        assert server.json2("account.move", "unlink", {"ids": [move_id]}).json() is True


def test_context_and_database_header(odoo19):
    archived = odoo19.json2("res.partner", "search_count", {
        "domain": [["active", "=", False]], "context": {"active_test": False}}).json()
    assert archived >= 1
    everyone = odoo19.json2("res.partner", "search_count", {
        "domain": [], "context": {"active_test": False, "lang": "en_US"}}).json()
    active = odoo19.json2("res.partner", "search_count", {"domain": []}).json()
    assert everyone == active + archived
    for header in ("testdb", "royaldb", "o19db"):
        answer = odoo19.json2("res.partner", "search_count", {"domain": []},
                              headers={"X-Odoo-Database": header})
        assert answer.json() == active
    charset = odoo19.json2("res.partner", "search_count", {"domain": []},
                           headers={"Content-Type": "application/json; charset=utf-8"})
    assert charset.status == 200


def test_doc_bearer_matches_capture_for_implemented_methods(odoo19, wire):
    captured = wire.load("odoo19/40_doc_bearer_res_partner.json")["response"]["body"]
    for method in ("GET", "POST"):
        answer = odoo19.request(method, "/doc-bearer/res.partner.json",
                                "{}" if method == "POST" else None,
                                {"Authorization": f"bearer {fake_odoo.ADMIN_API_KEY}",
                                 "Content-Type": "application/json"})
        assert answer.status == 200
        doc = answer.json()
        assert (doc["model"], doc["name"]) == (captured["model"], captured["name"])
        assert doc["fields"]["name"]["type"] == "char" and doc["fields"]["name"]["name"] == "name"
    implemented = set(doc["methods"])
    assert {"create", "read", "write", "unlink", "search", "search_count", "search_read",
            "name_search", "name_create", "fields_get", "read_group", "exists"} <= implemented
    for name in implemented & set(captured["methods"]):
        ours, theirs = doc["methods"][name], captured["methods"][name]
        assert ours["signature"] == theirs["signature"], name
        assert list(ours["parameters"]) == list(theirs["parameters"]), name
        assert ours.get("api") == theirs.get("api"), name
        for param, spec in ours["parameters"].items():
            assert {k: v for k, v in spec.items() if k != "doc"} == \
                {k: v for k, v in theirs["parameters"][param].items() if k != "doc"}, name


def test_doc_bearer_of_model_specific_methods_and_index(odoo19):
    auth = {"Authorization": f"bearer {fake_odoo.ADMIN_API_KEY}"}
    move = odoo19.request("GET", "/doc-bearer/account.move.json", None, auth).json()
    assert move["methods"]["action_post"] == {"signature": "() -> typing.Literal[False]",
                                              "parameters": {},
                                              "return": {"annotation": "typing.Literal[False]"},
                                              "model": "account.move", "module": "account"}
    assert "name_get" not in move["methods"]
    index = odoo19.request("GET", "/doc-bearer/index.json", None, auth).json()
    assert "estate.property" in {model["model"] for model in index["models"]}
    assert odoo19.request("GET", "/doc-bearer/res.partner.json").status == 401
    assert odoo19.request("GET", "/doc-bearer/no.such.json", None, auth).status == 404


def test_json2_works_on_version_16_too(odoo16):
    answer = odoo16.json2("res.partner", "search_read", {
        "domain": [["is_company", "=", True]], "fields": ["name"], "limit": 2})
    assert answer.json() == [{"id": 14, "name": "Azure Interior"},
                             {"id": 10, "name": "Deco Addict"}]
    body = json.dumps({"domain": []})
    demo = odoo16.request("POST", "/json/2/ir.config_parameter/search_read", body, {
        "Authorization": f"Bearer {fake_odoo.DEMO_API_KEY}", "Content-Type": "application/json"})
    assert demo.status == 403 and demo.json()["name"] == "odoo.exceptions.AccessError"
