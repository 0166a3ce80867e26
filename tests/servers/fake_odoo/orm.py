"""The public model methods, with Odoo's signatures (names, defaults, annotations).

A model instance is a recordset: ``env``, model name and ids. Methods marked with ``rpc``
can be called remotely; ``api`` says how Odoo binds them ("model" methods take no ids,
"model_create" is create, "readonly" is informative) and ends up in /doc-bearer. Calling one
with wrong arguments raises Python's own TypeError, whose text is what Odoo reports
("BaseModel.read() got an unexpected keyword argument 'x'").
"""

from . import behaviors, domain as domains, ordering, records, writes
from .errors import UserError
from .read_group import read_group as _read_group


# Odoo's annotations, shown by /doc-bearer
_DOMAIN, _OPT_DOMAIN = "DomainType", "DomainType | None"
_FIELDS, _VALUES, _RECORDS = "Sequence[str] | None", "ValuesType", "list[ValuesType]"
_OPT_INT, _OPT_STR, _TRUE = "int | None", "str | None", "typing.Literal[True]"
_PAIRS = "list[tuple[int, str]]"
_ACCOUNT = ("account.move", "account")


def rpc(*api, types=None, origin=("core", "core"), requires=None):
    """Mark a method as callable over RPC.

    ``api``: "model" (called without ids), "model_create" (create), "readonly";
    ``types``: Odoo's annotation of each parameter and of the "return" value;
    ``origin``: (model, module) that defines it; ``requires``: a field the model must have.
    """
    def mark(func):
        func.rpc_api = api
        func.rpc_types = dict(types or {})
        func.rpc_origin = origin
        func.rpc_requires = requires
        return func
    return mark


def _page(ids, offset, limit):
    ids = ids[offset or 0:]
    return ids[:limit] if limit else ids


class BaseModel:
    """Methods every model has."""

    def __init__(self, env, model, ids=()):
        self.env = env
        self._name = model
        self._ids = list(ids)

    def browse(self, ids):
        return type(self)(self.env, self._name, ids)

    def _check(self, operation):
        behaviors.check_access(self.env, self._name, operation)

    def _read_format(self, fnames, load="_classic_read"):
        return records.read_rows(self.env, self._name, self._ids, fnames, load)

    @rpc("model_create", types={"vals_list": "list[ValuesType]", "return": "list[int]"})
    def create(self, vals_list):
        self._check("create")
        if isinstance(vals_list, dict):
            vals_list = [vals_list]
        if not isinstance(vals_list, (list, tuple)):
            raise TypeError(f"{self._name}.create() expects a dict of field values or a list "
                            f"of them, got {type(vals_list).__name__}")
        return writes.create(self.env, self._name, list(vals_list))

    @rpc("readonly", types={"fields": _FIELDS, "load": "str", "return": _RECORDS})
    def read(self, fields=None, load="_classic_read"):
        self._check("read")
        return self._read_format(fields, load)

    @rpc(types={"vals": _VALUES, "return": _TRUE})
    def write(self, vals):
        self._check("write")
        writes.write(self.env, self._name, self._ids, vals)
        return True

    @rpc(types={"return": _TRUE})
    def unlink(self):
        self._check("unlink")
        writes.unlink(self.env, self._name, self._ids)
        return True

    @rpc("model", "readonly", types={"domain": _DOMAIN, "offset": "int", "limit": _OPT_INT,
                                     "order": _OPT_STR, "return": "list[int]"})
    def search(self, domain, offset=0, limit=None, order=None):
        self._check("read")
        ids = domains.search_ids(self.env, self._name, domain)
        return _page(ordering.sort_ids(self.env, self._name, ids, order), offset, limit)

    @rpc("model", "readonly", types={"domain": _DOMAIN, "limit": _OPT_INT, "return": "int"})
    def search_count(self, domain, limit=None):
        self._check("read")
        count = len(domains.search_ids(self.env, self._name, domain))
        return min(count, limit) if limit else count

    @rpc("model", "readonly", types={"domain": _OPT_DOMAIN, "fields": _FIELDS, "offset": "int",
                                     "limit": _OPT_INT, "order": _OPT_STR, "return": _RECORDS})
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None,
                    **read_kwargs):
        ids = self.search(domain or [], offset, limit, order)
        return self.browse(ids)._read_format(fnames=fields, **read_kwargs)

    @rpc("model", "readonly", types={"name": "str", "domain": _OPT_DOMAIN, "operator": "str",
                                     "limit": "int", "return": _PAIRS})
    def name_search(self, name="", domain=None, operator="ilike", limit=100):
        schema = self.env.schema(self._name)
        search_domain = list(domain or [])
        if name:
            search_domain = [(behaviors.name_search_field(schema), operator, name)] + search_domain
        ids = self.search(search_domain, limit=limit)
        return [[rid, records.display_name(self.env, self._name, rid)] for rid in ids]

    @rpc("model", types={"name": "str", "return": "tuple[int, str] | typing.Literal[False]"})
    def name_create(self, name):
        rec_name = self.env.schema(self._name).rec_name
        if not rec_name:
            raise UserError(f"Cannot execute name_create, no _rec_name defined on {self._name}")
        record_id = self.create({rec_name: name})[0]
        return [record_id, records.display_name(self.env, self._name, record_id)]

    @rpc("readonly", types={"return": _PAIRS})
    def name_get(self):
        self._check("read")
        rows = self.env.rows(self._name)
        return [[rid, records.display_name(self.env, self._name, rid)]
                for rid in self._ids if rid in rows]

    @rpc("model", "readonly", types={"domain": _DOMAIN, "fields": "Sequence[str]",
                                     "groupby": "Sequence[str]", "offset": "int",
                                     "limit": _OPT_INT, "orderby": "str | bool",
                                     "lazy": "bool", "return": "list[dict]"})
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        self._check("read")
        return _read_group(self.env, self._name, domain, fields, groupby, offset, limit,
                           orderby, lazy)

    @rpc("model", types={"allfields": "Collection[str] | None",
                         "attributes": "Collection[str] | None",
                         "return": "dict[str, ValuesType]"})
    def fields_get(self, allfields=None, attributes=None):
        fields = self.env.schema(self._name).fields
        names = [name for name in fields if not allfields or name in allfields]
        return {name: fields[name].describe(attributes) for name in names}

    @rpc("model", types={"fields": "Sequence[str]", "return": _VALUES})
    def default_get(self, fields):
        defaults = behaviors.defaults(self.env, self.env.schema(self._name), {})
        return {name: value for name, value in defaults.items() if name in fields}

    @rpc("readonly", types={"return": "list[int]"})
    def exists(self):
        rows = self.env.rows(self._name)
        return [rid for rid in self._ids if rid in rows]

    @rpc(requires="active")
    def action_archive(self):
        return self.write({"active": False})

    @rpc(requires="active")
    def action_unarchive(self):
        return self.write({"active": True})


