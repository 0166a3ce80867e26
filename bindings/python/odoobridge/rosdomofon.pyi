"""Type stubs of odoobridge.rosdomofon: the REST client, phones, records, the Kafka consumer
and producer, and RosDomofon's errors."""

import concurrent.futures
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import TracebackType
from typing import Any, ClassVar, Literal, TypeVar, Union

from . import ConfigurationError, Error, TransportError
from . import ServerError as _ServiceError
from . import rosdomofon_testing as testing

_T = TypeVar("_T")

class Phone:
    """A phone number as RosDomofon stores it: 79061234567."""

    def __init__(self, value: Phone | str | int) -> None: ...
    @staticmethod
    def try_parse(text: str) -> Phone | None: ...
    @property
    def digits(self) -> str: ...
    @property
    def number(self) -> int: ...
    @property
    def formatted(self) -> str: ...
    def __int__(self) -> int: ...
    def __eq__(self, other: object) -> bool: ...
    def __lt__(self, other: Phone) -> bool: ...
    def __hash__(self) -> int: ...

PhoneLike = Union[Phone, str, int]

def normalize_phone(value: PhoneLike) -> str: ...

class _Record:
    """What every record class has (each adds one attribute per field, named as on the wire)."""

    fields: ClassVar[tuple[str, ...]]
    def __init__(self, **fields: Any) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self: _T) -> _T: ...
    def __deepcopy__(self: _T, memo: Any) -> _T: ...
    __hash__: None  # type: ignore[assignment]

class Abonent(_Record):
    """An abonent as answers reference one."""

    id: int
    phone: Phone | None
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> Abonent: ...

class Company(_Record):
    """The company of an account; shortName names its topics."""

    id: int
    shortName: str
    licenseeShort: str | None
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> Company: ...

class Account(_Record):
    """An abonent account (accounts())."""

    id: int
    number: str | None
    owner: Abonent
    company: Company
    blocked: bool
    blockReason: str | None
    billingAvailable: bool | None
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> Account: ...

class CreatedAccount(_Record):
    """The answer of create_account()."""

    id: int
    owner: Abonent
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> CreatedAccount: ...

class Service(_Record):
    """A service offered at an entrance."""

    id: int
    name: str
    type: str
    customName: str | None
    companyId: int | None
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> Service: ...

class Flat(_Record):
    """A flat (the answer of create_flat())."""

    id: int
    accountId: int | None
    owner: Abonent | None
    virtual: bool
    address: Any
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> Flat: ...

class Connection(_Record):
    """A service connected to a flat."""

    id: int
    blocked: bool
    account: Account | None
    flat: Flat | None
    service: Service | None
    tariff: float | None
    currency: str | None
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> Connection: ...

class Message(_Record):
    """One message of an abonent's conversation."""

    id: int
    abonent: Abonent
    channel: str
    incoming: bool
    message: str
    messageDate: str
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> Message: ...

class MessagePage(_Record):
    """One page of messages (0-based `number`)."""

    content: list[Message]
    totalElements: int
    totalPages: int
    first: bool
    last: bool
    number: int
    size: int
    numberOfElements: int
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> MessagePage: ...

class Recipient(_Record):
    """Who receives a message: an abonent id, a phone, or both."""

    id: int | None
    phone: Phone | None
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> Recipient: ...
    @staticmethod
    def abonent(abonent_id: int) -> Recipient: ...
    @staticmethod
    def phone_number(phone: PhoneLike) -> Recipient: ...

Recipients = Union[int, Phone, str, Recipient, Iterable[Union[int, Phone, str, Recipient]]]

class KafkaAbonent(_Record):
    """An abonent on a Kafka message."""

    id: int
    phone: Phone | None
    companyId: int | None
    restrictionPushTokenIds: list[Any] | None
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> KafkaAbonent: ...

class LocalizedPush(_Record):
    """The localized push of an incoming message."""

    message: str | None
    messageKey: str | None
    messageArgs: list[Any] | None
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> LocalizedPush: ...

class IncomingMessage(_Record):
    """A message an abonent sent (MESSAGES_IN_<company>)."""

    fromAbonent: KafkaAbonent
    channel: str
    message: str | None
    deliveryMethod: str | None
    toAbonents: list[KafkaAbonent] | None
    broadcast: bool | None
    waitResponse: bool | None
    localizedPush: LocalizedPush | None
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> IncomingMessage: ...
    @property
    def text(self) -> str: ...

