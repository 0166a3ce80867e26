"""The fake server's /xmlrpc/2 endpoints against the Odoo 16 and 19 captures."""

import xmlrpc.client

import pytest

import fake_odoo

EXACT = [
    "common_version", "common_login", "common_login_bad_password", "common_authenticate",
    "db_list", "partner_search_read", "partner_read_image", "partner_search_count",
    "partner_search", "partner_name_search", "lead_search_read", "move_search_read",
    "move_line_read", "royal_estate_search_read", "partner_fields_get", "lead_fields_get",
    "move_fields_get", "royal_estate_fields_get", "royal_estate_image_fields_get",
    "error_access_error_demo", "error_access_error_demo_read_model", "error_private_method",
    "error_unknown_model", "error_user_error_post_empty_invoice", "error_wrong_password",
]

# faultCode 1 answers carry a traceback; only its last line ("Class: message") must match.
TRACEBACK_FAULTS = [
    "common_login_unknown_db", "error_unknown_db_execute", "error_bad_arguments",
    "error_bad_domain", "error_unknown_method", "error_malformed_xml", "error_unknown_endpoint",
]


def _fault(body):
    with pytest.raises(xmlrpc.client.Fault) as caught:
        xmlrpc.client.loads(body)
    return caught.value


@pytest.mark.parametrize("case", EXACT)
def test_answers_exactly_like_capture(odoo16, wire, case):
    answer, capture = wire.replay(odoo16, f"odoo16/xmlrpc/{case}.json")
    expected = capture["response"]
    assert answer.status == expected["status"] == 200
    assert answer.content_type == expected["headers"]["Content-Type"]
    assert answer.body.decode("utf-8") == expected["body"]


@pytest.mark.parametrize("case", TRACEBACK_FAULTS)
def test_traceback_faults_like_capture(odoo16, wire, case):
    answer, capture = wire.replay(odoo16, f"odoo16/xmlrpc/{case}.json")
    got, expected = _fault(answer.body), _fault(capture["response"]["body"])
    assert answer.status == 200
    assert got.faultCode == expected.faultCode == 1
    assert got.faultString.startswith("Traceback (most recent call last):\n")
    assert got.faultString.rstrip().splitlines()[-1] == \
        expected.faultString.rstrip().splitlines()[-1]


def test_fault_codes_per_exception_class(odoo16):
    proxy = odoo16.xmlrpc("object")
    cases = [
        (("res.users", "write", [[2], {"name": "x"}]), fake_odoo.DEMO_UID, "demo", 4),
        (("res.partner", "search", [[]]), fake_odoo.ADMIN_UID, "wrong", 3),
        (("res.partner", "write", [[999999], {"name": "x"}]), fake_odoo.ADMIN_UID, "admin", 2),
        (("estate.property", "create", [{"name": "x", "price": -1}]), 2, "admin", 2),
        (("res.partner", "read", [[1]], {"bad": 1}), fake_odoo.ADMIN_UID, "admin", 1),
    ]
    for call, uid, password, code in cases:
        with pytest.raises(xmlrpc.client.Fault) as caught:
            proxy.execute_kw("testdb", uid, password, *call)
        assert caught.value.faultCode == code, call


def test_missing_record_write_keeps_its_message(odoo16, wire):
    proxy = odoo16.xmlrpc("object")
    with pytest.raises(xmlrpc.client.Fault) as caught:
        proxy.execute_kw("testdb", 2, "admin", "res.partner", "write", [[999], {"name": "x"}])
    capture = wire.load("odoo16/xmlrpc/error_missing_record_write.json")
    expected = _fault(capture["response"]["body"])
    assert (caught.value.faultCode, caught.value.faultString) == (
        expected.faultCode, expected.faultString.replace("(44,)", "(999,)"))


def test_values_round_trip_with_xmlrpc_types(odoo16):
    proxy = odoo16.xmlrpc("object")
    lead_id = proxy.execute_kw("testdb", 2, "admin", "crm.lead", "create", [{
        "name": "Typed", "date_deadline": xmlrpc.client.DateTime("20261224T00:00:00"),
        "expected_revenue": 1.5}])
    record = proxy.execute_kw("testdb", 2, "admin", "crm.lead", "read", [[lead_id]],
                              {"fields": ["date_deadline", "expected_revenue", "partner_id"]})
    assert record == [{"id": lead_id, "date_deadline": "2026-12-24", "expected_revenue": 1.5,
                       "partner_id": False}]


def test_integers_beyond_32_bits(odoo16):
    """<i8> is accepted in requests; answering one is an OverflowError fault like Odoo 16."""
    call = ("<?xml version='1.0'?><methodCall><methodName>execute_kw</methodName><params>"
            "<param><value><string>testdb</string></value></param>"
            "<param><value><int>2</int></value></param>"
            "<param><value><string>admin</string></value></param>"
            "<param><value><string>res.partner</string></value></param>"
            "<param><value><string>write</string></value></param>"
            "<param><value><array><data><value><array><data><value><int>1</int></value>"
            "</data></array></value><value><struct><member><name>color</name>"
            "<value><i8>1099511627776</i8></value></member></struct></value>"
            "</data></array></value></param></params></methodCall>")
    written = odoo16.request("POST", "/xmlrpc/2/object", call)
    assert xmlrpc.client.loads(written.body)[0] == (True,)
    read = odoo16.execute_kw("res.partner", "read", [[1]], {"fields": ["color"]})
    assert read["result"] == [{"id": 1, "color": 2 ** 40}]
    with pytest.raises(xmlrpc.client.Fault) as caught:
        odoo16.xmlrpc("object").execute_kw("testdb", 2, "admin", "res.partner", "read", [[1]],
                                           {"fields": ["color"]})
    assert caught.value.faultCode == 1
    assert caught.value.faultString.rstrip().endswith("OverflowError: int exceeds XML-RPC limits")


def test_execute_and_positional_calls(odoo16):
    proxy = odoo16.xmlrpc("object")
    assert proxy.execute("testdb", 2, "admin", "res.partner", "search_count",
                         [["is_company", "=", True]]) == 8
    with pytest.raises(xmlrpc.client.Fault) as caught:
        proxy.execute_kw("testdb", 2, "admin", "res.partner", "search")
    assert caught.value.faultString.rstrip().endswith(
        "execute_kw() missing 1 required positional argument: 'args'")
    with pytest.raises(xmlrpc.client.Fault) as caught:
        proxy.nosuch("testdb", 2, "admin")
    assert caught.value.faultString.rstrip().endswith("NameError: Method not available nosuch")


def test_version_19_uses_the_19_prolog(odoo19, wire):
    answer, capture = wire.replay(odoo19, "odoo19/54_xmlrpc2_common_version.json")
    assert answer.body.decode("utf-8") == capture["response"]["body"]
    answer, capture = wire.replay(odoo19, "odoo19/56_xmlrpc2_fault_unknown_model.json",
                                  {"<ADMIN_API_KEY>": fake_odoo.ADMIN_API_KEY})
    assert answer.body.decode("utf-8") == capture["response"]["body"]
    answer, capture = wire.replay(odoo19, "odoo19/55_xmlrpc2_object_execute_kw.json",
                                  {"<ADMIN_API_KEY>": fake_odoo.ADMIN_API_KEY})
    got, _ = xmlrpc.client.loads(answer.body)
    expected, _ = xmlrpc.client.loads(capture["response"]["body"])
    wire.compatible(list(got), list(expected))
    assert len(got[0]) == 2
