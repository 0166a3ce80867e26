"""Which models the fake serves and what is known about each.

Models with a ``capture`` take their fields from that fields_get capture (what the real
server answered); the others declare their fields here, with the attributes fields_get
returns. Every relation target that is declared nowhere becomes a stub model with a
``name`` field, so many2one values always have a display name.
"""


def fld(ftype, string, relation=None, selection=None, required=False, readonly=False):
    """fields_get attributes of one declared field."""
    attrs = {"readonly": readonly, "required": required, "string": string, "type": ftype}
    if relation:
        attrs["relation"] = relation
    if selection is not None:
        attrs["selection"] = [list(pair) for pair in selection]
    return attrs


_DISPLAY_TYPES = [("product", "Product"), ("cogs", "Cost of Goods Sold"), ("tax", "Tax"),
                  ("rounding", "Rounding"), ("payment_term", "Payment Term"),
                  ("line_section", "Section"), ("line_note", "Note"),
                  ("epd", "Early Payment Discount")]

MODEL_DEFS = {
    "res.partner": {
        "description": "Contact", "capture": "jsonrpc/partner_fields_get.json",
        "order": "display_name, id desc",
        "inverses": {"child_ids": "parent_id", "user_ids": "partner_id",
                     "opportunity_ids": "partner_id", "invoice_ids": "partner_id"},
    },
    "crm.lead": {
        "description": "Lead/Opportunity", "capture": "jsonrpc/lead_fields_get.json",
        "order": "priority desc, id desc",
    },
    "account.move": {
        "description": "Journal Entry", "capture": "jsonrpc/move_fields_get.json",
        "order": "date desc, name desc, id desc",
        "inverses": {"line_ids": "move_id", "invoice_line_ids": "move_id"},
    },
    "estate.property": {
        "description": "Real Estate Property", "capture": "jsonrpc/royal_estate_fields_get.json",
        "order": "id", "inverses": {"image_ids": "property_id"},
    },
    "estate.property.image": {
        "description": "Property Image",
        "capture": "jsonrpc/royal_estate_image_fields_get.json", "order": "sequence, id",
        "cascade": {"property_id"},
    },
    "account.move.line": {
        "description": "Journal Item", "order": "id", "cascade": {"move_id"},
        "fields": {
            "move_id": fld("many2one", "Journal Entry", "account.move", required=True),
            "name": fld("char", "Label"),
            "product_id": fld("many2one", "Product", "product.product"),
            "quantity": fld("float", "Quantity"),
            "price_unit": fld("float", "Unit Price"),
            "discount": fld("float", "Discount (%)"),
            "tax_ids": fld("many2many", "Taxes", "account.tax"),
            "price_subtotal": fld("monetary", "Subtotal", readonly=True),
            "price_total": fld("monetary", "Total", readonly=True),
            "account_id": fld("many2one", "Account", "account.account"),
            "display_type": fld("selection", "Display Type", selection=_DISPLAY_TYPES,
                                required=True),
            "partner_id": fld("many2one", "Partner", "res.partner"),
            "currency_id": fld("many2one", "Currency", "res.currency"),
            "company_id": fld("many2one", "Company", "res.company", readonly=True),
            "sequence": fld("integer", "Sequence"),
        },
    },
    "res.users": {
        "description": "User", "order": "name, login",
        "fields": {
            "name": fld("char", "Name", required=True),
            "login": fld("char", "Login", required=True),
            "partner_id": fld("many2one", "Related Partner", "res.partner", required=True),
            "active": fld("boolean", "Active"),
            "company_id": fld("many2one", "Company", "res.company", required=True),
            "company_ids": fld("many2many", "Companies", "res.company"),
            "email": fld("char", "Email"),
            "lang": fld("selection", "Language", selection=[("en_US", "English (US)")]),
            "tz": fld("char", "Timezone"),
            "share": fld("boolean", "Share User", readonly=True),
            "login_date": fld("datetime", "Latest authentication", readonly=True),
        },
    },
    "ir.config_parameter": {
        "description": "System Parameter", "order": "key", "rec_name": "key",
        "fields": {"key": fld("char", "Key", required=True),
                   "value": fld("text", "Value", required=True)},
    },
    "crm.stage": {
        "description": "CRM Stages", "order": "sequence, name, id",
        "fields": {"name": fld("char", "Stage Name", required=True),
                   "sequence": fld("integer", "Sequence"),
                   "fold": fld("boolean", "Folded in Pipeline"),
                   "is_won": fld("boolean", "Is Won Stage?")},
    },
    "crm.tag": {
        "description": "CRM Tag", "order": "name",
        "fields": {"name": fld("char", "Tag Name", required=True),
                   "color": fld("integer", "Color")},
    },
    "crm.team": {
        "description": "Sales Team", "order": "name",
        "fields": {"name": fld("char", "Sales Team", required=True),
                   "active": fld("boolean", "Active")},
    },
    "crm.lost.reason": {
        "description": "Opp. Lost Reason", "order": "name",
        "fields": {"name": fld("char", "Description", required=True),
                   "active": fld("boolean", "Active")},
    },
    # The "Convert to opportunity" wizard (a TransientModel): create it with the lead in the
    # context (active_model, active_id, active_ids), then call action_apply.
    "crm.lead2opportunity.partner": {
        "description": "Convert Lead to Opportunity (not in mass)", "order": "id",
        "cascade": {"lead_id"},  # transient -> regular, required: ondelete cascade
        "fields": {
            "name": fld("selection", "Conversion Action",
                        selection=[("convert", "Convert to opportunity"),
                                   ("merge", "Merge with existing opportunities")],
                        required=True),
            "action": fld("selection", "Related Customer",
                          selection=[("create", "Create a new customer"),
                                     ("exist", "Link to an existing customer"),
                                     ("nothing", "Do not link to a customer")]),
            "lead_id": fld("many2one", "Associated Lead", "crm.lead", required=True),
            "partner_id": fld("many2one", "Customer", "res.partner"),
            "user_id": fld("many2one", "Salesperson", "res.users"),
            "team_id": fld("many2one", "Sales Team", "crm.team"),
            "force_assignment": fld("boolean", "Force assignment"),
        },
    },
    "res.country": {
        "description": "Country", "order": "name",
        "fields": {"name": fld("char", "Country Name", required=True),
                   "code": fld("char", "Country Code")},
    },
    "res.currency": {
        "description": "Currency", "order": "name",
        "fields": {"name": fld("char", "Currency", required=True),
                   "symbol": fld("char", "Symbol", required=True),
                   "active": fld("boolean", "Active")},
    },
    "res.company": {
        "description": "Companies", "order": "name",
        "fields": {"name": fld("char", "Company Name", required=True),
                   "partner_id": fld("many2one", "Partner", "res.partner"),
                   "currency_id": fld("many2one", "Currency", "res.currency")},
    },
    "res.partner.category": {
        "description": "Partner Tags", "order": "name",
        "fields": {"name": fld("char", "Tag Name", required=True),
                   "color": fld("integer", "Color"),
                   "active": fld("boolean", "Active")},
    },
    "product.product": {
        "description": "Product", "order": "default_code, name, id",
        "fields": {"name": fld("char", "Name", required=True),
                   "default_code": fld("char", "Internal Reference"),
                   "active": fld("boolean", "Active")},
    },
    "account.account": {
        "description": "Account", "order": "code",
        "fields": {"name": fld("char", "Account Name", required=True),
                   "code": fld("char", "Code", required=True)},
    },
    "account.tax": {
        "description": "Tax", "order": "name",
        "fields": {"name": fld("char", "Tax Name", required=True),
                   "amount": fld("float", "Amount")},
    },
    "account.journal": {
        "description": "Journal", "order": "name",
        "fields": {"name": fld("char", "Journal Name", required=True),
                   "code": fld("char", "Short Code", required=True)},
    },
}

MAGIC_FIELDS = {
    "id": fld("integer", "ID", readonly=True),
    "__last_update": fld("datetime", "Last Modified on", readonly=True),
    "display_name": fld("char", "Display Name", readonly=True),
    "create_uid": fld("many2one", "Created by", "res.users", readonly=True),
    "create_date": fld("datetime", "Created on", readonly=True),
    "write_uid": fld("many2one", "Last Updated by", "res.users", readonly=True),
    "write_date": fld("datetime", "Last Updated on", readonly=True),
}
