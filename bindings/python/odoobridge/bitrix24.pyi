"""Type stubs of odoobridge.bitrix24: the Bitrix24 client, its records, batches, lists, outbound
events and Bitrix24's server errors."""

import builtins
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import TracebackType
from typing import Any, ClassVar, Literal, TypeVar, Union

from . import Error, ProtocolError
from . import ServerError as _ServiceError

_T = TypeVar("_T")

Text = Union[bytes, bytearray, str]
_PageMode = Literal["batched", "classic", "fast"]

class OAuthTokens:
    """The tokens of an OAuth application after a refresh (repr() masks the secrets)."""

    @property
    def access_token(self) -> str: ...
    @property
    def refresh_token(self) -> str: ...
    @property
    def expires_in(self) -> int: ...
    @property
    def client_endpoint(self) -> str: ...
    @property
    def server_endpoint(self) -> str: ...
    @property
    def member_id(self) -> str: ...
    @property
    def scope(self) -> str: ...
    @property
    def domain(self) -> str: ...

class Answer:
    """A method's whole answer (Client.call_answer)."""

    @property
    def result(self) -> Any: ...
    @property
    def total(self) -> int | None: ...
    @property
    def next(self) -> int | None: ...
    @property
    def time(self) -> dict[str, Any]: ...

class BatchEntry:
    """What one batch command returned: its result, or its typed error."""

    @property
    def key(self) -> str: ...
    @property
    def method(self) -> str: ...
    @property
    def ok(self) -> bool: ...
    @property
    def result(self) -> Any: ...
    @property
    def error(self) -> Error | None: ...
    @property
    def total(self) -> int | None: ...
    @property
    def next(self) -> int | None: ...
    def value(self) -> Any: ...

class BatchResult:
    """The outcomes of Client.batch, one per command, in command order."""

    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[str]: ...
    def __contains__(self, key: str) -> bool: ...
    def __getitem__(self, key: str) -> Any: ...
    def value(self, key: str) -> Any: ...
    def ok(self, key: str) -> bool: ...
    def error(self, key: str) -> Error | None: ...
    @property
    def entries(self) -> list[BatchEntry]: ...
    @property
    def results(self) -> dict[str, Any]: ...
    @property
    def errors(self) -> dict[str, Error]: ...
    @property
    def failed_keys(self) -> list[str]: ...
    def rethrow_first_error(self) -> None: ...
    @property
    def requests(self) -> int: ...

class ListIterator(Iterator[Any]):
    """The rows of a list method, fetched page by page as iteration reaches them."""

    def __iter__(self) -> ListIterator: ...
    def __next__(self) -> Any: ...
    @property
    def total(self) -> int | None: ...
    @property
    def requests(self) -> int: ...

class _Record:
    """What every record class has (each adds one attribute per field)."""

    fields: ClassVar[tuple[str, ...]]
    def __init__(self, **fields: Any) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self: _T) -> _T: ...
    def __deepcopy__(self: _T, memo: Any) -> _T: ...
    __hash__: None  # type: ignore[assignment]

class User(_Record):
    """A portal user (user.get), UPPER_CASE as the portal sends it."""

    ID: int
    ACTIVE: bool
    XML_ID: str
    NAME: str
    LAST_NAME: str
    SECOND_NAME: str
    EMAIL: str
    PERSONAL_MOBILE: str
    PERSONAL_PHONE: str
    WORK_PHONE: str
    WORK_POSITION: str
    UF_DEPARTMENT: list[int]
    DATE_REGISTER: str | None
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> User: ...

class NewTask(_Record):
    """The fields of tasks.task.add (UPPER_CASE); TITLE and RESPONSIBLE_ID are required."""

    TITLE: str
    RESPONSIBLE_ID: int
    DESCRIPTION: str | None
    DEADLINE: str | None
    CREATED_BY: int | None
    GROUP_ID: int | None
    PRIORITY: int | None
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> NewTask: ...

class Task(_Record):
    """A task as tasks.task.* answer it (camelCase)."""

    id: int
    title: str
    description: str
    responsibleId: int
    createdBy: int
    deadline: str | None
    status: str
    groupId: int | None
    createdDate: str | None
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> Task: ...

class NewCalendarEvent(_Record):
    """The parameters of calendar.event.add; `from_` is the parameter "from"."""

    type: Literal['user', 'group', 'company_calendar']
    ownerId: int
    from_: str
    to: str
    section: int
    name: str
    description: str | None
    location: str | None
    attendees: list[int] | None
    is_meeting: bool | None
    timezone_from: str | None
    timezone_to: str | None
    skip_time: bool | None
    accessibility: str | None
    importance: str | None
    color: str | None
    remind: Any | None
    rrule: Any | None
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> NewCalendarEvent: ...

