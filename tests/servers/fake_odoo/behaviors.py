"""Per-model business rules: display names, defaults, constraints, access rights, computes."""

from datetime import date

from . import ADMIN_UID, DEMO_UID
from .errors import AccessError, UserError, ValidationError
from .values import is_empty

_RESTRICTED = {
    DEMO_UID: {"res.users": {"create", "write", "unlink"},
               "ir.config_parameter": {"read", "create", "write", "unlink"},
               "res.country": {"create", "write", "unlink"}},
}
_VERBS = {"read": "access", "write": "modify", "create": "create", "unlink": "delete"}
_TAX_RATE_UNIT = 100.0


def check_access(env, model, operation):
    """Raise the AccessError Odoo's ACLs give the restricted demo user."""
    if operation not in _RESTRICTED.get(env.uid, {}).get(model, ()):
        return
    description = env.schema(model).description
    group = env.dialect.group_labels.get(model, "Administration/Settings")
    raise AccessError(
        f"You are not allowed to {_VERBS[operation]} '{description}' ({model}) records.\n\n"
        f"This operation is allowed for the following groups:\n\t- {group}\n\n"
        f"Contact your administrator to request access if necessary.")


# -- display names -------------------------------------------------------------------------

def _partner_name(env, row):
    name = row.get("name") or ""
    parent = env.rows("res.partner").get(row.get("parent_id"))
    company = parent.get("name") if parent else row.get("company_name")
    if company and not row.get("is_company"):
        return f"{company}, {name}"
    return name


def _move_name(env, row):
    prefix = ""
    if row.get("state") == "draft":
        labels = {"out_invoice": "Draft Invoice", "out_refund": "Draft Credit Note",
                  "in_invoice": "Draft Bill", "in_refund": "Draft Vendor Credit Note",
                  "out_receipt": "Draft Sales Receipt", "in_receipt": "Draft Purchase Receipt"}
        prefix = labels.get(row.get("move_type"), "Draft Entry") + " "
    name = row.get("name")
    return prefix + (name if name and name != "/" else f"(* {row['id']})")


def _code_name(code_field, template):
    def render(env, row):
        code = row.get(code_field)
        return template.format(code=code, name=row.get("name") or "") if code \
            else row.get("name") or ""
    return render


_DISPLAY = {
    "res.partner": _partner_name,
    "account.move": _move_name,
    "account.account": _code_name("code", "{code} {name}"),
    "product.product": _code_name("default_code", "[{code}] {name}"),
}


def display_name(env, schema, row):
    """What Odoo shows for a record (many2one labels, name_search, display_name)."""
    render = _DISPLAY.get(schema.name)
    if render:
        return render(env, row)
    if schema.rec_name:
        return row.get(schema.rec_name) or ""
    return f"{schema.name},{row['id']}"


def name_search_field(schema):
    """The field name_search matches on."""
    return schema.rec_name if schema.rec_name and schema.name != "res.partner" \
        else "display_name"


# -- defaults ------------------------------------------------------------------------------

_JOURNALS = {"out_invoice": 1, "out_refund": 1, "out_receipt": 1, "in_invoice": 2,
             "in_refund": 2, "in_receipt": 2}
_MISC_JOURNAL = 3

def _conversion_defaults(env, vals):
    """What the lead-to-opportunity wizard's default_get and computes take from the lead."""
    lead_id = vals.get("lead_id") or env.context.get("active_id")
    lead = env.rows("crm.lead").get(lead_id) or {}
    partner = lead.get("partner_id")
    return {"name": "convert", "lead_id": lead_id or False, "partner_id": partner or False,
            "action": "exist" if partner else "create", "user_id": lead.get("user_id") or False,
            "team_id": lead.get("team_id") or False}


_DEFAULTS = {
    "crm.lead2opportunity.partner": _conversion_defaults,
    "res.partner": lambda env, vals: {
        "type": "contact", "lang": "en_US", "property_account_receivable_id": 7,
        "property_account_payable_id": 15},
    "crm.lead": lambda env, vals: {
        "type": "opportunity", "stage_id": 1, "user_id": env.uid, "team_id": 1,
        "priority": "0", "probability": 10.0, "company_id": 1, "company_currency": 2},
    "account.move": lambda env, vals: {
        "state": "draft", "move_type": "entry", "date": date.today().isoformat(),
        "journal_id": _JOURNALS.get(vals.get("move_type"), _MISC_JOURNAL), "currency_id": 2,
        "auto_post": "no", "name": "/", "payment_state": "not_paid", "company_id": 1},
    "account.move.line": lambda env, vals: {
        "display_type": "product", "quantity": 1.0, "discount": 0.0, "company_id": 1,
        "currency_id": 2},
    "estate.property": lambda env, vals: {
        "state": "new", "deal_type": "sale", "property_type": "apartment", "user_id": env.uid},
    "estate.property.image": lambda env, vals: {"sequence": 10},
    "res.users": lambda env, vals: {
        "company_id": 1, "company_ids": [1], "lang": "en_US", "tz": "Europe/Brussels"},
}


