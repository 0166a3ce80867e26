"""ORM semantics of the fake server, in-process: CRUD, x2many commands, constraints, access."""

import pytest

import fake_odoo
from fake_odoo import dispatch
from fake_odoo.errors import AccessError, MissingError, UserError, ValidationError


def call(env, model, method, *args, **kwargs):
    return dispatch.call_kw(env, model, method, list(args), kwargs)


def read_one(env, model, record_id, fields):
    (record,) = call(env, model, "read", [record_id], fields=fields)
    return record


def test_create_returns_int_or_list_and_read_drops_missing_ids(orm_env):
    single = call(orm_env, "res.partner", "create", {"name": "One"})
    several = call(orm_env, "res.partner", "create", [{"name": "Two"}, {"name": "Three"}])
    assert isinstance(single, int) and several == [single + 1, single + 2]
    rows = call(orm_env, "res.partner", "read", [several[1], 999, single], fields=["name"])
    assert rows == [{"id": several[1], "name": "Three"}, {"id": single, "name": "One"}]
    assert call(orm_env, "res.partner", "exists", [single, 999]) == [single]
    assert call(orm_env, "res.partner", "name_get", [single]) == [[single, "One"]]


def test_read_formats(orm_env):
    record = read_one(orm_env, "crm.lead", 14, ["partner_id", "tag_ids", "date_deadline",
                                                 "lead_properties", "color", "email_cc"])
    assert record == {"id": 14, "partner_id": [10, "Deco Addict"], "tag_ids": [2],
                      "date_deadline": "2026-12-22", "lead_properties": False, "color": 0,
                      "email_cc": False}
    raw = call(orm_env, "crm.lead", "read", [14], fields=["partner_id"], load=None)
    assert raw == [{"id": 14, "partner_id": 10}]
    everything = read_one(orm_env, "estate.property", 4, None)
    assert everything["display_name"] == everything["name"] and everything["image_ids"] == []
    assert everything["create_uid"] == [1, "OdooBot"]
    with pytest.raises(ValueError, match="Invalid field 'nope' on model 'res.partner'"):
        call(orm_env, "res.partner", "read", [1], fields=["nope"])


def test_write_errors(orm_env):
    with pytest.raises(MissingError) as missing:
        call(orm_env, "res.partner", "write", [1, 999, 998], {"name": "x"})
    assert str(missing.value) == ("Record does not exist or has been deleted.\n"
                                  "(Record: res.partner(999,), User: 2)")
    with pytest.raises(ValueError, match="Invalid field 'nope' on model 'res.partner'"):
        call(orm_env, "res.partner", "write", [1], {"nope": 1})
    with pytest.raises(ValueError, match="Wrong value for estate.property.state: 'bogus'"):
        call(orm_env, "estate.property", "write", [4], {"state": "bogus"})
    with pytest.raises(ValueError, match="does not match format"):
        call(orm_env, "estate.property", "write", [4], {"deal_date": "15.05.2025"})
    with pytest.raises(ValidationError, match="Field: Name \\(name\\)"):
        call(orm_env, "estate.property", "write", [4], {"name": False})
    with pytest.raises(ValidationError, match="Constraint: crm_lead_partner_id_fkey"):
        call(orm_env, "crm.lead", "create", {"name": "x", "partner_id": 999})


def test_failed_call_changes_nothing(orm_env):
    before = call(orm_env, "res.partner", "search_count", [])
    with pytest.raises(ValidationError):
        call(orm_env, "res.partner", "create", [{"name": "Kept?"}, {"email": "no-name@x"}])
    assert call(orm_env, "res.partner", "search_count", []) == before


def test_datetime_and_float_values(orm_env):
    record_id = call(orm_env, "estate.property", "create", {
        "name": "Geo", "price": 1000000, "latitude": 43.26274331234, "deal_date": "2025-05-15",
        "owner_id": 41})
    record = read_one(orm_env, "estate.property", record_id,
                      ["latitude", "price", "deal_date", "owner_id", "state", "create_date"])
    assert record["latitude"] == 43.2627433 and record["price"] == 1000000.0
    assert record["deal_date"] == "2025-05-15" and record["owner_id"] == [41, "ACC Owner 0"]
    assert record["state"] == "new" and len(record["create_date"]) == 19
    call(orm_env, "estate.property", "write", [record_id], {"deal_date": "2025-06-01 09:30:00"})
    assert read_one(orm_env, "estate.property", record_id, ["deal_date"])["deal_date"] == \
        "2025-06-01"


