"""What the business-model helpers rely on: the report PDF route, invoices built with x2many
commands, crm.lead conversion / won / lost, and `=ilike` with escaped wildcards."""

import re
import xmlrpc.client
from types import SimpleNamespace

import pytest

import fake_odoo
from fake_odoo import behaviors, dispatch, report

_SESSION = {"jsonrpc": "2.0", "method": "call", "id": 1,
            "params": {"db": "testdb", "login": "admin", "password": "admin"}}


def call(env, model, method, *args, **kwargs):
    return dispatch.call_kw(env, model, method, list(args), kwargs)


def _cookie(server):
    answer = server.post_json("/web/session/authenticate", _SESSION)
    return answer.headers["Set-Cookie"].split(";")[0]


def _result(envelope):
    assert "error" not in envelope, envelope.get("error")
    return envelope["result"]


def _check_pdf_structure(pdf):
    """The xref table points at every object and startxref at the table."""
    assert pdf.startswith(b"%PDF-1.4\n") and pdf.endswith(b"%%EOF\n")
    startxref = int(re.search(rb"startxref\n(\d+)\n", pdf).group(1))
    assert pdf[startxref:startxref + 5] == b"xref\n"
    offsets = [int(entry) for entry in re.findall(rb"(\d{10}) 00000 n ", pdf)]
    for number, offset in enumerate(offsets, start=1):
        assert pdf[offset:].startswith(b"%d 0 obj\n" % number)


def _create_invoice(server, partner_id=12):
    lines = [[0, 0, {"name": "Commission ACC-003", "quantity": 1, "price_unit": 1740000}],
             [0, 0, {"name": "Photos", "quantity": 2, "price_unit": 25000,
                     "tax_ids": [[6, 0, [1]]]}]]
    return _result(server.execute_kw("account.move", "create", [{
        "move_type": "out_invoice", "partner_id": partner_id, "invoice_line_ids": lines}]))


def test_report_pdf_needs_a_web_session(odoo16):
    answer = odoo16.request("GET", "/report/pdf/account.report_invoice/3")
    assert answer.status == 303
    assert answer.headers["Location"] == \
        "/web/login?redirect=%2Freport%2Fpdf%2Faccount.report_invoice%2F3"
    login = odoo16.request("GET", "/web/login?redirect=%2Freport")
    assert login.status == 200 and login.content_type.startswith("text/html")
    assert b"oe_login_form" in login.body
    stale = odoo16.request("GET", "/report/pdf/account.report_invoice/3",
                           headers={"Cookie": "session_id=0123456789abcdef"})
    assert stale.status == 303


def test_invoice_with_lines_post_and_pdf(odoo16):
    move_id = _create_invoice(odoo16)
    (move,) = _result(odoo16.execute_kw("account.move", "read", [[move_id]], {
        "fields": ["state", "name", "invoice_line_ids", "amount_untaxed", "amount_total"]}))
    assert move["state"] == "draft" and len(move["invoice_line_ids"]) == 2
    assert (move["amount_untaxed"], move["amount_total"]) == (1790000.0, 1797500.0)
    assert _result(odoo16.execute_kw("account.move", "action_post", [[move_id]])) is False
    (posted,) = _result(odoo16.execute_kw("account.move", "read", [[move_id]],
                                          {"fields": ["state", "name", "invoice_date"]}))
    assert posted["state"] == "posted" and posted["name"].startswith("INV/")
    assert posted["invoice_date"]

    answer = odoo16.request("GET", f"/report/pdf/account.report_invoice/{move_id}",
                            headers={"Cookie": _cookie(odoo16)})
    assert answer.status == 200 and answer.content_type == "application/pdf"
    _check_pdf_structure(answer.body)
    assert f"(Invoice {posted['name']})".encode() in answer.body
    assert b"Commission ACC-003" in answer.body and b"Ready Mat" in answer.body

    assert _result(odoo16.execute_kw("account.move", "button_draft", [[move_id]])) is True
    (draft,) = _result(odoo16.execute_kw("account.move", "read", [[move_id]],
                                         {"fields": ["state"]}))
    assert draft["state"] == "draft"


def test_report_pdf_errors_like_odoo(odoo16):
    cookie = {"Cookie": _cookie(odoo16)}
    missing = odoo16.request("GET", "/report/pdf/account.report_invoice/999", headers=cookie)
    assert missing.status == 400 and missing.content_type.startswith("text/html")
    assert b"<p>Record does not exist or has been deleted.<br>(Record: account.move(999,), " \
           b"User: 2)</p>" in missing.body
    entry = _result(odoo16.execute_kw("account.move", "create", [{"move_type": "entry"}]))
    refused = odoo16.request("GET", f"/report/pdf/account.report_invoice/{entry}",
                             headers=cookie)
    assert refused.status == 400 and b"Only invoices could be printed." in refused.body
    for path in ("/report/pdf/account.no_such_report/3", "/report/pdf/account.report_invoice/x"):
        broken = odoo16.request("GET", path, headers=cookie)
        assert broken.status == 500 and b"Internal Server Error" in broken.body
    several = odoo16.request("GET", "/report/pdf/account.report_invoice/1,3", headers=cookie)
    assert several.status == 200 and several.body.count(b"/Type /Page ") == 2


