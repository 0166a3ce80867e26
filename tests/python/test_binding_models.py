"""The typed models through the binding: record classes with converted attributes, typed
models (client.model(EstateProperty)) on every protocol, the helpers (Partners, Leads,
Invoices, invoice_line), and the errors only the typed layer raises (DecodeError,
SchemaMismatchError, AmbiguousMatchError)."""

import copy
import datetime

import pytest

from binding_support import PROTOCOLS, client, connect, odoo, odoobridge  # noqa: F401
from odoobridge.models import (AccountMove, AccountMoveLine, AmbiguousMatchError, CrmLead,
                               EstateProperty, EstatePropertyImage, Invoices, Leads, Partners,
                               ResPartner, invoice_line)
from odoobridge.odoo import Command, F, Many2one, X2many

RECORDS = [EstateProperty, EstatePropertyImage, ResPartner, CrmLead, AccountMove,
           AccountMoveLine]


@pytest.mark.parametrize("record", RECORDS, ids=lambda cls: cls.__name__)
def test_record_classes_describe_their_fields(record):
    assert record.__module__ == "odoobridge.models"
    assert record.fields[0] == "id" and tuple(record.__annotations__) == record.fields
    empty = record()
    assert set(empty.to_dict()) == set(record.fields)
    if record is AccountMove:  # its accounting date is required: no default
        with pytest.raises(odoobridge.ConfigurationError, match="date 0-0-0 cannot be sent"):
            empty.to_values()
        assert empty.date is None
    else:
        assert "id" not in empty.to_values()
    assert record.from_dict({"id": 7}).id == 7
    assert copy.copy(empty) == empty and copy.deepcopy(empty) is not empty


def test_attributes_convert_both_ways():
    p = EstateProperty(name="ACC-100", price=45_000_000, state="deposit", owner_id=44,
                       deal_date=datetime.date(2025, 5, 15), district=None)
    assert (p.name, p.price, p.state, p.district) == ("ACC-100", 45_000_000.0, "deposit", None)
    assert p.owner_id == Many2one(44) and int(p.owner_id) == 44
    assert p.deal_date == datetime.date(2025, 5, 15)
    p.deal_date = "2025-06-01"  # the wire form is accepted too
    p.owner_id = Many2one(45, "ACC Owner 4")
    p.image_ids = [3, 4]
    assert p.deal_date == datetime.date(2025, 6, 1) and p.owner_id.name == "ACC Owner 4"
    assert p.image_ids.ids == [3, 4] and p.image_ids.to_list() == [[6, 0, [3, 4]]]
    p.image_ids = [Command.link(5), Command.unlink(3)]
    assert p.to_values()["image_ids"] == [[4, 5, 0], [3, 3, 0]]
    p.owner_id = False  # Odoo's empty value
    assert p.owner_id is None and p.to_values()["owner_id"] is False
    image = EstatePropertyImage(thumbnail=b"\x89PNG\x00", property_id=4)
    assert image.thumbnail == b"\x89PNG\x00" and image.to_values()["thumbnail"] == "iVBORwA="
    lead = CrmLead(priority="3", date_deadline=datetime.date(2026, 1, 31))
    assert lead.priority == "3" and lead.to_values()["priority"] == "3"


@pytest.mark.parametrize("command, kind, wire", [
    (Command.create({"name": "x"}), "create", [0, 0, {"name": "x"}]),
    (Command.update(7, {"name": "y"}), "update", [1, 7, {"name": "y"}]),
    (Command.delete(7), "delete", [2, 7, 0]),
    (Command.unlink(7), "unlink", [3, 7, 0]),
    (Command.link(7), "link", [4, 7, 0]),
    (Command.clear(), "clear", [5, 0, 0]),
    (Command.set([3, 4]), "set", [6, 0, [3, 4]]),
])
def test_commands_write_odoos_triples(command, kind, wire):
    assert (command.kind, command.to_list()) == (kind, wire)
    assert command.id == (7 if kind in ("update", "delete", "unlink", "link") else 0)
    assert command.ids == ([3, 4] if kind == "set" else [])
    assert command.values == (wire[2] if kind in ("create", "update") else None)
    assert command == command and repr(command).startswith(f"Command.{kind}: ")
    assert X2many(commands=[command]).to_list() == [wire]


