"""The typed methods and records of odoobridge.bitrix24 against the fake portal: users (lazy
lists, find by e-mail), tasks, calendar events, notifications and CRM deals and leads, as
record objects with attributes; and the records themselves (construction, conversion,
checks, equality, copies)."""

import copy

import pytest

from binding_support import odoobridge
from bitrix24_binding_support import portal, portal_server, webhook_client  # noqa: F401
from odoobridge import bitrix24


def test_users_find_by_email_and_lazy_list(portal):
    with webhook_client(portal) as client:
        user = client.find_user_by_email("USER4@realty.example.kz")
        assert isinstance(user, bitrix24.User)
        assert (user.ID, user.NAME, user.EMAIL, user.UF_DEPARTMENT) == \
            (4, "Saule", "user4@realty.example.kz", [2])
        assert user.ACTIVE is True and user.DATE_REGISTER == "2023-02-01T09:00:00+05:00"
        assert client.find_user_by_email("nobody@example.kz") is None
        with pytest.raises(odoobridge.ConfigurationError, match="non-empty e-mail"):
            client.find_user_by_email("")
        active = list(client.list_users({"ACTIVE": True}))
        assert len(active) == 23 and all(u.ACTIVE for u in active)
        everyone = client.list_users(mode="fast")
        assert [u.ID for u in everyone] == list(range(1, 26)) and everyone.total is None


def test_tasks(portal):
    with webhook_client(portal) as client:
        task = client.add_task(bitrix24.NewTask(TITLE="Call back", RESPONSIBLE_ID=3,
                                                DEADLINE="2025-03-01T18:00:00+05:00"))
        assert isinstance(task, bitrix24.Task)
        assert (task.title, task.responsibleId, task.status) == ("Call back", 3, "2")
        other = client.add_task({"TITLE": "Show the flat", "RESPONSIBLE_ID": 5, "PRIORITY": 2})
        assert other.id > task.id
        listed = list(client.list_tasks({"RESPONSIBLE_ID": 3}, ["ID", "TITLE"]))
        assert [t.id for t in listed] == [task.id]
        with pytest.raises(bitrix24.InvalidRequestError, match="999 not found") as refused:
            client.add_task({"TITLE": "nobody's", "RESPONSIBLE_ID": 999})
        assert refused.value.method == "tasks.task.add" and refused.value.http_status == 400
        with pytest.raises(odoobridge.ConfigurationError, match="RESPONSIBLE_ID is not set"):
            client.add_task({"TITLE": "nobody's"})
        with pytest.raises(TypeError, match="NewTask has no field 'TITEL'"):
            client.add_task({"TITEL": "typo", "RESPONSIBLE_ID": 1})
        with pytest.raises(TypeError, match="expected a NewTask or a dict"):
            client.add_task(["Call", 3])
    stored = portal.state()["tasks"]
    assert [t["title"] for t in stored] == ["Call back", "Show the flat"]


def test_calendar_events(portal):
    with webhook_client(portal) as client:
        event = bitrix24.NewCalendarEvent(type="user", ownerId=3, section=2, name="Viewing",
                                          from_="2025-03-01T10:00:00+05:00",
                                          to="2025-03-01T11:00:00+05:00", location="Medeu",
                                          is_meeting=True, attendees=[3, 5])
        event_id = client.add_calendar_event(event)
        assert isinstance(event_id, int)
        second = client.add_calendar_event({"ownerId": 3, "section": 2, "name": "Deal",
                                            "from": "2025-03-02", "to": "2025-03-02"})
        got = client.get_calendar_events(owner_id=3)
        assert [e.ID for e in got] == [event_id, second]
        assert isinstance(got[0], bitrix24.CalendarEvent)
        assert (got[0].NAME, got[0].SECTION_ID, got[0].LOCATION, got[0].IS_MEETING) == \
            ("Viewing", 2, "Medeu", True)
        assert client.get_calendar_events(owner_id=4, type="user") == []
        with pytest.raises(TypeError, match=r"type=\.\.\.\) takes Literal"):
            client.get_calendar_events(owner_id=3, type="personal")
        with pytest.raises(odoobridge.ConfigurationError):
            client.add_calendar_event({"ownerId": 3})


