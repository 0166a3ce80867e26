"""Type stubs of odoobridge.models: the business records, their typed models and helpers."""

import abc
import datetime
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, Generic, Literal, TypeVar, overload

from . import Error
from .odoo import Client, DomainLike, Ids, Many2one, Model, X2many, _Methods

_R = TypeVar("_R", bound="_Record")
_T = TypeVar("_T")

class _Record:
    """What every record class has (each adds one attribute per field)."""

    odoo_model: ClassVar[str]
    fields: ClassVar[tuple[str, ...]]
    id: int
    def __init__(self, **fields: Any) -> None: ...
    def to_values(self) -> dict[str, Any]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self: _T) -> _T: ...
    def __deepcopy__(self: _T, memo: Any) -> _T: ...
    __hash__: None  # type: ignore[assignment]

class EstateProperty(_Record):
    """A Royal Estate property (estate.property): for sale or rent, with agent, owner, lead and
    photos. Selection fields take their Odoo keys.
    """

    name: str
    description: str | None
    deal_type: Literal['sale', 'rent']
    property_type: Literal['apartment', 'house', 'commercial', 'land']
    state: Literal['new', 'published', 'showing', 'deposit', 'deal', 'sold', 'cancelled']
    price: float
    commission: float
    rooms: int
    area: float
    floor: int
    floors_total: int
    has_parking: bool
    district: Literal['alatau', 'almaly', 'auezov', 'bostandyk', 'zhetysu', 'medeu', 'nauryzbay',
              'turksib'] | None
    street: str | None
    house_number: str | None
    city: str | None
    latitude: float
    longitude: float
    deal_date: datetime.date | None
    user_id: Many2one | None
    owner_id: Many2one | None
    crm_lead_id: Many2one | None
    image_ids: X2many
    active: bool
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> EstateProperty: ...
    @staticmethod
    def decode_json(data: bytes | str) -> list[EstateProperty]: ...

class EstatePropertyImage(_Record):
    """A property photo (estate.property.image): a thumbnail in Odoo, the full image in S3."""

    property_id: Many2one
    thumbnail: bytes | None
    s3_url: str | None
    s3_key: str | None
    sequence: int
    is_main: bool
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> EstatePropertyImage: ...
    @staticmethod
    def decode_json(data: bytes | str) -> list[EstatePropertyImage]: ...

class ResPartner(_Record):
    """A partner (res.partner): a company or a person."""

    name: str | None
    is_company: bool
    parent_id: Many2one | None
    type: Literal['contact', 'invoice', 'delivery', 'private', 'other'] | None
    email: str | None
    phone: str | None
    street: str | None
    street2: str | None
    zip: str | None
    city: str | None
    country_id: Many2one | None
    vat: str | None
    ref: str | None
    website: str | None
    function: str | None
    lang: str | None
    comment: str | None
    category_id: X2many
    child_ids: X2many
    credit_limit: float
    active: bool
    customer_rank: int
    supplier_rank: int
    company_id: Many2one | None
    user_id: Many2one | None
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> ResPartner: ...
    @staticmethod
    def decode_json(data: bytes | str) -> list[ResPartner]: ...

class CrmLead(_Record):
    """A lead or opportunity (crm.lead). priority is '0' to '3'."""

    name: str
    type: Literal['lead', 'opportunity']
    partner_id: Many2one | None
    contact_name: str | None
    partner_name: str | None
    email_from: str | None
    phone: str | None
    website: str | None
    description: str | None
    priority: Literal['0', '1', '2', '3']
    stage_id: Many2one | None
    tag_ids: X2many
    user_id: Many2one | None
    team_id: Many2one | None
    company_id: Many2one | None
    expected_revenue: float
    probability: float
    date_deadline: datetime.date | None
    active: bool
    lost_reason_id: Many2one | None
    city: str | None
    country_id: Many2one | None
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> CrmLead: ...
    @staticmethod
    def decode_json(data: bytes | str) -> list[CrmLead]: ...

class AccountMove(_Record):
    """An invoice or journal entry (account.move), as read; amounts and state are computed by Odoo:
    create invoices with Invoices.
    """

    name: str | None
    ref: str | None
    move_type: Literal['entry', 'out_invoice', 'out_refund', 'in_invoice', 'in_refund',
               'out_receipt', 'in_receipt']
    state: Literal['draft', 'posted', 'cancel']
    partner_id: Many2one | None
    journal_id: Many2one
    company_id: Many2one | None
    currency_id: Many2one
    date: datetime.date
    invoice_date: datetime.date | None
    invoice_date_due: datetime.date | None
    invoice_origin: str | None
    payment_reference: str | None
    narration: str | None
    amount_untaxed: float
    amount_tax: float
    amount_total: float
    amount_residual: float
    payment_state: Literal['not_paid', 'in_payment', 'paid', 'partial', 'reversed',
                   'invoicing_legacy']
    invoice_line_ids: X2many
    invoice_user_id: Many2one | None
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> AccountMove: ...
    @staticmethod
    def decode_json(data: bytes | str) -> list[AccountMove]: ...

