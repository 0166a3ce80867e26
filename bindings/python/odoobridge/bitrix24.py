"""Bitrix24: the REST client (incoming webhook or OAuth application), batches, lazy lists,
typed methods, outbound events and Bitrix24's server errors.

    from odoobridge.bitrix24 import Client, NewTask, InvalidRequestError

    with Client(webhook_url=os.environ["BITRIX24_WEBHOOK_URL"]) as portal:
        for user in portal.list_users({"ACTIVE": True}):          # 2,500 users per request
            print(user.ID, user.NAME, user.EMAIL)
        task = portal.add_task(NewTask(TITLE="Call back", RESPONSIBLE_ID=5))
        done = portal.batch({"deal": ("crm.item.add", {"entityTypeId": 2,
                                                       "fields": {"title": "Flat 12"}}),
                             "note": ("im.notify.system.add",
                                      {"USER_ID": 5, "MESSAGE": "$result[deal][item][title]"})})
        done.errors                                       # {key: exception} of failed commands
        done["note"]                                      # raises that command's own error

The client keeps under the portal's limits (a leaky bucket shared by all threads, per-method
operating time, retries of limit refusals; 5xx answers and network errors are retried only
for reads or calls marked idempotent). Blocking calls release the GIL; Ctrl-C interrupts a
call in the main thread. Parameters go in as dicts of JSON-like values; records are classes
with one attribute per field, named as the portal names them (User.EMAIL, Task.responsibleId).
The webhook code and the tokens never appear in repr(), str() or exception messages.

Outbound events: parse_event(body, application_token) checks auth[application_token] in
constant time and returns UserAdded, TaskAdded, CalendarEntryAdded or GenericEvent.
"""

from typing import Union

from . import _native

_b24 = _native.bitrix24

Client = _b24.Client
Answer = _b24.Answer
OAuthTokens = _b24.OAuthTokens
BatchResult = _b24.BatchResult
BatchEntry = _b24.BatchEntry
ListIterator = _b24.ListIterator

User = _b24.User
NewTask = _b24.NewTask
Task = _b24.Task
NewCalendarEvent = _b24.NewCalendarEvent
CalendarEvent = _b24.CalendarEvent
Notification = _b24.Notification
Deal = _b24.Deal
Lead = _b24.Lead

Event = _b24.Event
EventAuth = _b24.EventAuth
UserAdded = _b24.UserAdded
TaskAdded = _b24.TaskAdded
CalendarEntryAdded = _b24.CalendarEntryAdded
GenericEvent = _b24.GenericEvent

ServerError = _b24.ServerError
LimitError = _b24.LimitError
QueryLimitExceededError = _b24.QueryLimitExceededError
OperationTimeLimitError = _b24.OperationTimeLimitError
OverloadLimitError = _b24.OverloadLimitError
AuthenticationError = _b24.AuthenticationError
TokenExpiredError = _b24.TokenExpiredError
AccessDeniedError = _b24.AccessDeniedError
InsufficientScopeError = _b24.InsufficientScopeError
MethodNotFoundError = _b24.MethodNotFoundError
InvalidRequestError = _b24.InvalidRequestError
BatchLengthExceededError = _b24.BatchLengthExceededError
BatchMethodNotAllowedError = _b24.BatchMethodNotAllowedError
InternalServerError = _b24.InternalServerError
PortalDeletedError = _b24.PortalDeletedError
SkippedCommandError = _b24.SkippedCommandError
InvalidEventError = _b24.InvalidEventError
UnverifiedEventError = _b24.UnverifiedEventError

is_read_method = _b24.is_read_method
encode_php_query = _b24.encode_php_query
decode_php_form = _b24.decode_php_form

#: What an event body or a secret may be given as.
Text = Union[bytes, bytearray, str]


def parse_event(body: Text, application_token: Union[bytes, str]) -> Event:
    """Decodes the form-encoded POST of a Bitrix24 event and verifies it.

    auth[application_token] must equal `application_token` (the token saved from the
    application's installation), compared in constant time. Returns UserAdded (ONUSERADD),
    TaskAdded (ONTASKADD), CalendarEntryAdded (ONCALENDARENTRYADD) or GenericEvent. Raises
    UnverifiedEventError for a missing or wrong token (answer 401/403 and do not act on it),
    InvalidEventError for a body that is not an event, odoobridge.ConfigurationError for an
    empty `application_token`.
    """
    return _b24.parse_event(body, application_token)


def parse_event_envelope(body: Text) -> Event:
    """Decodes an event's body WITHOUT verifying its token (for logging and tests): an Event
    with event, handler_id, ts, auth and data. Raises InvalidEventError."""
    return _b24.parse_event_envelope(body)


def secrets_equal(a: Union[bytes, str], b: Union[bytes, str]) -> bool:
    """Compares two secrets in time that depends only on their lengths."""
    return _b24.secrets_equal(a, b)


__all__ = [
    "AccessDeniedError",
    "Answer",
    "AuthenticationError",
    "BatchEntry",
    "BatchLengthExceededError",
    "BatchMethodNotAllowedError",
    "BatchResult",
    "CalendarEntryAdded",
    "CalendarEvent",
    "Client",
    "Deal",
    "Event",
    "EventAuth",
    "GenericEvent",
    "InsufficientScopeError",
    "InternalServerError",
    "InvalidEventError",
    "InvalidRequestError",
    "Lead",
    "LimitError",
    "ListIterator",
    "MethodNotFoundError",
    "NewCalendarEvent",
    "NewTask",
    "Notification",
    "OAuthTokens",
    "OperationTimeLimitError",
    "OverloadLimitError",
    "PortalDeletedError",
    "QueryLimitExceededError",
    "ServerError",
    "SkippedCommandError",
    "Task",
    "TaskAdded",
    "Text",
    "TokenExpiredError",
    "UnverifiedEventError",
    "User",
    "UserAdded",
    "decode_php_form",
    "encode_php_query",
    "is_read_method",
    "parse_event",
    "parse_event_envelope",
    "secrets_equal",
]
