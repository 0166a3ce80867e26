"""Outbound events through odoobridge.bitrix24: typed events from verified form bodies (bytes
or str), a wrong or missing application token refused, malformed bodies refused, and the
tokens kept out of repr and messages."""

from urllib.parse import urlencode

import pytest

from binding_support import odoobridge
from odoobridge import bitrix24

APP_TOKEN = "app-t0ken-5ecret-for-events"
ACCESS = "access-t0ken-in-event"


def body(event, data, token=APP_TOKEN, **extra):
    fields = {"event": event, "event_handler_id": "17", "ts": "1735700000",
              "auth[domain]": "realty.bitrix24.kz", "auth[member_id]": "m1",
              "auth[access_token]": ACCESS, "auth[scope]": "task,user"}
    if token is not None:
        fields["auth[application_token]"] = token
    fields.update(data)
    fields.update(extra)
    return urlencode(fields)


@pytest.mark.parametrize("as_bytes", [True, False])
def test_typed_events(as_bytes):
    def parse(text):
        return bitrix24.parse_event(text.encode() if as_bytes else text,
                                    APP_TOKEN.encode() if as_bytes else APP_TOKEN)

    user = parse(body("ONUSERADD", {"data[ID]": "42"}))
    assert type(user) is bitrix24.UserAdded and isinstance(user, bitrix24.Event)
    assert (user.user_id, user.event, user.handler_id, user.ts) == (42, "ONUSERADD", 17,
                                                                    1735700000)
    assert user.auth.domain == "realty.bitrix24.kz" and user.auth.access_token == ACCESS
    assert user.auth.application_token == APP_TOKEN and user.data == {"ID": "42"}
    task = parse(body("ontaskadd", {"data[FIELDS_AFTER][ID]": "3701"}))
    assert type(task) is bitrix24.TaskAdded and task.task_id == 3701 and task.event == "ONTASKADD"
    entry = parse(body("ONCALENDARENTRYADD", {"data[id]": "501"}))
    assert type(entry) is bitrix24.CalendarEntryAdded and entry.entry_id == 501
    other = parse(body("ONCRMDEALUPDATE", {"data[FIELDS][ID]": "77"}))
    assert type(other) is bitrix24.GenericEvent and other.data == {"FIELDS": {"ID": "77"}}
    for event in (user, task, entry, other, user.auth):
        assert APP_TOKEN not in repr(event) and ACCESS not in repr(event)
    assert "user_id=42" in repr(user) and "'<redacted>'" in repr(user.auth)


def test_wrong_or_missing_tokens_are_refused_without_showing_them():
    with pytest.raises(bitrix24.UnverifiedEventError, match="wrong auth") as wrong:
        bitrix24.parse_event(body("ONUSERADD", {"data[ID]": "1"}, token="forged-t0ken"),
                             APP_TOKEN)
    with pytest.raises(bitrix24.UnverifiedEventError, match="has no auth") as missing:
        bitrix24.parse_event(body("ONUSERADD", {"data[ID]": "1"}, token=None), APP_TOKEN)
    for error in (wrong.value, missing.value):
        text = str(error) + repr(error)
        assert APP_TOKEN not in text and "forged-t0ken" not in text and ACCESS not in text
        assert isinstance(error, odoobridge.Error)
    with pytest.raises(odoobridge.ConfigurationError, match="application token is empty"):
        bitrix24.parse_event(body("ONUSERADD", {"data[ID]": "1"}), "")


@pytest.mark.parametrize("text, message", [
    ("data[ID]=1", "without an 'event' field"),
    (body("ONUSERADD", {"data[NAME]": "x"}), r"without an integer data\[ID\]"),
    (body("ONTASKADD", {}), r"without an integer data\[FIELDS_AFTER\]"),
    (body("ONUSERADD", {"data[ID]": "1"}, ts="yesterday"), "'ts' is not an integer"),
    ("event=ONUSERADD&a=%zz", "unreadable Bitrix24 event body"),
])
def test_malformed_bodies_are_invalid_events(text, message):
    with pytest.raises(bitrix24.InvalidEventError, match=message) as raised:
        bitrix24.parse_event(text, APP_TOKEN)
    assert isinstance(raised.value, odoobridge.ProtocolError)
    assert raised.value.http_status == 0 and APP_TOKEN not in str(raised.value)


def test_argument_types_and_the_unverified_envelope():
    with pytest.raises(TypeError, match="body must be the POST body"):
        bitrix24.parse_event({"event": "ONUSERADD"}, APP_TOKEN)
    with pytest.raises(TypeError) as extra:
        bitrix24.parse_event("event=X", APP_TOKEN, "surplus")
    assert APP_TOKEN not in str(extra.value)
    envelope = bitrix24.parse_event_envelope(bytearray(body("ONUSERADD", {"data[ID]": "5"},
                                                            token="anything").encode()))
    assert type(envelope) is bitrix24.Event and envelope.data == {"ID": "5"}
    assert bitrix24.secrets_equal(APP_TOKEN, APP_TOKEN.encode())
    assert not bitrix24.secrets_equal(APP_TOKEN, APP_TOKEN[:-1])
    assert not bitrix24.secrets_equal("", "x")