class AccountMove(BaseModel):
    """account.move: posting and resetting invoices."""

    @rpc(types={"return": "typing.Literal[False]"}, origin=_ACCOUNT)
    def action_post(self):
        self._check("write")
        rows = self.env.rows(self._name)
        for record_id in self._ids:
            if record_id not in rows:
                raise writes.missing_error(self._name, record_id, self.env.uid)
            move = rows[record_id]
            if move.get("state") == "posted":
                raise UserError(f"The entry {move.get('name')} (id {record_id}) is already "
                                f"posted.")
            lines = [row for row in self.env.rows("account.move.line").values()
                     if row.get("move_id") == record_id
                     and row.get("display_type") not in ("line_section", "line_note")]
            if not lines:
                raise UserError(self.env.dialect.empty_post_message)
            values = {"state": "posted"}
            if move.get("move_type", "entry") != "entry" and not move.get("invoice_date"):
                values["invoice_date"] = move.get("date")
            if move.get("name") in (None, "/"):
                values["name"] = _next_move_name(self.env, move)
            writes.write(self.env, self._name, [record_id], values)
        return False

    @rpc(types={"return": _TRUE}, origin=_ACCOUNT)
    def button_draft(self):
        self._check("write")
        writes.write(self.env, self._name, self._ids, {"state": "draft"})
        return True


_PREFIXES = {"out_invoice": "INV", "out_refund": "RINV", "in_invoice": "BILL",
             "in_refund": "RBILL", "out_receipt": "REC", "in_receipt": "REC"}


def _next_move_name(env, move):
    prefix = f"{_PREFIXES.get(move.get('move_type'), 'MISC')}/{(move.get('date') or '')[:4]}/"
    numbers = [int(row["name"][len(prefix):]) for row in env.rows("account.move").values()
               if (row.get("name") or "").startswith(prefix)
               and row["name"][len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:05d}"


# crm.py builds on BaseModel and rpc above, so it is imported once they exist.
from .crm import CrmLead, LeadToOpportunity  # noqa: E402

_CLASSES = {"account.move": AccountMove, "crm.lead": CrmLead,
            "crm.lead2opportunity.partner": LeadToOpportunity}


def model_class(model):
    """The recordset class of a model."""
    return _CLASSES.get(model, BaseModel)


def public_method(env, model, name):
    """The RPC-callable function ``name`` of ``model``, or None."""
    func = getattr(model_class(model), name, None)
    if func is None or not hasattr(func, "rpc_api") or name in env.dialect.removed_methods:
        return None
    if func.rpc_requires and func.rpc_requires not in env.schema(model).fields:
        return None
    return func


def is_model_method(func):
    return "model" in func.rpc_api or "model_create" in func.rpc_api
