#!/usr/bin/python3
"""estate_listing: the properties of a Royal Estate database as a table, with typed records.

    estate_listing.py [--state deposit] [--district medeu] [--min-price 30000000]
                      [--limit 20]

Lists the matching estate.property records, most expensive first (EstateProperty objects:
selection keys, dates as datetime.date, the owner as a Many2one), then the average price per
district (read_group) and the number of properties per state over the whole database
(streamed page by page). Settings and exit codes: see example_support.py. It only reads.
"""

import argparse
import collections

from example_support import connect_from_environment, run
from odoobridge.models import EstateProperty
from odoobridge.odoo import Domain, F



def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--state", help="only this state (e.g. deposit, deal, sold)")
    parser.add_argument("--district", help="only this district (e.g. medeu, bostandyk)")
    parser.add_argument("--min-price", type=float, default=0, help="tenge")
    parser.add_argument("--limit", type=int, default=20)
    return parser.parse_args()


def build_domain(arguments):
    domain = Domain()  # matches every record; & with it keeps the other side
    if arguments.state:
        domain &= F("state") == arguments.state
    if arguments.district:
        domain &= F("district") == arguments.district
    if arguments.min_price:
        domain &= F("price") >= arguments.min_price
    return domain


def main():
    arguments = parse_arguments()
    with connect_from_environment() as client:
        properties = client.model(EstateProperty)
        domain = build_domain(arguments)
        print(f"estate.property where {domain}:")
        print(f"{'id':>4}  {'name':<36} {'district':<10} {'rooms':>5} {'m²':>6} "
              f"{'price, ₸':>14}  {'state':<9} {'owner':<16} deal date")
        for p in properties.search_read(domain, order="price desc", limit=arguments.limit):
            owner = p.owner_id.name if p.owner_id else "-"
            deal = p.deal_date.isoformat() if p.deal_date else "-"
            print(f"{p.id:>4}  {p.name[:36]:<36} {p.district or '-':<10} {p.rooms:>5} "
                  f"{p.area:>6.1f} {p.price:>14,.0f}  {p.state:<9} {owner[:16]:<16} {deal}")

        print("\naverage price per district:")
        for group in properties.read_group(domain, ["price:avg"], ["district"], lazy=False):
            print(f"  {group['district'] or '(none)':<10} {group['__count']:>3} properties, "
                  f"{group['price'] or 0:>14,.0f} ₸ on average")

        per_state = collections.Counter(p.state for p in properties.stream(batch=200))
        print("\nall properties by state: " +
              ", ".join(f"{state} {count}" for state, count in sorted(per_state.items())))
    return 0


if __name__ == "__main__":
    run(main, "estate_listing")
