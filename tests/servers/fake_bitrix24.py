#!/usr/bin/python3
"""Run the fake Bitrix24 portal (see fake_bitrix24/__init__.py for what it serves).

Usage: fake_bitrix24.py --port 0 --port-file FILE [--host 127.0.0.1] [--burst 50]
                        [--drain 2] [--time-scale 1] [--operating-limit 480] [--users 25]
                        [--verbose]

The defaults are the documented limits; --time-scale S runs the limits' clock S times faster
(tests). Once listening it writes its port to FILE (atomically); SIGTERM or SIGINT stop it.
"""

import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, _HERE)

from fake_bitrix24.app import App  # noqa: E402  (needs the path set above)
from fake_bitrix24.server import FakeBitrix24Server  # noqa: E402
from launcher import argument_parser, serve_until_signalled  # noqa: E402


def main(argv=None):
    parser = argument_parser("Fake Bitrix24 portal for odoobridge tests")
    parser.add_argument("--burst", type=int, help="leaky bucket size (default 50)")
    parser.add_argument("--drain", type=float, help="bucket drain per second (default 2)")
    parser.add_argument("--time-scale", type=float, help="limits' clock speed-up (default 1)")
    parser.add_argument("--operating-limit", type=float,
                        help="operating seconds per method per 10 minutes (default 480)")
    parser.add_argument("--users", type=int, help="number of seed users (default 25)")
    args = parser.parse_args(argv)
    if args.time_scale is not None and args.time_scale <= 0:
        parser.error("--time-scale must be positive")

    app = App(burst=args.burst, drain=args.drain, time_scale=args.time_scale,
              operating_limit=args.operating_limit, users=args.users)
    server = FakeBitrix24Server((args.host, args.port), app, args.verbose).start()
    return serve_until_signalled(server, args, "fake_bitrix24:")


if __name__ == "__main__":
    sys.exit(main())
