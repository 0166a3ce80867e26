"""What the fake servers' launch scripts share: the common command-line options, writing
the listening port to a file, and serving until SIGTERM or SIGINT."""

import argparse
import os
import signal
import sys
import threading


def argument_parser(description):
    """A parser with the options every fake server takes: --port, --port-file, --host and
    --verbose. Each launcher adds its own."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--port", type=int, default=0, help="TCP port, 0 for a free one")
    parser.add_argument("--port-file", help="file to write the listening port to")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    return parser


def write_port(path, port):
    """Writes `port` to `path` atomically, so a reader never sees a half-written file."""
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="ascii") as handle:
        handle.write(f"{port}\n")
    os.replace(temporary, path)


def serve_until_signalled(server, args, banner):
    """Publishes the started `server`'s port (--port-file), says `banner` with its URL when
    --verbose, then waits for SIGTERM or SIGINT and stops the server. Returns 0."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    if args.port_file:
        write_port(args.port_file, server.port)
    if args.verbose:
        sys.stderr.write(f"{banner} listening on http://{args.host}:{server.port}\n")
    while not stop.wait(0.5):
        pass
    server.stop()
    return 0