class AccountMoveLine(_Record):
    """One line of an invoice or entry (account.move.line)."""

    move_id: Many2one
    name: str | None
    display_type: Literal['product', 'cogs', 'tax', 'rounding', 'payment_term', 'line_section',
                  'line_note', 'epd']
    product_id: Many2one | None
    quantity: float
    price_unit: float
    discount: float
    tax_ids: X2many
    price_subtotal: float
    price_total: float
    account_id: Many2one | None
    partner_id: Many2one | None
    currency_id: Many2one | None
    sequence: int
    @staticmethod
    def from_dict(values: Mapping[str, Any]) -> AccountMoveLine: ...
    @staticmethod
    def decode_json(data: bytes | str) -> list[AccountMoveLine]: ...

class TypedStream(Iterator[_R]):
    """Every record matching a domain, in ascending id order, fetched page by page (at run
    time one class per record class, e.g. EstatePropertyStream)."""

    def __iter__(self) -> TypedStream[_R]: ...
    def __next__(self) -> _R: ...
    @property
    def pages_fetched(self) -> int: ...

class TypedModel(_Methods, Generic[_R], metaclass=abc.ABCMeta):
    """What client.model(RecordClass) returns (at run time one class per record class,
    e.g. EstatePropertyModel)."""

    @property
    def name(self) -> str: ...
    @property
    def client(self) -> Client: ...
    @property
    def record_class(self) -> type[_R]: ...
    @property
    def dynamic(self) -> Model: ...
    def search_read(self, domain: DomainLike = None, *, limit: int | None = None,
                    offset: int = 0, order: str | None = None,
                    context: Mapping[str, Any] | None = None) -> list[_R]: ...
    def read(self, ids: Ids, *, context: Mapping[str, Any] | None = None) -> list[_R]: ...
    def read_one(self, id: int, *, context: Mapping[str, Any] | None = None) -> _R | None: ...
    @overload
    def create(self, records: _R, *, context: Mapping[str, Any] | None = None) -> int: ...
    @overload
    def create(self, records: Sequence[_R], *,
               context: Mapping[str, Any] | None = None) -> list[int]: ...
    def write(self, ids: Ids, values: Mapping[str, Any] | _R, *,
              context: Mapping[str, Any] | None = None, idempotent: bool = False) -> None: ...
    def stream(self, domain: DomainLike = None, batch: int = 500, *,
               context: Mapping[str, Any] | None = None) -> TypedStream[_R]: ...
    def verify_schema(self, *, context: Mapping[str, Any] | None = None) -> None: ...

class UpsertResult:
    """What upsert_by_email did; unpacks as (id, created)."""

    @property
    def id(self) -> int: ...
    @property
    def created(self) -> bool: ...
    def __iter__(self) -> Iterator[int | bool]: ...

class Partners:
    """Partner helpers: create a customer, find partners by email, upsert by email."""

    def __init__(self, client: Client) -> None: ...
    @property
    def client(self) -> Client: ...
    @property
    def model(self) -> TypedModel[ResPartner]: ...
    @staticmethod
    def normalize_email(email: str) -> str: ...
    def create_customer(self, name: str, email: str = "",
                        extra: Mapping[str, Any] | None = None) -> int: ...
    def ids_by_email(self, email: str, *,
                     context: Mapping[str, Any] | None = None) -> list[int]: ...
    def find_by_email(self, email: str, *,
                      context: Mapping[str, Any] | None = None) -> list[ResPartner]: ...
    def upsert_by_email(self, email: str,
                        values: Mapping[str, Any] | None = None) -> UpsertResult: ...

class Leads:
    """Lead helpers: create, convert to opportunity, mark won or lost."""

    def __init__(self, client: Client) -> None: ...
    @property
    def client(self) -> Client: ...
    @property
    def model(self) -> TypedModel[CrmLead]: ...
    def create(self, name: str, extra: Mapping[str, Any] | None = None) -> int: ...
    def convert_to_opportunity(self, lead: int, *, partner_id: int | None = None,
                               create_customer: bool = False) -> None: ...
    def mark_won(self, lead: int) -> None: ...
    def mark_lost(self, lead: int, lost_reason: int | None = None) -> None: ...

class Invoices:
    """Customer-invoice helpers: create with lines, post, reset, PDF."""

    def __init__(self, client: Client) -> None: ...
    @property
    def client(self) -> Client: ...
    @property
    def model(self) -> TypedModel[AccountMove]: ...
    def create_customer_invoice(self, partner: int, lines: Iterable[Mapping[str, Any]],
                                extra: Mapping[str, Any] | None = None) -> int: ...
    def get(self, invoice: int) -> AccountMove | None: ...
    def lines(self, invoice: int) -> list[AccountMoveLine]: ...
    def post(self, invoice: int) -> None: ...
    def reset_to_draft(self, invoice: int) -> None: ...
    def pdf(self, invoice: int) -> bytes: ...

def invoice_line(label: str, quantity: float, price_unit: float,
                 **more: Any) -> dict[str, Any]: ...

class AmbiguousMatchError(Error):
    """A helper's lookup found several records where it may pick one (`ids` lists them)."""

    model: str
    criterion: str
    ids: list[int]

__all__ = [
    "AccountMove",
    "AccountMoveLine",
    "AmbiguousMatchError",
    "CrmLead",
    "EstateProperty",
    "EstatePropertyImage",
    "Invoices",
    "Leads",
    "Partners",
    "ResPartner",
    "TypedModel",
    "TypedStream",
    "UpsertResult",
    "invoice_line",
]