def test_notifications(portal):
    with webhook_client(portal) as client:
        first = client.notify_system(bitrix24.Notification(USER_ID=3, MESSAGE="New lead",
                                                           TAG="lead-7"))
        second = client.notify_personal({"USER_ID": 5, "MESSAGE": "Call me"})
        assert isinstance(first, int) and second != first
        with pytest.raises(odoobridge.ConfigurationError):
            client.notify_system({"USER_ID": 3})
    sent = portal.state()["notifications"]
    assert [(n["kind"], n["message"], n["tag"]) for n in sent] == \
        [("system", "New lead", "lead-7"), ("personal", "Call me", None)]


def test_crm_deals_and_leads(portal):
    with webhook_client(portal) as client:
        deal = client.crm_add(bitrix24.Deal(title="Flat 12", opportunity=45_000_000.0,
                                            currencyId="KZT", assignedById=3))
        assert isinstance(deal, bitrix24.Deal) and deal.id > 0 and deal.stageId == "NEW"
        won = client.crm_update(bitrix24.Deal, deal.id, {"stageId": "WON"})
        assert won.stageId == "WON" and won.title == "Flat 12"
        lead = client.crm_add(bitrix24.Lead(title="Website", name="Dana"))
        assert isinstance(lead, bitrix24.Lead) and lead.name == "Dana"
        assert [d.id for d in client.crm_list(bitrix24.Deal)] == [deal.id]
        assert [item.title for item in client.crm_list(bitrix24.Lead, {"name": "Dana"})] == \
            ["Website"]
        raw = client.crm_item_add(2, {"title": "Raw deal"})
        assert raw["title"] == "Raw deal"
        assert client.crm_item_update(2, raw["id"], {"stageId": "WON"})["stageId"] == "WON"
        with pytest.raises(TypeError, match="Deal or Lead"):
            client.crm_list(bitrix24.Task)
        with pytest.raises(TypeError, match="Deal has no field 'stage'"):
            client.crm_update(bitrix24.Deal, deal.id, {"stage": "WON"})
        with pytest.raises(odoobridge.ConfigurationError, match="id"):
            client.crm_update(bitrix24.Deal, deal.id, {"id": 5})


def test_records_convert_check_compare_and_copy():
    deal = bitrix24.Deal(title="Flat", opportunity="1500.50", assignedById="7")
    assert (deal.opportunity, deal.assignedById, deal.stageId) == (1500.5, 7, None)
    assert bitrix24.Deal.entity_type_id == 2 and bitrix24.Lead.entity_type_id == 1
    with pytest.raises(TypeError, match=r"Deal.opportunity takes float \| None"):
        deal.opportunity = [1]
    assert deal.opportunity == 1500.5  # unchanged after a refused assignment
    user = bitrix24.User.from_dict({"ID": "9", "ACTIVE": "N", "NAME": "Arman", "EMAIL": None,
                                    "UF_DEPARTMENT": ["1", 3], "UNKNOWN_FIELD": "ignored"})
    assert (user.ID, user.ACTIVE, user.EMAIL, user.UF_DEPARTMENT) == (9, False, "", [1, 3])
    assert user.to_dict()["ID"] == 9 and "DATE_REGISTER" in user.to_dict()
    assert copy.copy(user) == user and copy.deepcopy(user) == user and user != deal
    twin = copy.copy(user)
    twin.NAME = "Other"
    assert twin != user
    assert repr(user).startswith("User(ID=9, ACTIVE=False,")
    with pytest.raises(odoobridge.DecodeError) as bad:
        bitrix24.Task.from_dict({"id": "x1"})
    assert bad.value.field == "id"
    event = bitrix24.NewCalendarEvent(**{"from": "2025-01-01"}, to="2025-01-02")
    assert event.from_ == "2025-01-01" and "from_" in bitrix24.NewCalendarEvent.fields
    with pytest.raises(TypeError, match="has no field 'colour'"):
        bitrix24.NewCalendarEvent(colour="red")
    with pytest.raises(TypeError):
        hash(user)
