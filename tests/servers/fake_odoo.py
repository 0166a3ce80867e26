#!/usr/bin/python3
"""Run the fake Odoo server (see fake_odoo/__init__.py for what it serves).

Usage: fake_odoo.py --port 0 --port-file FILE [--version 16|19] [--host 127.0.0.1]
                    [--wire-dir DIR] [--verbose]

Once listening it writes its port to FILE (atomically); SIGTERM or SIGINT stop it cleanly.
"""

import argparse
import os
import signal
import sys
import threading

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, _HERE)

from fake_odoo.app import App  # noqa: E402  (needs the path set above)
from fake_odoo.server import FakeOdooServer  # noqa: E402


def _write_port(path, port):
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="ascii") as handle:
        handle.write(f"{port}\n")
    os.replace(temporary, path)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Fake Odoo 16/19 server for odoobridge tests")
    parser.add_argument("--port", type=int, default=0, help="TCP port, 0 for a free one")
    parser.add_argument("--port-file", help="file to write the listening port to")
    parser.add_argument("--version", type=int, choices=(16, 19), default=16,
                        help="Odoo version to answer as (default 16)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--wire-dir", default=os.path.join(_HERE, "..", "data", "wire"),
                        help="folder of the odoo16/ and odoo19/ wire captures")
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    args = parser.parse_args(argv)

    app = App(os.path.abspath(args.wire_dir), args.version)
    server = FakeOdooServer((args.host, args.port), app, args.verbose).start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    if args.port_file:
        _write_port(args.port_file, server.port)
    if args.verbose:
        sys.stderr.write(f"fake_odoo: Odoo {args.version} listening on "
                         f"http://{args.host}:{server.port}\n")
    while not stop.wait(0.5):
        pass
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
