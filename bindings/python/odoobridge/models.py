"""The business models as Python classes, their typed models and helpers.

    from odoobridge.models import EstateProperty, Partners, Invoices, invoice_line

    properties = client.model(EstateProperty)          # a typed model
    for p in properties.search_read(F("state") == "deposit", order="price desc", limit=20):
        print(p.name, p.price, p.deal_date, p.owner_id and p.owner_id.name)
    properties.write([p.id], {"state": "deal", "deal_date": datetime.date.today()})

Records have one attribute per field (see each class's `__annotations__`): selection fields
are their Odoo keys (str), dates `datetime.date`, datetimes naive `datetime.datetime` in UTC,
many2one fields `Many2one(id, name)`, x2many fields `X2many`, binaries `bytes`, and empty
fields None (Odoo's `false`). Assigning converts and checks the value (TypeError names the
field and what it takes). Partial writes and helper "extra" values are dicts of field
values, converted the same way.
"""

import abc
from typing import Generic, TypeVar

from . import _native
from ._native import (
    AccountMove,
    AccountMoveLine,
    AmbiguousMatchError,
    CrmLead,
    EstateProperty,
    EstatePropertyImage,
    Invoices,
    Leads,
    Partners,
    ResPartner,
    UpsertResult,
    invoice_line,
)

_RECORDS = (AccountMove, AccountMoveLine, CrmLead, EstateProperty, EstatePropertyImage,
            ResPartner)
_R = TypeVar("_R")


class TypedModel(abc.ABC, Generic[_R]):
    """What client.model(RecordClass) returns: the typed model of that record class.

    Each record class has its own model class at run time (EstatePropertyModel ...); all of
    them are TypedModels. Reads give record objects, writes take records or dicts of field
    values; the other methods are those of odoobridge.odoo.Model.
    """


class TypedStream(abc.ABC, Generic[_R]):
    """The iterator a typed model's stream() returns (EstatePropertyStream ...)."""


for _record in _RECORDS:
    TypedModel.register(getattr(_native, _record.__name__ + "Model"))
    TypedStream.register(getattr(_native, _record.__name__ + "Stream"))
del _record

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
