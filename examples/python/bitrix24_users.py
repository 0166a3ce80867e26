#!/usr/bin/python3
"""bitrix24_users: list a Bitrix24 portal's employees and find one by e-mail.

    BITRIX24_WEBHOOK_URL=https://{portal}/rest/{user_id}/{code}/ bitrix24_users.py
        [--all] [--mode batched|fast|classic] [--email ADDRESS]

Lists the active users (every user with --all), fetched lazily 50 per page (batched mode
fetches 50 pages per request), then looks up --email. It only reads: it is safe to run
against a production portal. The webhook needs the `user` scope.

Exit codes: 0 done (1 when --email matched nobody), 2 missing or bad settings, 3 webhook
refused, 4 scope missing, 1 other errors. Messages never show the webhook's code.
"""

import argparse
import os
import sys

import odoobridge
from odoobridge import bitrix24


def main(arguments):
    url = os.environ.get("BITRIX24_WEBHOOK_URL", "")
    if not url:
        print("bitrix24_users: set BITRIX24_WEBHOOK_URL to the portal's incoming webhook URL "
              "(https://{portal}/rest/{user_id}/{code}/)", file=sys.stderr)
        return 2
    with bitrix24.Client(webhook_url=url) as portal:
        users = portal.list_users(None if arguments.all else {"ACTIVE": True},
                                  mode=arguments.mode)
        count = 0
        for user in users:
            count += 1
            name = " ".join(part for part in (user.NAME, user.LAST_NAME) if part) or "(no name)"
            state = "" if user.ACTIVE else "  (dismissed)"
            print(f"{user.ID:>6}  {name:<28} {user.EMAIL or '-':<34} "
                  f"{user.WORK_POSITION or '-'}{state}")
        kind = "users" if arguments.all else "active users"
        print(f"{count} {kind} in {users.requests} requests ({arguments.mode} mode)")
        if arguments.email:
            found = portal.find_user_by_email(arguments.email)
            if found is None:
                print(f"no user has the e-mail {arguments.email}")
                return 1
            print(f"{found.EMAIL}: user #{found.ID} {found.NAME} {found.LAST_NAME}, "
                  f"departments {found.UF_DEPARTMENT}")
    return 0


def run():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="dismissed users too")
    parser.add_argument("--mode", choices=["batched", "fast", "classic"], default="batched")
    parser.add_argument("--email", help="find the user with this e-mail address")
    arguments = parser.parse_args()
    try:
        status = main(arguments)
    except odoobridge.ConfigurationError as error:
        print(f"bitrix24_users: {error}", file=sys.stderr)
        status = 2
    except bitrix24.AuthenticationError as error:
        print(f"bitrix24_users: the portal refused the webhook; check BITRIX24_WEBHOOK_URL: "
              f"{error}", file=sys.stderr)
        status = 3
    except bitrix24.InsufficientScopeError as error:
        print(f"bitrix24_users: the webhook lacks the `user` scope: {error}", file=sys.stderr)
        status = 4
    except odoobridge.Error as error:  # never contains the webhook's code
        print(f"bitrix24_users: {error}", file=sys.stderr)
        status = 1
    sys.exit(status)


if __name__ == "__main__":
    run()
