#!/usr/bin/python3
"""Run the fake RosDomofon REST server (see fake_rosdomofon/__init__.py for what it serves).

Usage: fake_rosdomofon.py --port 0 --port-file FILE [--host 127.0.0.1] [--token-ttl SECONDS]
                          [--username U --password P] [--verbose]

Once listening it writes its port to FILE (atomically); SIGTERM or SIGINT stop it cleanly.
"""

import argparse
import os
import signal
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import fake_rosdomofon  # noqa: E402  (needs the path set above)
from fake_rosdomofon.server import FakeRosDomofonServer  # noqa: E402
from fake_rosdomofon.store import Store  # noqa: E402


def _write_port(path, port):
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="ascii") as handle:
        handle.write(f"{port}\n")
    os.replace(temporary, path)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Fake RosDomofon server for odoobridge tests")
    parser.add_argument("--port", type=int, default=0, help="TCP port, 0 for a free one")
    parser.add_argument("--port-file", help="file to write the listening port to")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--token-ttl", type=int, default=fake_rosdomofon.DEFAULT_TOKEN_TTL,
                        help="expires_in of issued tokens, in seconds")
    parser.add_argument("--username", default=fake_rosdomofon.USERNAME)
    parser.add_argument("--password", default=fake_rosdomofon.PASSWORD)
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    args = parser.parse_args(argv)

    store = Store(args.username, args.password, args.token_ttl)
    server = FakeRosDomofonServer((args.host, args.port), store, args.verbose).start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    if args.port_file:
        _write_port(args.port_file, server.port)
    if args.verbose:
        sys.stderr.write(f"fake_rosdomofon: listening on http://{args.host}:{server.port}\n")
    while not stop.wait(0.5):
        pass
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