def test_report_pdf_access_error_is_403(fake_app, monkeypatch):
    monkeypatch.setitem(behaviors._RESTRICTED, fake_odoo.DEMO_UID,
                        {"account.move": {"read"}})
    sid = fake_app.sessions.create("testdb", fake_odoo.DEMO_UID)
    request = SimpleNamespace(path="/report/pdf/account.report_invoice/3",
                              cookies={"session_id": sid})
    answer = report.handle(fake_app, request)
    assert answer.status == 403
    assert b"You are not allowed to access &#x27;Journal Entry&#x27;" in answer.body


def test_convert_opportunity_over_rpc_has_odoo_limits(orm_env):
    lead = call(orm_env, "crm.lead", "create",
                {"name": "Web lead", "type": "lead", "partner_id": 10})
    with pytest.raises(AttributeError, match="'int' object has no attribute 'id'"):
        call(orm_env, "crm.lead", "convert_opportunity", [lead], 10)
    assert call(orm_env, "crm.lead", "convert_opportunity", [lead], False) is True
    (row,) = call(orm_env, "crm.lead", "read", [lead],
                  fields=["type", "partner_id", "date_conversion"])
    assert row["type"] == "opportunity" and row["partner_id"] is False  # the customer is gone
    assert row["date_conversion"]


@pytest.mark.parametrize("action,partner,expected_partner", [
    ("exist", 12, 12), ("nothing", False, 10), ("create", False, None)])
def test_conversion_wizard(orm_env, action, partner, expected_partner):
    lead = call(orm_env, "crm.lead", "create", {
        "name": "Flat on Abay", "type": "lead", "contact_name": "Aigerim",
        "email_from": "aigerim@example.kz",
        "partner_id": 10 if action == "nothing" else False})
    context = {"active_model": "crm.lead", "active_id": lead, "active_ids": [lead]}
    wizard = call(orm_env, "crm.lead2opportunity.partner", "create",
                  {"name": "convert", "action": action, "partner_id": partner, "lead_id": lead},
                  context=context)
    result = call(orm_env, "crm.lead2opportunity.partner", "action_apply", [wizard],
                  context=context)
    assert result["res_model"] == "crm.lead" and result["res_id"] == lead
    assert None not in result.values()  # XML-RPC must be able to send it
    (row,) = call(orm_env, "crm.lead", "read", [lead], fields=["type", "partner_id"])
    assert row["type"] == "opportunity"
    if expected_partner is None:
        created = call(orm_env, "res.partner", "read", [row["partner_id"][0]],
                       fields=["name", "email"])
        assert created == [{"id": row["partner_id"][0], "name": "Aigerim",
                            "email": "aigerim@example.kz"}]
    else:
        assert row["partner_id"][0] == expected_partner


def test_conversion_wizard_needs_the_lead_in_the_context(orm_env):
    lead = call(orm_env, "crm.lead", "create", {"name": "No context", "type": "lead"})
    wizard = call(orm_env, "crm.lead2opportunity.partner", "create",
                  {"name": "convert", "action": "nothing", "lead_id": lead})
    with pytest.raises(IndexError):
        call(orm_env, "crm.lead2opportunity.partner", "action_apply", [wizard])
    (row,) = call(orm_env, "crm.lead", "read", [lead], fields=["type"])
    assert row["type"] == "lead"


def test_won_and_lost(orm_env):
    lead = call(orm_env, "crm.lead", "create", {"name": "Deal", "stage_id": 2})
    assert call(orm_env, "crm.lead", "action_set_lost", [lead], lost_reason_id=1) is None
    fields = ["active", "probability", "lost_reason_id", "date_closed", "stage_id"]
    (lost,) = call(orm_env, "crm.lead", "read", [lead], fields=fields)
    assert (lost["active"], lost["probability"], lost["lost_reason_id"]) == \
        (False, 0.0, [1, "Too expensive"])
    assert lost["date_closed"]
    assert call(orm_env, "crm.lead", "action_set_won", [lead]) is True
    (won,) = call(orm_env, "crm.lead", "read", [lead], fields=fields)
    assert (won["active"], won["probability"], won["lost_reason_id"], won["stage_id"]) == \
        (True, 100.0, False, [4, "Won"])
    assert won["date_closed"]
    with pytest.raises(Exception, match="Record does not exist"):
        call(orm_env, "crm.lead", "action_set_won", [999])


def test_action_set_lost_over_xmlrpc_commits_then_faults(odoo16):
    lead = _result(odoo16.execute_kw("crm.lead", "create", [{"name": "XML-RPC lead"}]))
    proxy = odoo16.xmlrpc("object")
    with pytest.raises(xmlrpc.client.Fault, match="cannot marshal None"):
        proxy.execute_kw("testdb", 2, "admin", "crm.lead", "action_set_lost", [[lead]],
                         {"lost_reason_id": 2})
    (row,) = _result(odoo16.execute_kw("crm.lead", "read", [[lead]],
                                       {"fields": ["active", "lost_reason_id"],
                                        "context": {"active_test": False}}))
    assert row["active"] is False and row["lost_reason_id"][0] == 2
    assert _result(odoo16.execute_kw("crm.lead", "action_set_lost", [[lead]])) is None


def test_eq_ilike_escapes_wildcards(orm_env):
    exact = call(orm_env, "res.partner", "create", {"name": "A", "email": "john_doe@x.kz"})
    call(orm_env, "res.partner", "create", {"name": "B", "email": "johnXdoe@x.kz"})
    assert call(orm_env, "res.partner", "search",
                [("email", "=ilike", "JOHN\\_DOE@X.KZ")]) == [exact]
    assert len(call(orm_env, "res.partner", "search",
                    [("email", "=ilike", "john_doe@x.kz")])) == 2