def test_commands_check_their_values():
    with pytest.raises(odoobridge.ConfigurationError, match="needs the field values as a JSON"):
        Command.create([1, 2])


def test_bad_attribute_values_name_the_field():
    p = EstateProperty()
    with pytest.raises(TypeError, match=r"EstateProperty.state takes Literal\['new'.*not 'bogus'"):
        p.state = "bogus"
    with pytest.raises(TypeError, match="EstateProperty.price takes float"):
        p.price = "cheap"
    with pytest.raises(TypeError, match="EstateProperty.name takes str"):
        p.name = None
    with pytest.raises(TypeError, match="EstateProperty has no field 'nope'; its fields are id, "):
        EstateProperty(nope=1)
    with pytest.raises(TypeError, match="a list of ids or a list of Commands, not a mix"):
        p.image_ids = [Command.link(1), 2]
    assert p == EstateProperty()  # nothing changed


def test_datetimes_are_naive_utc():
    move = AccountMove.from_dict({"id": 1, "date": "2026-03-18"})
    assert move.date == datetime.date(2026, 3, 18)
    partner = ResPartner.from_dict({"id": 3, "name": "X", "parent_id": [1, "YourCompany"]})
    assert partner.parent_id == Many2one(1, "YourCompany") and partner.email is None


def test_decode_error_names_the_field():
    with pytest.raises(odoobridge.DecodeError) as raised:
        EstateProperty.from_dict({"id": 12, "name": "x", "price": "a lot"})
    error = raised.value
    assert (error.model, error.record_id, error.field) == ("estate.property", 12, "price")
    assert error.expected and "a lot" in error.received


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_typed_model_round_trip(odoo16, protocol):
    with connect(odoo16, protocol) as client:
        properties = client.model(EstateProperty)
        assert properties.name == "estate.property" and properties.record_class is EstateProperty
        assert repr(properties) == "<odoobridge.models.EstatePropertyModel estate.property>"
        listed = properties.search_read(F("active"), order="id")
        assert listed and all(isinstance(p, EstateProperty) for p in listed)
        assert [p.id for p in listed] == properties.search(F("active"), order="id")
        new = EstateProperty(name="Binding flat", price=52_000_000, rooms=2, area=61.5,
                             district="medeu", deal_date=datetime.date(2025, 5, 15), owner_id=44)
        new_id = properties.create(new)
        stored = properties.read_one(new_id)
        assert stored.owner_id == Many2one(44, "ACC Owner 3")
        new.id, new.owner_id = new_id, stored.owner_id
        assert stored == new
        properties.write([new_id], {"state": "deposit", "deal_date": None, "price": 51e6})
        stored = properties.read([new_id])[0]
        assert (stored.state, stored.deal_date, stored.price) == ("deposit", None, 51e6)
        two = properties.create([EstateProperty(name="A", price=1.0),
                                 EstateProperty(name="B", price=2.0)])
        assert [p.name for p in properties.read(two)] == ["A", "B"]
        streamed = list(properties.stream(F("id").in_([new_id, *two]), batch=2))
        assert [p.id for p in streamed] == sorted([new_id, *two])
        assert properties.read_one(999_999) is None
        assert properties.search_count(F("id").in_(two)) == 2
        properties.unlink(two)
        assert properties.exists(two) == []
        assert properties.dynamic.read(new_id, ["name"])[0]["name"] == "Binding flat"
        with pytest.raises(TypeError, match="EstateProperty has no field 'colour'"):
            properties.write([new_id], {"colour": "red"})


@pytest.mark.parametrize("record", RECORDS, ids=lambda cls: cls.__name__)
def test_every_record_class_matches_the_server_schema(odoo16, record):
    with connect(odoo16) as client:
        client.model(record).verify_schema()
        assert all(isinstance(r, record) for r in client.model(record).search_read(limit=3))


def test_model_refuses_other_classes(client):
    with pytest.raises(TypeError, match="model name such as 'crm.lead' or a record class"):
        client.model(dict)