class OutgoingMessage(_Record):
    """A message to abonents (MESSAGES_OUT_<company>)."""

    channel: str
    deliveryMethod: str
    fromAbonent: KafkaAbonent | None
    message: str
    toAbonents: list[KafkaAbonent]
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> OutgoingMessage: ...
    @staticmethod
    def reply_to(incoming: IncomingMessage, text: str) -> OutgoingMessage: ...

class MessageOrigin:
    """Where a consumed message came from."""

    @property
    def topic(self) -> str: ...
    @property
    def partition(self) -> int: ...
    @property
    def offset(self) -> int: ...

class MalformedMessage:
    """A consumed message that is no valid incoming message; skipped after on_malformed."""

    @property
    def origin(self) -> MessageOrigin: ...
    @property
    def payload(self) -> bytes: ...
    @property
    def reason(self) -> str: ...

class DeliveryReport:
    """The fate of one message a Producer sent."""

    @property
    def topic(self) -> str: ...
    @property
    def partition(self) -> int: ...
    @property
    def offset(self) -> int: ...
    @property
    def key(self) -> str: ...
    @property
    def error_code(self) -> int: ...
    @property
    def error(self) -> str: ...
    @property
    def delivered(self) -> bool: ...

class MessageIterator(Iterator[Message]):
    """All messages of one abonent, one page per request."""

    def __iter__(self) -> MessageIterator: ...
    def __next__(self) -> Message: ...

class Client:
    """A connection to the RosDomofon REST API; a context manager."""

    def __init__(self, *, url: str = "https://rdba.rosdomofon.com", username: str,
                 password: str, timeout: float = 120.0, connect_timeout: float = 10.0,
                 verify_tls: bool = True, ca_file: str | None = None, proxy: str | None = None,
                 max_connections: int = 8, retries: int = 3,
                 token_renew_margin: float = 30.0) -> None: ...
    def authenticate(self) -> None: ...
    def accounts(self) -> list[Account]: ...
    def account_by_phone(self, phone: PhoneLike) -> Account | None: ...
    def create_account(self, number: str, phone: PhoneLike) -> CreatedAccount: ...
    def create_flat(self, entrance_id: int | str, flat_number: int | str, *,
                    abonent_id: int | None = None, virtual: bool = False) -> Flat: ...
    def entrance_services(self, entrance_id: int) -> list[Service]: ...
    def connect_service(self, service_id: int, flat_id: int,
                        account_id: int | None = None) -> int: ...
    def account_connections(self, account_id: int) -> list[Connection]: ...
    def service_connections(self, service_id: int) -> list[Connection]: ...
    def block_account(self, account: str | int) -> None: ...
    def unblock_account(self, account: str | int) -> None: ...
    def block_connection(self, connection_id: int) -> None: ...
    def unblock_connection(self, connection_id: int) -> None: ...
    def send_message(self, to: Recipients, text: str, channel: str = "support") -> None: ...
    def abonent_messages_page(self, abonent_id: int, page: int = 0, *,
                              channel: str | None = None, page_size: int = 50) -> MessagePage: ...
    def abonent_messages(self, abonent_id: int, *, channel: str | None = None,
                         page_size: int = 50) -> MessageIterator: ...
    @property
    def url(self) -> str: ...
    @property
    def username(self) -> str: ...
    @property
    def closed(self) -> bool: ...
    def close(self) -> None: ...
    def __enter__(self) -> Client: ...
    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> bool: ...

class KafkaSettings:
    """Where the Kafka brokers are and how to log in (SASL_SSL, SCRAM-SHA-512 by default)."""

    def __init__(self, *, bootstrap_servers: str, company: str,
                 security: Literal["plaintext", "ssl", "sasl_plaintext", "sasl_ssl"] | str = "sasl_ssl",
                 sasl_mechanism: str = "SCRAM-SHA-512", sasl_username: str | None = None,
                 sasl_password: str | None = None, ca_file: str | None = None,
                 properties: Mapping[str, str | int | float | bool] | None = None) -> None: ...
    @property
    def bootstrap_servers(self) -> str: ...
    @property
    def company(self) -> str: ...
    @property
    def security(self) -> Literal["plaintext", "ssl", "sasl_plaintext", "sasl_ssl"]: ...
    @property
    def sasl_mechanism(self) -> str: ...
    @property
    def sasl_username(self) -> str: ...
    @property
    def has_sasl_password(self) -> bool: ...
    @property
    def ca_file(self) -> str: ...
    @property
    def properties(self) -> dict[str, str]: ...