class CalendarEvent(_Record):
    """An event as calendar.event.get answers it (UPPER_CASE)."""

    ID: int
    NAME: str
    DATE_FROM: str
    DATE_TO: str
    CAL_TYPE: str
    OWNER_ID: int
    SECTION_ID: int | None
    DESCRIPTION: str
    LOCATION: str
    IS_MEETING: bool
    CREATED_BY: int | None
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> CalendarEvent: ...

class Notification(_Record):
    """A notification to one user (im.notify.system.add / im.notify.personal.add)."""

    USER_ID: int
    MESSAGE: str
    MESSAGE_OUT: str | None
    TAG: str | None
    SUB_TAG: str | None
    ATTACH: Any | None
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> Notification: ...

class Deal(_Record):
    """A CRM deal (crm.item, entityTypeId 2), camelCase."""

    entity_type_id: ClassVar[int]
    id: int
    title: str
    stageId: str | None
    categoryId: int | None
    opportunity: float | None
    currencyId: str | None
    assignedById: int | None
    contactId: int | None
    companyId: int | None
    comments: str | None
    createdTime: str | None
    updatedTime: str | None
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> Deal: ...

class Lead(_Record):
    """A CRM lead (crm.item, entityTypeId 1), camelCase."""

    entity_type_id: ClassVar[int]
    id: int
    title: str
    name: str | None
    lastName: str | None
    statusId: str | None
    sourceId: str | None
    opportunity: float | None
    currencyId: str | None
    assignedById: int | None
    comments: str | None
    createdTime: str | None
    updatedTime: str | None
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> Lead: ...

_Crm = TypeVar("_Crm", Deal, Lead)

class Client:
    """A connection to one Bitrix24 portal (webhook or OAuth); a context manager."""

    def __init__(self, *, webhook_url: str | None = None, portal: str | None = None,
                 access_token: str | None = None, refresh_token: str | None = None,
                 client_id: str | None = None, client_secret: str | None = None,
                 oauth_url: str | None = None,
                 on_tokens: Callable[[OAuthTokens], object] | None = None, burst: int = 50,
                 per_second: float = 2.0, operating_budget: float = 480.0, retries: int = 5,
                 retry_delay: float = 0.5, max_retry_delay: float = 30.0,
                 timeout: float = 120.0, connect_timeout: float = 10.0,
                 verify_tls: bool = True, ca_file: str | None = None, proxy: str | None = None,
                 max_connections: int = 8, max_response_bytes: int = 268435456) -> None: ...
    def call(self, method: str, params: Mapping[str, Any] | None = None, *,
             idempotent: bool = False) -> Any: ...
    def call_answer(self, method: str, params: Mapping[str, Any] | None = None, *,
                    idempotent: bool = False) -> Answer: ...
    def batch(self, commands: Mapping[str, str | Sequence[Any]] | Sequence[Sequence[Any]], *,
              halt: bool = False, idempotent: bool = False) -> BatchResult: ...
    def list(self, method: str, params: Mapping[str, Any] | None = None, *,
             mode: _PageMode = "batched", items_key: str = "", filter_param: str = "filter",
             id_filter: str = ">ID", row_id: str = "ID",
             id_order: Mapping[str, Any] | None = None) -> ListIterator: ...
    @property
    def endpoint(self) -> str: ...
    @property
    def auth(self) -> Literal["webhook", "oauth"]: ...
    @property
    def tokens(self) -> OAuthTokens | None: ...
    @property
    def requests_sent(self) -> int: ...
    @property
    def closed(self) -> bool: ...
    def close(self) -> None: ...
    def __enter__(self) -> Client: ...
    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> bool: ...
    def list_users(self, filter: Mapping[str, Any] | None = None, *, admin_mode: bool = False,
                   mode: _PageMode = "batched") -> ListIterator: ...
    def find_user_by_email(self, email: str) -> User | None: ...
    def add_task(self, task: NewTask | Mapping[str, Any]) -> Task: ...
    def list_tasks(self, filter: Mapping[str, Any] | None = None,
                   select: Sequence[str] | None = None, *,
                   mode: _PageMode = "batched") -> ListIterator: ...
    def add_calendar_event(self, event: NewCalendarEvent | Mapping[str, Any]) -> int: ...
    def get_calendar_events(self, *, owner_id: int,
                            type: Literal['user', 'group', 'company_calendar'] = "user",
                            date_from: str = "", date_to: str = "",
                            sections: Sequence[int] = ...) -> builtins.list[CalendarEvent]: ...
    def notify_system(self, notification: Notification | Mapping[str, Any]) -> int: ...
    def notify_personal(self, notification: Notification | Mapping[str, Any]) -> int: ...
    def crm_add(self, item: _Crm) -> _Crm: ...
    def crm_update(self, item_class: type[_Crm], id: int, changes: Mapping[str, Any]) -> _Crm: ...
    def crm_list(self, item_class: type[Deal] | type[Lead],
                 filter: Mapping[str, Any] | None = None, select: Sequence[str] | None = None,
                 *, mode: _PageMode = "batched") -> ListIterator: ...
    def crm_item_add(self, entity_type_id: int, fields: Mapping[str, Any]) -> Any: ...
    def crm_item_update(self, entity_type_id: int, id: int,
                        fields: Mapping[str, Any]) -> Any: ...

