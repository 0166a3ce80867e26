#!/usr/bin/python3
"""quickstart: connect to Odoo from Python, look around, and handle its errors.

Settings and exit codes: see example_support.py (ODOO_URL, ODOO_DB, ODOO_USERNAME,
ODOO_PASSWORD or ODOO_API_KEY, ODOOBRIDGE_PROTOCOL). It only reads: it is safe to run
against a production database.
"""

from example_support import connect_from_environment, run
from odoobridge.odoo import AccessError, F


def main():
    with connect_from_environment() as client:
        print(f"server version: {client.version().version}")
        print(f"uid:            {client.uid}")
        print(f"protocol:       {client.protocol}")

        # Positional arguments are a list: search_count(domain) with the empty domain.
        companies = client.execute_kw("res.company", "search_count", [[]])
        print(f"companies:      {companies}")

        # Models take domains built with F (or raw lists) and keyword options.
        partners = client.model("res.partner").search_read(
            F("active"), ["name", "email"], limit=5, order="id")
        print("first partners:")
        for partner in partners:  # Odoo sends False for empty fields
            print(f"  #{partner['id']} {partner['name'] or '(no name)'} "
                  f"<{partner['email'] or 'no email'}>")

        # Every protocol reports a refusal with the same class. Counting the system
        # parameters is harmless and allowed to administrators only.
        try:
            parameters = client.model("ir.config_parameter").search_count()
            print(f"system parameters: {parameters} (this user is an administrator)")
        except AccessError as error:
            print("system parameters: access denied, as for every non-administrator: "
                  f"{error.server_message}")
    return 0


if __name__ == "__main__":
    run(main, "quickstart")
