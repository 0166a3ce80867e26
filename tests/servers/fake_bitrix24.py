#!/usr/bin/python3
"""Run the fake Bitrix24 portal (see fake_bitrix24/__init__.py for what it serves).

Usage: fake_bitrix24.py --port 0 --port-file FILE [--host 127.0.0.1] [--burst 50]
                        [--drain 2] [--time-scale 1] [--operating-limit 480] [--users 25]
                        [--verbose]

The defaults are the documented limits; --time-scale S runs the limits' clock S times faster
(tests). Once listening it writes its port to FILE (atomically); SIGTERM or SIGINT stop it.
"""

import argparse
import os
import signal
import sys
import threading

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, _HERE)

from fake_bitrix24.app import App  # noqa: E402  (needs the path set above)
from fake_bitrix24.server import FakeBitrix24Server  # noqa: E402


def _write_port(path, port):
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="ascii") as handle:
        handle.write(f"{port}\n")
    os.replace(temporary, path)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Fake Bitrix24 portal for odoobridge tests")
    parser.add_argument("--port", type=int, default=0, help="TCP port, 0 for a free one")
    parser.add_argument("--port-file", help="file to write the listening port to")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--burst", type=int, help="leaky bucket size (default 50)")
    parser.add_argument("--drain", type=float, help="bucket drain per second (default 2)")
    parser.add_argument("--time-scale", type=float, help="limits' clock speed-up (default 1)")
    parser.add_argument("--operating-limit", type=float,
                        help="operating seconds per method per 10 minutes (default 480)")
    parser.add_argument("--users", type=int, help="number of seed users (default 25)")
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    args = parser.parse_args(argv)
    if args.time_scale is not None and args.time_scale <= 0:
        parser.error("--time-scale must be positive")

    app = App(burst=args.burst, drain=args.drain, time_scale=args.time_scale,
              operating_limit=args.operating_limit, users=args.users)
    server = FakeBitrix24Server((args.host, args.port), app, args.verbose).start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    if args.port_file:
        _write_port(args.port_file, server.port)
    if args.verbose:
        sys.stderr.write(f"fake_bitrix24: listening on http://{args.host}:{server.port}\n")
    while not stop.wait(0.5):
        pass
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
