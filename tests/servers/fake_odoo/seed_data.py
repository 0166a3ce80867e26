"""Seed records the captures imply but do not show in full.

Values are in read() form (many2one as id, x2many as id lists). Names, ids and amounts
come from the captures wherever they appear there (partner names of partner_search and
name_search, stage names of lead_read_group, invoice totals of move_search_read, ...);
the rest (contact names, product names of invoice lines 1-4, tag names) is Odoo's demo
data as far as known and otherwise made up, chosen so that every captured answer (orders,
counts, totals) still comes out the same.
"""

SEED_DATE = "2026-11-22 10:27:19"


def _company(rid, name, city=False):
    return {"id": rid, "name": name, "is_company": True, "country_id": 233, "city": city,
            "lang": "en_US", "type": "contact"}


def _contact(rid, name, parent_id):
    return {"id": rid, "name": name, "parent_id": parent_id, "is_company": False,
            "country_id": 233, "lang": "en_US", "type": "contact"}


def _line(rid, move_id, product_id, label, quantity, price_unit):
    return {"id": rid, "move_id": move_id, "product_id": product_id, "name": label,
            "quantity": quantity, "price_unit": price_unit, "discount": 0.0, "tax_ids": [1],
            "account_id": 21, "display_type": "product"}


EXTRA_RECORDS = {
    "res.company": [{"id": 1, "name": "YourCompany", "partner_id": 1, "currency_id": 2}],
    "res.currency": [{"id": 1, "name": "EUR", "symbol": "€", "active": True},
                     {"id": 2, "name": "USD", "symbol": "$", "active": True}],
    "res.country": [{"id": 233, "name": "United States", "code": "US"}],
    "res.users": [
        {"id": 1, "name": "OdooBot", "login": "__system__", "partner_id": 2, "active": False},
        {"id": 2, "name": "Mitchell Admin", "login": "admin", "partner_id": 3,
         "email": "admin@yourcompany.example.com"},
        {"id": 6, "name": "Marc Demo", "login": "demo", "partner_id": 7,
         "email": "mark.brown23@example.com"},
    ],
    "res.partner": [
        {"id": 2, "name": "OdooBot", "active": False, "email": "odoobot@example.com"},
        {"id": 3, "name": "Mitchell Admin", "company_name": "YourCompany",
         "email": "admin@yourcompany.example.com", "country_id": 233},
        {"id": 7, "name": "Marc Demo", "company_name": "YourCompany",
         "email": "mark.brown23@example.com", "country_id": 233},
        _company(11, "Gemini Furniture", "Fairfield"), _company(12, "Ready Mat", "Tracy"),
        _company(13, "The Jackson Group", "Burlingame"), _company(14, "Azure Interior",
                                                                   "Fremont"),
        _company(15, "Lumber Inc", "Stockton"),
        _contact(16, "Willie Burke", 9), _contact(17, "Ron Gibson", 9),
        _contact(32, "Tom Ruiz", 9), _contact(18, "Douglas Fletcher", 10),
        _contact(19, "Floyd Steward", 10), _contact(35, "Addison Olson", 10),
        _contact(26, "Brandon Freeman", 14), _contact(27, "Nicole Ford", 14),
        _contact(33, "Colleen Diaz", 14), _contact(39, "Chester Reed", 1),
        _contact(40, "Dwayne Newman", 1),
    ],
    "res.partner.category": [{"id": 6, "name": "Office Supplies"},
                             {"id": 7, "name": "Consulting Services"}],
    "crm.stage": [{"id": 1, "name": "New", "sequence": 1},
                  {"id": 2, "name": "Qualified", "sequence": 2},
                  {"id": 3, "name": "Proposition", "sequence": 3},
                  {"id": 4, "name": "Won", "sequence": 70, "is_won": True}],
    "crm.tag": [{"id": 1, "name": "Product"}, {"id": 2, "name": "Software"},
                {"id": 3, "name": "Services"}],
    "crm.team": [{"id": 1, "name": "Sales"}, {"id": 5, "name": "Pre-Sales"}],
    "crm.lost.reason": [{"id": 1, "name": "Too expensive"},
                        {"id": 2, "name": "We don't have people/skills"},
                        {"id": 3, "name": "Not enough stock"}],
    "account.journal": [{"id": 1, "name": "Customer Invoices", "code": "INV"},
                        {"id": 2, "name": "Vendor Bills", "code": "BILL"},
                        {"id": 3, "name": "Miscellaneous Operations", "code": "MISC"}],
    "account.account": [{"id": 7, "code": "121000", "name": "Account Receivable"},
                        {"id": 15, "code": "211000", "name": "Account Payable"},
                        {"id": 21, "code": "400000", "name": "Product Sales"}],
    "account.tax": [{"id": 1, "name": "15%", "amount": 15.0}],
    "product.product": [
        {"id": 22, "name": "Large Cabinet", "default_code": "FURN_7777"},
        {"id": 27, "name": "Desk Combination", "default_code": "FURN_7800"},
        {"id": 33, "name": "Four Person Desk", "default_code": "FURN_8220"},
        {"id": 35, "name": "Three-Seat Sofa", "default_code": "FURN_8999"},
    ],
    "account.move": [
        {"id": 1, "date": "2026-11-01", "journal_id": 1},
        {"id": 2, "date": "2026-11-08", "journal_id": 1},
        {"id": 3, "name": "INV/2026/00003", "move_type": "out_invoice", "state": "posted",
         "partner_id": 12, "date": "2026-11-15", "invoice_date": "2026-11-15",
         "invoice_date_due": "2026-12-15", "payment_state": "not_paid", "journal_id": 1},
        {"id": 16, "name": "/", "move_type": "out_invoice", "state": "draft",
         "partner_id": 11, "date": "2026-11-22", "journal_id": 1},
    ],
    "account.move.line": [
        _line(1, 1, 27, "[FURN_7800] Desk Combination", 5.0, 3800.0),
        _line(2, 1, 22, "[FURN_7777] Large Cabinet", 3.0, 4250.0),
        _line(3, 2, 33, "[FURN_8220] Four Person Desk", 10.0, 2350.0),
        _line(4, 2, 27, "[FURN_7800] Desk Combination", 5.0, 3650.0),
    ],
    "ir.config_parameter": [
        {"id": 1, "key": "database.create_date", "value": SEED_DATE},
        {"id": 2, "key": "database.uuid", "value": "5f0c1d9e-6a51-4b7e-9d43-0d2f7f6a1c01"},
        {"id": 3, "key": "web.base.url", "value": "http://127.0.0.1:8069"},
    ],
}

# search_read / read captures whose records seed the store (the Royal Estate schema is the
# estate.property of every database; the training-module estate_* captures are not used).
SEED_CAPTURES = [
    "jsonrpc/partner_search_read.json",
    "jsonrpc/partner_read_image.json",
    "session/call_kw_search_read.json",
    "jsonrpc/lead_search_read.json",
    "jsonrpc/move_search_read.json",
    "jsonrpc/move_line_read.json",
    "jsonrpc/royal_estate_search_read.json",
]
