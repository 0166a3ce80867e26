#!/usr/bin/python3
"""Run the fake Odoo server (see fake_odoo/__init__.py for what it serves).

Usage: fake_odoo.py --port 0 --port-file FILE [--version 16|19] [--host 127.0.0.1]
                    [--wire-dir DIR] [--verbose]

Once listening it writes its port to FILE (atomically); SIGTERM or SIGINT stop it cleanly.
"""

import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, _HERE)

from fake_odoo.app import App  # noqa: E402  (needs the path set above)
from fake_odoo.server import FakeOdooServer  # noqa: E402
from launcher import argument_parser, serve_until_signalled  # noqa: E402


def main(argv=None):
    parser = argument_parser("Fake Odoo 16/19 server for odoobridge tests")
    parser.add_argument("--version", type=int, choices=(16, 19), default=16,
                        help="Odoo version to answer as (default 16)")
    parser.add_argument("--wire-dir", default=os.path.join(_HERE, "..", "data", "wire"),
                        help="folder of the odoo16/ and odoo19/ wire captures")
    args = parser.parse_args(argv)

    app = App(os.path.abspath(args.wire_dir), args.version)
    server = FakeOdooServer((args.host, args.port), app, args.verbose).start()
    return serve_until_signalled(server, args, f"fake_odoo: Odoo {args.version}")


if __name__ == "__main__":
    sys.exit(main())