class EventAuth:
    """The auth[...] part of an event (repr() masks the tokens)."""

    @property
    def domain(self) -> str: ...
    @property
    def member_id(self) -> str: ...
    @property
    def application_token(self) -> str: ...
    @property
    def access_token(self) -> str: ...
    @property
    def client_endpoint(self) -> str: ...
    @property
    def server_endpoint(self) -> str: ...
    @property
    def scope(self) -> str: ...

class Event:
    """What every Bitrix24 event carries."""

    @property
    def event(self) -> str: ...
    @property
    def handler_id(self) -> int: ...
    @property
    def ts(self) -> int: ...
    @property
    def auth(self) -> EventAuth: ...
    @property
    def data(self) -> dict[str, Any]: ...

class UserAdded(Event):
    """ONUSERADD: a user was added (data[ID])."""

    @property
    def user_id(self) -> int: ...

class TaskAdded(Event):
    """ONTASKADD: a task was created (data[FIELDS_AFTER][ID])."""

    @property
    def task_id(self) -> int: ...

class CalendarEntryAdded(Event):
    """ONCALENDARENTRYADD: a calendar event was created (data[id])."""

    @property
    def entry_id(self) -> int: ...

class GenericEvent(Event):
    """Any other event: read `data`."""

def parse_event(body: Text, application_token: Union[bytes, str]) -> Event: ...
def parse_event_envelope(body: Text) -> Event: ...
def secrets_equal(a: Union[bytes, str], b: Union[bytes, str]) -> bool: ...
def is_read_method(method: str) -> bool: ...
def encode_php_query(params: Mapping[str, Any]) -> str: ...
def decode_php_form(body: bytes | str) -> dict[str, Any]: ...

class ServerError(_ServiceError):
    """A Bitrix24 error answer (also raised as is for codes the table does not list)."""

    code: str
    description: str
    method: str
    command: str
    http_status: int

class LimitError(ServerError):
    """The portal refused to run the call because of a limit."""

class QueryLimitExceededError(LimitError):
    """503 QUERY_LIMIT_EXCEEDED: the portal's request bucket overflowed."""

class OperationTimeLimitError(LimitError):
    """429 OPERATION_TIME_LIMIT: the method's operating time is used up."""

class OverloadLimitError(LimitError):
    """503 OVERLOAD_LIMIT: the portal's administrator blocked REST calls."""

class AuthenticationError(ServerError):
    """The webhook URL or access token is wrong, or the refresh token was rejected."""

class TokenExpiredError(AuthenticationError):
    """401 expired_token: the access token expired and one refresh did not help."""

class AccessDeniedError(ServerError):
    """The webhook's user or the application may not do this."""

class InsufficientScopeError(AccessDeniedError):
    """403 insufficient_scope: the webhook or application lacks the method's scope."""

class MethodNotFoundError(ServerError):
    """404 ERROR_METHOD_NOT_FOUND: no such REST method."""

class InvalidRequestError(ServerError):
    """The call's parameters were refused."""

class BatchLengthExceededError(InvalidRequestError):
    """A batch had more than 50 commands."""

class BatchMethodNotAllowedError(InvalidRequestError):
    """A batch contained a method that may not run inside a batch."""

class InternalServerError(ServerError):
    """500 INTERNAL_SERVER_ERROR: the portal failed."""

class PortalDeletedError(ServerError):
    """500 PORTAL_DELETED: the portal no longer exists."""

class SkippedCommandError(Error):
    """A batch command that was not run."""

class InvalidEventError(ProtocolError):
    """A POST that is not a well-formed Bitrix24 event."""

class UnverifiedEventError(Error):
    """An event whose auth[application_token] is missing or wrong: reject it."""

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