def test_many2many_commands(orm_env):
    lead = call(orm_env, "crm.lead", "create", {"name": "Tags", "tag_ids": [[6, 0, [1, 2]]]})
    tags = lambda: read_one(orm_env, "crm.lead", lead, ["tag_ids"])["tag_ids"]
    assert tags() == [1, 2]
    call(orm_env, "crm.lead", "write", [lead], {"tag_ids": [[3, 1, 0], [4, 3, 0]]})
    assert tags() == [3, 2]
    call(orm_env, "crm.lead", "write", [lead], {"tag_ids": [[0, 0, {"name": "Alpha"}]]})
    (alpha,) = call(orm_env, "crm.tag", "search", [("name", "=", "Alpha")])
    assert tags() == [alpha, 3, 2]
    call(orm_env, "crm.lead", "write", [lead], {"tag_ids": [[1, alpha, {"name": "Zulu"}]]})
    assert tags() == [3, 2, alpha]
    call(orm_env, "crm.lead", "write", [lead], {"tag_ids": [[2, alpha]]})
    assert tags() == [3, 2] and call(orm_env, "crm.tag", "exists", [alpha]) == []
    call(orm_env, "crm.lead", "write", [lead], {"tag_ids": [1]})
    assert tags() == [1]
    call(orm_env, "crm.lead", "write", [lead], {"tag_ids": [[5]]})
    assert tags() == []
    with pytest.raises(ValidationError, match="crm_lead_crm_tag_rel_crm_tag_id_fkey"):
        call(orm_env, "crm.lead", "write", [lead], {"tag_ids": [[4, 999]]})
    with pytest.raises(ValueError, match="invalid x2many command"):
        call(orm_env, "crm.lead", "write", [lead], {"tag_ids": [[9, 1]]})


def test_one2many_commands_and_invoice_amounts(orm_env):
    move = call(orm_env, "account.move", "create", {
        "move_type": "out_invoice", "partner_id": 14, "date": "2026-11-30",
        "invoice_line_ids": [[0, 0, {"name": "Desk", "quantity": 2, "price_unit": 100.0,
                                     "tax_ids": [[6, 0, [1]]]}],
                             [0, 0, {"name": "Chair", "price_unit": 50.0, "discount": 10}]]})
    fields = ["amount_untaxed", "amount_tax", "amount_total", "invoice_line_ids", "state",
              "name", "display_name"]
    record = read_one(orm_env, "account.move", move, fields)
    desk, chair = record["invoice_line_ids"]
    assert (record["amount_untaxed"], record["amount_tax"], record["amount_total"]) == \
        (245.0, 30.0, 275.0)
    assert record["display_name"] == f"Draft Invoice (* {move})"
    call(orm_env, "account.move", "write", [move], {"invoice_line_ids": [
        [1, chair, {"quantity": 3}], [2, desk]]})
    record = read_one(orm_env, "account.move", move, fields)
    assert record["invoice_line_ids"] == [chair] and record["amount_total"] == 135.0
    assert call(orm_env, "account.move", "action_post", [move]) is False
    record = read_one(orm_env, "account.move", move, fields)
    assert (record["state"], record["name"]) == ("posted", "INV/2026/00004")
    with pytest.raises(UserError, match="already posted"):
        call(orm_env, "account.move", "action_post", [move])
    with pytest.raises(UserError, match="posted once"):
        call(orm_env, "account.move", "unlink", [move])
    call(orm_env, "account.move", "button_draft", [move])
    call(orm_env, "account.move", "unlink", [move])
    assert call(orm_env, "account.move.line", "exists", [chair]) == []


def test_one2many_link_and_unlink_on_partners(orm_env):
    call(orm_env, "res.partner", "write", [15], {"child_ids": [[4, 41], [4, 44]]})
    assert read_one(orm_env, "res.partner", 15, ["child_ids"])["child_ids"] == [41, 44]
    assert read_one(orm_env, "res.partner", 41, ["display_name"])["display_name"] == \
        "Lumber Inc, ACC Owner 0"
    call(orm_env, "res.partner", "write", [15], {"child_ids": [[3, 41]]})
    assert read_one(orm_env, "res.partner", 41, ["parent_id"])["parent_id"] is False
    call(orm_env, "res.partner", "write", [15], {"child_ids": [[6, 0, [45]]]})
    assert read_one(orm_env, "res.partner", 15, ["child_ids"])["child_ids"] == [45]
    with pytest.raises(ValidationError, match="recursive Partner hierarchies"):
        call(orm_env, "res.partner", "write", [15], {"parent_id": 45})
    with pytest.raises(MissingError):
        call(orm_env, "res.partner", "write", [15], {"child_ids": [[4, 999]]})


