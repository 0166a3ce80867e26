#!/usr/bin/python3
"""invoice_sync: invoice the agency commission of every closed deal, once.

    invoice_sync.py [--apply] [--pdf-dir DIR]

For each estate.property in state "deal" or "sold" with an owner and a deal date, the owner
owes the agency its commission (price × commission). Without an invoice whose reference is
the property's name, one is created for the owner (one line, in one call), posted, and its
PDF saved to DIR when given (PDFs need a password login: Odoo's report route needs a web
session). Running it again finds the invoices it made and creates nothing.

Without --apply it only reads and prints what it would do. Settings and exit codes: see
example_support.py.
"""

import argparse
import os
import pathlib

from example_support import connect_from_environment, run
from odoobridge.models import AccountMove, EstateProperty, Invoices, invoice_line
from odoobridge.odoo import F


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apply", action="store_true",
                        help="create and post the invoices (default: only show them)")
    parser.add_argument("--pdf-dir", type=pathlib.Path, help="save each new invoice's PDF here")
    return parser.parse_args()


def closed_deals(client):
    """The properties whose commission is due, as EstateProperty records."""
    due = F("state").in_(["deal", "sold"]) & F("owner_id").is_set() & F("deal_date").is_set()
    return client.model(EstateProperty).search_read(due, order="deal_date, id")


def invoiced_references(client, references):
    """The references (property names) that already have a customer invoice."""
    moves = client.model(AccountMove).search_read(
        (F("move_type") == "out_invoice") & F("ref").in_(references))
    return {move.ref for move in moves}


def main():
    arguments = parse_arguments()
    with connect_from_environment() as client:
        deals = closed_deals(client)
        done = invoiced_references(client, [deal.name for deal in deals])
        invoices = Invoices(client)
        can_print = not os.environ.get("ODOO_API_KEY")
        created = 0
        for deal in deals:
            amount = round(deal.price * deal.commission, 2)
            what = (f"{deal.name}: commission {amount:,.0f} ₸ ({deal.commission:.1%} of "
                    f"{deal.price:,.0f}) from {deal.owner_id.name}, deal of {deal.deal_date}")
            if deal.name in done:
                print(f"already invoiced  {what}")
                continue
            if not arguments.apply:
                print(f"would invoice     {what}")
                continue
            line = invoice_line(f"Agency commission, {deal.name}", 1, amount)
            invoice = invoices.create_customer_invoice(
                deal.owner_id.id, [line], {"ref": deal.name, "invoice_date": deal.deal_date})
            invoices.post(invoice)
            number = invoices.get(invoice).name
            created += 1
            print(f"invoiced {number}  {what}")
            if arguments.pdf_dir and can_print:
                arguments.pdf_dir.mkdir(parents=True, exist_ok=True)
                path = arguments.pdf_dir / f"{number.replace('/', '-')}.pdf"
                path.write_bytes(invoices.pdf(invoice))
                print(f"  saved {path}")
            elif arguments.pdf_dir:
                print("  no PDF: the report route needs a password login, not an API key")
        print(f"{len(deals)} closed deals, {created} new invoices")
    return 0


if __name__ == "__main__":
    run(main, "invoice_sync")
