#!/usr/bin/python3
"""Run the fake RosDomofon REST server (see fake_rosdomofon/__init__.py for what it serves).

Usage: fake_rosdomofon.py --port 0 --port-file FILE [--host 127.0.0.1] [--token-ttl SECONDS]
                          [--username U --password P] [--verbose]

Once listening it writes its port to FILE (atomically); SIGTERM or SIGINT stop it cleanly.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import fake_rosdomofon  # noqa: E402  (needs the path set above)
from fake_rosdomofon.server import FakeRosDomofonServer  # noqa: E402
from fake_rosdomofon.store import Store  # noqa: E402
from launcher import argument_parser, serve_until_signalled  # noqa: E402


def main(argv=None):
    parser = argument_parser("Fake RosDomofon server for odoobridge tests")
    parser.add_argument("--token-ttl", type=int, default=fake_rosdomofon.DEFAULT_TOKEN_TTL,
                        help="expires_in of issued tokens, in seconds")
    parser.add_argument("--username", default=fake_rosdomofon.USERNAME)
    parser.add_argument("--password", default=fake_rosdomofon.PASSWORD)
    args = parser.parse_args(argv)

    store = Store(args.username, args.password, args.token_ttl)
    server = FakeRosDomofonServer((args.host, args.port), store, args.verbose).start()
    return serve_until_signalled(server, args, "fake_rosdomofon:")


if __name__ == "__main__":
    sys.exit(main())