def test_unlink_references(orm_env):
    image = call(orm_env, "estate.property.image", "create", {"property_id": 4, "s3_key": "k"})
    assert read_one(orm_env, "estate.property", 4, ["image_ids"])["image_ids"] == [image]
    call(orm_env, "estate.property", "unlink", [4])
    assert call(orm_env, "estate.property.image", "exists", [image]) == []
    call(orm_env, "res.partner", "unlink", [10])
    assert read_one(orm_env, "crm.lead", 14, ["partner_id"])["partner_id"] is False
    with pytest.raises(ValidationError, match="Model: User \\(res.users\\)\nConstraint: "
                                              "res_users_partner_id_fkey"):
        call(orm_env, "res.partner", "unlink", [7])
    assert call(orm_env, "res.partner", "unlink", [999]) is True


def test_model_methods(orm_env):
    assert call(orm_env, "res.partner", "name_search", "Az", limit=2) == \
        [[14, "Azure Interior"], [26, "Azure Interior, Brandon Freeman"]]
    assert call(orm_env, "res.partner", "name_search", name="Deco",
                args=[("is_company", "=", True)]) == [[10, "Deco Addict"]]
    tag_id, label = call(orm_env, "crm.tag", "name_create", "Hot")
    assert label == "Hot" and call(orm_env, "crm.tag", "exists", [tag_id]) == [tag_id]
    assert call(orm_env, "res.partner", "search_count", [], limit=3) == 3
    described = call(orm_env, "crm.lead", "fields_get", ["stage_id", "nope"], ["type", "string"])
    assert described == {"stage_id": {"string": "Stage", "type": "many2one"}}
    assert call(orm_env, "estate.property", "default_get", ["state", "price"]) == {"state": "new"}
    call(orm_env, "res.partner", "action_archive", [41])
    assert call(orm_env, "res.partner", "search", [("id", "=", 41)]) == []
    call(orm_env, "res.partner", "action_unarchive", [41])
    assert call(orm_env, "res.partner", "search", [("id", "=", 41)]) == [41]


def test_read_group_variants(orm_env):
    groups = call(orm_env, "crm.lead", "read_group", [], ["expected_revenue:sum"],
                  ["stage_id", "user_id"], lazy=False, orderby="expected_revenue desc")
    assert [(g["stage_id"][0], g["user_id"][0], g["__count"]) for g in groups] == \
        [(1, 2, 1), (2, 2, 1), (1, 6, 1)]
    by_month = call(orm_env, "crm.lead", "read_group", [("stage_id", "=", 1)],
                    ["total:sum(expected_revenue)"], ["date_deadline:month"])
    assert by_month == [{"date_deadline_count": 2, "total": 64000.0,
                         "date_deadline:month": "December 2026",
                         "__range": {"date_deadline:month": {"from": "2026-12-01",
                                                             "to": "2027-01-01"}},
                         "__domain": ["&", "&", ("date_deadline", ">=", "2026-12-01"),
                                      ("date_deadline", "<", "2027-01-01"),
                                      ("stage_id", "=", 1)]}]
    lazy = call(orm_env, "crm.lead", "read_group", [], ["priority"], ["type", "stage_id"])
    assert lazy[0]["__context"] == {"group_by": ["stage_id"]} and lazy[0]["type_count"] == 3


def test_rpc_errors(orm_env):
    with pytest.raises(AccessError, match=r"^Private methods \(such as _read\)"):
        call(orm_env, "res.partner", "_read")
    with pytest.raises(UserError, match="^Object no.model doesn't exist$"):
        call(orm_env, "no.model", "search", [])
    with pytest.raises(AttributeError, match="The method 'nope' does not exist on the model"):
        call(orm_env, "res.partner", "nope")
    with pytest.raises(AttributeError):
        call(orm_env, "crm.tag", "action_archive", [1])
    with pytest.raises(TypeError, match=r"^BaseModel.read\(\) got an unexpected keyword"):
        call(orm_env, "res.partner", "read", [1], bogus=1)
    with pytest.raises(IndexError):
        dispatch.call_kw(orm_env, "res.partner", "read", [], {})


def test_demo_access_rights(fake_app):
    demo = fake_app.env(fake_app.db, fake_odoo.DEMO_UID)
    assert call(demo, "res.users", "read", [2], fields=["name"]) == [
        {"id": 2, "name": "Mitchell Admin"}]
    for method, args, verb in (("write", ([2], {"name": "x"}), "modify"),
                               ("create", ({"name": "x", "login": "x"},), "create"),
                               ("unlink", ([2],), "delete")):
        with pytest.raises(AccessError, match=f"You are not allowed to {verb} 'User'"):
            call(demo, "res.users", method, *args)
    with pytest.raises(AccessError, match="Administration/Settings"):
        call(demo, "ir.config_parameter", "search_read", [])
    assert call(demo, "crm.lead", "search_count", []) == 3