def messages_in_topic(company: str) -> str: ...
def messages_out_topic(company: str) -> str: ...
def sign_ups_topic(company: str) -> str: ...

class Consumer:
    """Reads MESSAGES_IN_<company> in a consumer group; at-least-once."""

    def __init__(self, settings: KafkaSettings, *,
                 handler: Callable[[IncomingMessage, MessageOrigin], object],
                 on_malformed: Callable[[MalformedMessage], object] | None = None,
                 group_id: str | None = None, handler_attempts: int = 3,
                 retry_delay: float = 0.5,
                 start_from: Literal["earliest", "latest"] | str = "earliest") -> None: ...
    def run(self) -> None: ...
    def stop(self) -> None: ...
    @property
    def topic(self) -> str: ...
    @property
    def handled(self) -> int: ...
    @property
    def malformed(self) -> int: ...
    @property
    def running(self) -> bool: ...
    @property
    def closed(self) -> bool: ...
    def close(self) -> None: ...
    def __enter__(self) -> Consumer: ...
    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> bool: ...

class Producer:
    """Writes messages to MESSAGES_OUT_<company>; a context manager."""

    def __init__(self, settings: KafkaSettings, *, delivery_timeout: float = 30.0) -> None: ...
    def send(self, message: OutgoingMessage,
             on_delivery: Callable[[DeliveryReport], object] | None = None
             ) -> concurrent.futures.Future[DeliveryReport]: ...
    def send_and_wait(self, message: OutgoingMessage) -> DeliveryReport: ...
    def flush(self, timeout: float = 30.0) -> bool: ...
    @property
    def topic(self) -> str: ...
    @property
    def closed(self) -> bool: ...
    def close(self) -> None: ...
    def __enter__(self) -> Producer: ...
    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> bool: ...

class ServerError(_ServiceError):
    """RosDomofon refused a request (also raised as is for statuses without a subclass)."""

    operation: str
    method: str
    http_status: int
    error: str
    server_message: str

class AuthenticationError(ServerError):
    """The username or password was refused, or a call still got 401 after a new token."""

class AccessError(ServerError):
    """The account may not do this (HTTP 403)."""

class NotFoundError(ServerError):
    """The account, flat, service, connection or abonent does not exist (HTTP 404)."""

class ValidationError(ServerError):
    """The server rejected the values sent (HTTP 400, 409 or 422)."""

class PhoneNumberError(ConfigurationError, ValueError):
    """A phone number that is not a RosDomofon phone; also a ValueError."""

    input: str
    reason: str

class KafkaError(TransportError):
    """librdkafka refused a setting, failed fatally, or a commit failed on stop."""

    code: int
    code_name: str
    fatal: bool

class HandlerFailedError(Error):
    """The consumer's handler raised on every try for one message; it was not committed."""

    topic: str
    partition: int
    offset: int
    cause: BaseException | None

__all__ = [
    "AccessError",
    "Abonent",
    "Account",
    "AuthenticationError",
    "Client",
    "Company",
    "Connection",
    "Consumer",
    "CreatedAccount",
    "DeliveryReport",
    "Flat",
    "HandlerFailedError",
    "IncomingMessage",
    "KafkaAbonent",
    "KafkaError",
    "KafkaSettings",
    "LocalizedPush",
    "MalformedMessage",
    "Message",
    "MessageIterator",
    "MessageOrigin",
    "MessagePage",
    "NotFoundError",
    "OutgoingMessage",
    "Phone",
    "PhoneLike",
    "PhoneNumberError",
    "Producer",
    "Recipient",
    "Recipients",
    "ServerError",
    "Service",
    "ValidationError",
    "messages_in_topic",
    "messages_out_topic",
    "normalize_phone",
    "sign_ups_topic",
    "testing",
]
