"""What the Python examples share: a Client from the ODOO_* environment variables, and the
mapping of odoobridge's errors to one line on stderr and an exit code.

  ODOO_URL             https://erp.example.com
  ODOO_DB              database name
  ODOO_USERNAME        login
  ODOO_PASSWORD        password, or
  ODOO_API_KEY         API key (required by the json2 protocol of Odoo 19)
  ODOOBRIDGE_PROTOCOL  auto (default), xmlrpc, jsonrpc, session or json2

Exit codes: 0 done, 1 other odoobridge error, 2 missing or bad settings, 3 login refused,
4 access denied, 5 refused by a business rule or an invalid value.
"""

import os
import sys

import odoobridge
from odoobridge.odoo import AccessError, AuthenticationError, Client, UserError


def connect_from_environment():
    """A Client configured from the ODOO_* variables (Client() says what is missing)."""
    credential = ({"api_key": os.environ["ODOO_API_KEY"]} if os.environ.get("ODOO_API_KEY")
                  else {"password": os.environ.get("ODOO_PASSWORD", "")})
    return Client(url=os.environ.get("ODOO_URL", ""), db=os.environ.get("ODOO_DB", ""),
                  username=os.environ.get("ODOO_USERNAME", ""),
                  protocol=os.environ.get("ODOOBRIDGE_PROTOCOL") or "auto", **credential)


def run(main, program):
    """Exits with main()'s status, or with the exit code of the odoobridge error it raised."""
    try:
        status = main()
    except AuthenticationError as error:
        print(f"{program}: login refused; check ODOO_USERNAME and ODOO_PASSWORD or "
              f"ODOO_API_KEY: {error}", file=sys.stderr)
        status = 3
    except AccessError as error:
        print(f"{program}: access denied ({error.model}.{error.method}): "
              f"{error.server_message}", file=sys.stderr)
        status = 4
    except UserError as error:
        print(f"{program}: Odoo refused {error.model}.{error.method}: {error.server_message}",
              file=sys.stderr)
        status = 5
    except odoobridge.ConfigurationError as error:
        print(f"{program}: {error}\n(set ODOO_URL, ODOO_DB, ODOO_USERNAME and ODOO_PASSWORD or "
              "ODOO_API_KEY)", file=sys.stderr)
        status = 2
    except odoobridge.Error as error:  # never contains a password, key or session id
        print(f"{program}: {error}", file=sys.stderr)
        status = 1
    sys.exit(status)