def defaults(env, schema, vals):
    """Default values (in client form) for a record created with ``vals``."""
    result = {"active": True} if schema.has_active else {}
    if schema.name in _DEFAULTS:
        result.update(_DEFAULTS[schema.name](env, vals))
    return result


# -- constraints ---------------------------------------------------------------------------

def _sql_constraint(message):
    return ValidationError(f"The operation cannot be completed: {message}")


def _check_hierarchy(env, schema, ids, message):
    rows = env.rows(schema.name)
    for rid in ids:
        seen, current = set(), rows[rid].get("parent_id")
        while current is not None:
            if current == rid or current in seen:
                raise ValidationError(message)
            seen.add(current)
            current = rows.get(current, {}).get("parent_id")


def _check_unique(env, schema, ids, fname, message):
    rows = env.rows(schema.name)
    for rid in ids:
        value = rows[rid].get(fname)
        if any(other != rid and row.get(fname) == value for other, row in rows.items()):
            raise _sql_constraint(message)


def check_constraints(env, schema, ids):
    """Raise the ValidationError of the first violated constraint among ``ids``."""
    rows = env.rows(schema.name)
    if schema.name == "res.partner":
        for rid in ids:
            row = rows[rid]
            if row.get("type") in (None, "contact") and is_empty(row.get("name")):
                raise _sql_constraint("Contacts require a name")
        _check_hierarchy(env, schema, ids, "You cannot create recursive Partner hierarchies.")
    elif schema.parent_field:
        _check_hierarchy(env, schema, ids, "Recursion Detected.")
    if schema.name == "estate.property":
        for rid in ids:
            price = rows[rid].get("price")
            if price is not None and price <= 0:
                raise _sql_constraint("The price must be strictly positive")
    if schema.name == "res.users":
        _check_unique(env, schema, ids, "login",
                      "You can not have two users with the same login !")
    if schema.name == "ir.config_parameter":
        _check_unique(env, schema, ids, "key", "Key must be unique.")


# -- computed values -----------------------------------------------------------------------

def _recompute_line(env, row):
    taxes = env.rows("account.tax")
    rate = sum((taxes[tid].get("amount") or 0.0) for tid in row.get("tax_ids") or []
               if tid in taxes) / _TAX_RATE_UNIT
    subtotal = (row.get("quantity") or 0.0) * (row.get("price_unit") or 0.0) * (
        1 - (row.get("discount") or 0.0) / _TAX_RATE_UNIT)
    row["price_subtotal"] = round(subtotal, 2)
    row["price_total"] = round(subtotal * (1 + rate), 2)


def _recompute_move(env, move_id):
    move = env.rows("account.move").get(move_id)
    if move is None:
        return
    lines = [row for row in env.rows("account.move.line").values()
             if row.get("move_id") == move_id]
    untaxed = round(sum(row.get("price_subtotal") or 0.0 for row in lines), 2)
    total = round(sum(row.get("price_total") or 0.0 for row in lines), 2)
    move.update(amount_untaxed=untaxed, amount_tax=round(total - untaxed, 2),
                amount_total=total,
                amount_residual=0.0 if move.get("payment_state") == "paid" else total)


def after_change(env, schema, ids, move_ids=()):
    """Keep computed fields in step after records were created, written or deleted."""
    if schema.name == "account.move.line":
        rows = env.rows("account.move.line")
        for rid in ids:
            if rid in rows:
                _recompute_line(env, rows[rid])
        move_ids = set(move_ids) | {rows[rid].get("move_id") for rid in ids if rid in rows}
    elif schema.name == "account.move":
        move_ids = ids
    for move_id in move_ids:
        _recompute_move(env, move_id)


def before_unlink(env, schema, ids):
    """Refuse deletions Odoo refuses."""
    if schema.name == "account.move":
        rows = env.rows("account.move")
        if any(rows[rid].get("state") == "posted" for rid in ids):
            raise UserError("You cannot delete an entry which has been posted once.")
    if schema.name == "res.users" and ADMIN_UID in ids:
        raise UserError("You can not remove the admin user as it is used internally for "
                        "resources created by Odoo (updates, module installation, ...)")
