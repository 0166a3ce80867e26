"""odoobridge.odoo.Model through the binding, on every protocol against the fake Odoo 16
server: search, search_read, read, create (one and many), write, unlink, search_count,
read_group, name_search, fields_get, exists, call, and stream() as a Python iterator."""

import datetime

import pytest

from binding_support import client, connect, odoo, odoobridge  # noqa: F401
from odoobridge.odoo import F


def test_search_and_search_read_agree(client):
    partners = client.model("res.partner")
    assert partners.name == "res.partner" and partners.client is client
    ids = partners.search(F("is_company"), order="id", limit=3)
    assert ids == sorted(ids) and len(ids) == 3
    assert partners.search(F("is_company"), order="id", offset=1, limit=2) == ids[1:]
    records = partners.search_read(F("is_company"), ["name"], order="id", limit=3)
    assert [record["id"] for record in records] == ids
    assert all(set(record) == {"id", "name"} for record in records)
    raw = partners.search_read([["is_company", "=", True]], ["name"], order="id", limit=3)
    assert raw == records
    assert partners.search_count(F("is_company")) == len(partners.search(F("is_company")))
    assert partners.search_count() == client.execute_kw("res.partner", "search_count", [[]])


def test_read_takes_one_id_or_many_and_skips_missing_ones(client):
    partners = client.model("res.partner")
    first, second = partners.search(order="id", limit=2)
    assert [r["id"] for r in partners.read([first, second], ["name"])] == [first, second]
    assert partners.read(first, ["name"])[0]["id"] == first
    assert partners.read((first,), ["name"]) == partners.read(first, ["name"])
    assert [r["id"] for r in partners.read([first, 999_999], ["name"])] == [first]
    assert "email" in partners.read(first)[0]  # all fields without a list


def test_create_write_unlink_round_trip(client):
    partners = client.model("res.partner")
    new_id = partners.create({"name": "Binding Test", "email": "binding@example.kz"})
    assert isinstance(new_id, int)
    more = partners.create([{"name": "Binding A"}, {"name": "Binding B"}])
    assert len(more) == 2 and all(isinstance(i, int) for i in more)
    assert partners.write([new_id, *more], {"phone": "+7 700 000 00 00"}) is None
    phones = {r["id"]: r["phone"] for r in partners.read([new_id, *more], ["phone"])}
    assert phones == dict.fromkeys([new_id, *more], "+7 700 000 00 00")
    partners.write(new_id, {"email": False}, idempotent=True)
    assert partners.read(new_id, ["email"])[0]["email"] is False
    assert partners.exists([more[0], new_id, 999_999]) == [more[0], new_id]
    partners.unlink(more)
    assert partners.exists(more) == []


def test_values_of_every_python_type_reach_the_server(client):
    properties = client.model("estate.property")
    when = datetime.date(2025, 5, 15)
    new_id = properties.create({
        "name": "Binding flat", "price": 45_000_000.0, "deal_type": "sale",
        "property_type": "apartment", "rooms": 2, "area": 55.5, "has_parking": True,
        "deal_date": when, "description": None, "district": "medeu"})
    record = properties.read(new_id, ["price", "rooms", "area", "has_parking", "deal_date",
                                      "description", "district"])[0]
    assert record == {"id": new_id, "price": 45_000_000.0, "rooms": 2, "area": 55.5,
                      "has_parking": True, "deal_date": "2025-05-15", "description": False,
                      "district": "medeu"}
    assert new_id in properties.search(F("deal_date") == when)
    assert new_id not in properties.search(F("deal_date") > when)
    images = client.model("estate.property.image")
    image_id = images.create({"property_id": new_id, "thumbnail": b"\x89PNG\r\n\x1a\n\x00\xff",
                              "s3_key": "k"})
    assert images.read(image_id, ["thumbnail"])[0]["thumbnail"] == "iVBORw0KGgoA/w=="


def test_unsupported_values_are_refused_with_their_position(client):
    partners = client.model("res.partner")
    with pytest.raises(TypeError, match=r"values\['category_id'\]\[1\]: a set cannot be sent"):
        partners.create({"name": "x", "category_id": [1, {2}]})
    with pytest.raises(TypeError, match="create.. takes the field values as a dict"):
        partners.create("name=x")
    with pytest.raises(TypeError, match=r"fields must be a list of field names, not str; "
                                        r"write \['name'\]"):
        partners.search_read(None, "name")
    with pytest.raises(TypeError, match="ids must be record ids"):
        partners.read([1, True])
    with pytest.raises(TypeError, match="ids must be an int or a list of ints"):
        partners.read("1")
    with pytest.raises(TypeError, match="domain must be a Domain"):
        partners.search({"is_company": True})
    with pytest.raises(odoobridge.ConfigurationError, match="invalid domain"):
        partners.search([["is_company", "="]])


def test_read_group_name_search_fields_get(client):
    leads = client.model("crm.lead")
    groups = leads.read_group([], ["expected_revenue:sum"], ["stage_id"], lazy=False)
    assert groups and all("stage_id" in group and "__count" in group for group in groups)
    assert sum(group["__count"] for group in groups) == leads.search_count()
    partners = client.model("res.partner")
    pairs = partners.name_search("Deco", limit=5)
    assert pairs and all(isinstance(i, int) and "Deco" in name for i, name in pairs)
    assert partners.name_search("Deco", F("is_company") == False, limit=5) != pairs  # noqa: E712
    fields = partners.fields_get(["type", "string"])
    assert fields["name"] == {"type": "char", "string": "Name"}
    assert fields["parent_id"]["type"] == "many2one"


def test_call_runs_any_method(client):
    partners = client.model("res.partner")
    ids = partners.search(limit=2, order="id")
    assert partners.call("search_count", [[["id", "in", ids]]]) == 2
    assert partners.call("search_read", [[["id", "in", ids]]], {"fields": ["name"]},
                         context={"lang": "en_US"})[0]["id"] == ids[0]
    with pytest.raises(odoo.ServerError, match="no_such_method"):
        partners.call("no_such_method", [ids])


def test_stream_pages_by_id_and_yields_every_record(client, odoo16):
    partners = client.model("res.partner")
    expected = partners.search(order="id")
    stream = partners.stream(batch=5, fields=["name"])
    assert iter(stream) is stream and stream.pages_fetched == 0
    records = list(stream)
    assert [record["id"] for record in records] == expected
    assert all(set(record) == {"id", "name"} for record in records)
    assert stream.pages_fetched == len(expected) // 5 + 1
    with pytest.raises(StopIteration):
        next(stream)
    companies = list(partners.stream(F("is_company"), batch=2))
    assert [r["id"] for r in companies] == partners.search(F("is_company"), order="id")


def test_stream_errors_end_the_iteration(client):
    stream = client.model("no.such.model").stream()
    with pytest.raises(odoobridge.Error):
        next(stream)
    with pytest.raises(StopIteration):
        next(stream)
    with pytest.raises(odoobridge.ConfigurationError, match="batch size is 0"):
        client.model("res.partner").stream(batch=0)


def test_model_names_and_search_options_are_checked(client):
    with pytest.raises(odoobridge.ConfigurationError):
        client.model("")
    with pytest.raises(odoobridge.ConfigurationError, match="limit"):
        client.model("res.partner").search(limit=0)
    with pytest.raises(odoobridge.ConfigurationError, match="offset"):
        client.model("res.partner").search(offset=-1)
    assert repr(client.model("crm.lead")) == "<odoobridge.odoo.Model crm.lead>"