def test_partners_helpers(odoo16):
    with connect(odoo16) as client:
        partners = Partners(client)
        assert Partners.normalize_email(" Aigerim@Example.KZ ") == "aigerim@example.kz"
        with pytest.raises(odoobridge.ConfigurationError, match="not an email address"):
            Partners.normalize_email("nobody")
        created = partners.create_customer("Aigerim Sultanova", "Aigerim@Example.KZ",
                                           {"phone": "+7 701 000 00 00"})
        assert partners.ids_by_email("aigerim@example.kz") == [created]
        found = partners.find_by_email("AIGERIM@example.kz")
        assert [p.id for p in found] == [created] and found[0].customer_rank == 1
        result = partners.upsert_by_email("aigerim@example.kz", {"city": "Almaty"})
        assert (result.id, result.created) == (created, False)
        new_id, was_created = partners.upsert_by_email("new@example.kz", {"name": "New One"})
        assert was_created and partners.ids_by_email("new@example.kz") == [new_id]
        partners.model.create(ResPartner(name="Twin", email="new@example.kz"))
        with pytest.raises(AmbiguousMatchError) as raised:
            partners.upsert_by_email("new@example.kz", {"city": "Astana"})
        assert raised.value.model == "res.partner" and len(raised.value.ids) == 2
        assert isinstance(raised.value, odoobridge.Error)


def test_leads_helpers(odoo16):
    with connect(odoo16) as client:
        leads = Leads(client)
        lead = leads.create("2-room flat on Abay", {"contact_name": "Aigerim Sultanova",
                                                    "email_from": "aigerim@example.kz"})
        leads.convert_to_opportunity(lead, create_customer=True)
        row = leads.model.read_one(lead)
        assert row.type == "opportunity" and row.partner_id is not None
        leads.mark_won(lead)
        assert leads.model.read_one(lead).probability == 100
        other = leads.create("Office in Esentai")
        leads.mark_lost(other)
        lost = leads.model.search_read(F("id") == other, context={"active_test": False})[0]
        assert lost.active is False and lost.probability == 0
        with pytest.raises(odoo.MissingError):
            leads.convert_to_opportunity(999_999)


def test_invoices_helpers(odoo16):
    with connect(odoo16) as client:
        invoices = Invoices(client)
        line = invoice_line("Agency commission, ACC-003", 1, 1_740_000)
        assert line == {"name": "Agency commission, ACC-003", "quantity": 1.0,
                        "price_unit": 1_740_000.0}
        photos = invoice_line("Photo shoot", 2, 25_000, tax_ids=[1])
        invoice = invoices.create_customer_invoice(
            12, [line, photos], {"ref": "ACC-003",
                                 "invoice_date_due": datetime.date(2026, 12, 31)})
        move = invoices.get(invoice)
        assert isinstance(move, AccountMove) and move.state == "draft"
        assert move.invoice_date_due == datetime.date(2026, 12, 31)
        assert (move.amount_untaxed, move.amount_total) == (1_790_000, 1_797_500)
        lines = invoices.lines(invoice)
        assert [l.name for l in lines] == ["Agency commission, ACC-003", "Photo shoot"]
        assert lines[1].tax_ids == X2many([1])
        invoices.post(invoice)
        assert invoices.get(invoice).state == "posted"
        pdf = invoices.pdf(invoice)
        assert pdf.startswith(b"%PDF-") and b"Agency commission" in pdf
        invoices.reset_to_draft(invoice)
        assert invoices.get(invoice).state == "draft"
        with pytest.raises(odoobridge.ConfigurationError, match="an invoice line needs a label"):
            invoice_line("", 1, 1)
        with pytest.raises(TypeError, match="AccountMoveLine has no field 'colour'"):
            invoice_line("x", 1, 1, colour="red")


def test_decode_json_reads_records_straight_from_bytes(odoo19):
    import json
    answer = odoo19.json2("res.partner", "search_read",
                          {"domain": [["is_company", "=", True]], "fields": list(ResPartner.fields)})
    assert answer.status == 200
    decoded = ResPartner.decode_json(answer.body)
    expected = [ResPartner.from_dict(row) for row in json.loads(answer.body)]
    assert decoded == expected and len(decoded) > 1
    assert ResPartner.decode_json(answer.body.decode()) == expected  # str works too
    with pytest.raises(odoobridge.MalformedResponseError):
        ResPartner.decode_json(answer.body[:-5])
    with pytest.raises(odoobridge.DecodeError, match="is_company"):
        ResPartner.decode_json(b'[{"id": 2, "is_company": "yes"}]')
    with pytest.raises(TypeError, match="must be bytes or str"):
        ResPartner.decode_json(bytearray(answer.body))
