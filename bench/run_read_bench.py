#!/usr/bin/python3
"""Runs the read benchmark of docs/benchmarks.md and prints its comparison table.

Builds canned_odoo_server and bench_read_loop in Release (build-bench/ unless --build-dir),
starts the canned server on a free loopback port, then measures N sequential
`res.partner.read` calls of one record:

  * a plain libcurl loop sending the bytes odoobridge sends (the limit of one connection),
  * odoobridge's odoo::Client over XML-RPC, JSON-RPC, the web session and JSON-2,
  * Python's xmlrpc.client and http.client + json,

and M independent reads through Client::execute_many (beside a plain curl multi loop over
the same number of connections) and T threads sharing one client.
Prints a Markdown table of calls/s, CPU per call and ratios, with PASS/FAIL against the
targets: odoobridge >= 90 % of plain libcurl on each protocol, execute_many >= 3x the
sequential rate. Verdicts use the median of per-repetition ratios (each repetition runs
every measurement of a protocol back to back), which cancels slow drift in machine load.

Environment (or the matching options): BENCH_CALLS (N, default 20000), BENCH_MANY
(M, 10000), BENCH_THREADS (T, 8), BENCH_CONNECTIONS (8), BENCH_REPEAT (median of R runs, 3),
BENCH_LATENCY_US (0: the canned server holds each answer back this long, to stand for the
network and a real server's work; 0 measures the client against the fastest server).

  /usr/bin/python3 bench/run_read_bench.py [--markdown FILE] [--strict]
"""

import argparse
import pathlib
import signal
import subprocess
import sys
import tempfile
import time

import bench_support
from bench_support import PYTHON, ROOT, format_ratio

RUNNER = "run_read_bench"
PROTOCOLS = ["xmlrpc", "jsonrpc", "session", "json2"]
PROTOCOL_TITLES = {"xmlrpc": "XML-RPC", "jsonrpc": "JSON-RPC", "session": "web session",
                   "json2": "JSON-2"}
# Row label and ratio column heading of each Python client.
PYTHON_ROWS = {
    "python.xmlrpc.client": ("Python xmlrpc.client (XML-RPC)", "vs py xmlrpc.client"),
    "python.http.client.jsonrpc": ("Python http.client+json (JSON-RPC)",
                                   "vs py http.client (JSON-RPC)"),
    "python.http.client.json2": ("Python http.client+json (JSON-2)",
                                 "vs py http.client (JSON-2)"),
}
SEQUENTIAL_TARGET = 0.90   # of the plain libcurl rate, per protocol
CONCURRENT_TARGET = 3.0    # execute_many over the sequential rate


def env_int(name, default):
    return bench_support.env_int(name, default, RUNNER)


def parse_options():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=env_int("BENCH_CALLS", 20_000))
    parser.add_argument("--many", type=int, default=env_int("BENCH_MANY", 10_000))
    parser.add_argument("--threads", type=int, default=env_int("BENCH_THREADS", 8))
    parser.add_argument("--connections", type=int, default=env_int("BENCH_CONNECTIONS", 8))
    parser.add_argument("--repeat", type=int, default=env_int("BENCH_REPEAT", 3))
    parser.add_argument("--latency-us", type=int, default=env_int("BENCH_LATENCY_US", 0),
                        help="delay of each canned answer in microseconds (default 0)")
    parser.add_argument("--build-dir", type=pathlib.Path, default=ROOT / "build-bench")
    parser.add_argument("--markdown", type=pathlib.Path,
                        help="also write the table (with the machine description) to this file")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 when a target is missed")
    options = parser.parse_args()
    if min(options.calls, options.repeat, options.connections) < 1 or \
            min(options.many, options.threads, options.latency_us) < 0:
        parser.error("--calls, --repeat and --connections must be >= 1; --many, --threads "
                     "and --latency-us >= 0")
    return options


class CannedServer:
    """canned_odoo_server on a free loopback port, stopped on exit."""

    def __init__(self, binary, latency_us=0):
        self.summary = ""
        self.directory = tempfile.TemporaryDirectory(prefix="odoobridge-bench-")
        port_file = pathlib.Path(self.directory.name) / "port"
        self.process = subprocess.Popen([str(binary), "--port", "0", "--port-file",
                                         str(port_file), "--latency-us", str(latency_us)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        text=True)
        deadline = time.monotonic() + 10
        while not port_file.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise SystemExit("run_read_bench: canned_odoo_server did not start within "
                                 "10 s: " + self.summary)
            time.sleep(0.02)
        self.url = f"http://127.0.0.1:{int(port_file.read_text())}"

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        _, errors = self.process.communicate(timeout=10)
        self.summary = errors.strip()
        self.directory.cleanup()


def ratio(a, b):
    return a / b if a and b else None


def table(results, options):
    """The Markdown table and the list of target verdicts (True = met)."""
    python_refs = [key for key in PYTHON_ROWS if key in results]
    header = ["client", "calls/s", "CPU µs/call", "conns", "vs plain libcurl"] + \
        [PYTHON_ROWS[key][1] for key in python_refs] + ["target / note"]
    rows = []
    verdicts = []

    def verdict(value, threshold, what):
        passed = value is not None and value >= threshold
        verdicts.append(passed)
        return f"{'PASS' if passed else 'FAIL'}: {format_ratio(value)} {what} " \
               f"(target ≥ {threshold:g}×)"

    def add(key, label, protocol, note=None):
        result = results.get(key)
        if result is None:
            return
        rate = result["rate"]
        curl = results.get(f"curl.{protocol}", {}).get("rate") if protocol else None
        rows.append([label, f"{rate:,.0f}", f"{result['cpu_us_per_call']:.1f}",
                     str(result["connections"]),
                     "—" if key.startswith("curl.") else format_ratio(ratio(rate, curl))] +
                    [format_ratio(ratio(rate, results[p]["rate"])) if p != key else "—"
                     for p in python_refs] + [note(result) if note else ""])

    for protocol in PROTOCOLS:
        add(f"curl.{protocol}", f"plain libcurl ({PROTOCOL_TITLES[protocol]})", protocol)
    for protocol in PROTOCOLS:
        add(f"odoobridge.{protocol}", f"odoobridge {PROTOCOL_TITLES[protocol]}", protocol,
            lambda r: verdict(r.get("ratio_to_curl"), SEQUENTIAL_TARGET, "of libcurl"))
    for key, (label, _) in PYTHON_ROWS.items():
        add(key, label, None)
    for protocol in PROTOCOLS:
        add(f"curl_multi.{protocol}",
            f"plain libcurl multi ({PROTOCOL_TITLES[protocol]}, {options.many:,} calls, "
            f"{options.connections} conns)", protocol,
            lambda r: f"{format_ratio(r.get('speedup'))} sequential libcurl: the ceiling")
    for protocol in PROTOCOLS:
        add(f"many.{protocol}",
            f"odoobridge {PROTOCOL_TITLES[protocol]} execute_many ({options.many:,} calls, "
            f"{options.connections} conns)", protocol,
            lambda r: verdict(r.get("speedup"), CONCURRENT_TARGET, "sequential"))
    for protocol in PROTOCOLS:
        add(f"threads.{protocol}",
            f"odoobridge {PROTOCOL_TITLES[protocol]}, {options.threads} threads, one client",
            protocol, lambda r: f"{format_ratio(r.get('speedup'))} sequential")

    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines), verdicts


def main():
    options = parse_options()
    bench_dir = bench_support.build(options.build_dir, ["canned_odoo_server", "bench_read_loop"],
                                    RUNNER)
    machine = bench_support.machine_description()
    bench_support.warn_if_busy(machine, RUNNER)
    server = CannedServer(bench_dir / "canned_odoo_server", options.latency_us)
    try:
        print(f"canned_odoo_server at {server.url}; N={options.calls:,}, "
              f"median of {options.repeat}", file=sys.stderr)
        common = ["--url", server.url, "--calls", str(options.calls), "--repeat",
                  str(options.repeat)]
        results = bench_support.run_json_lines(
            [bench_dir / "bench_read_loop", *common, "--many", str(options.many), "--threads",
             str(options.threads), "--connections", str(options.connections)], RUNNER)
        print("python:", file=sys.stderr)
        results.update(bench_support.run_json_lines(
            [PYTHON, ROOT / "bench" / "python_read_loop.py", *common], RUNNER))
    finally:
        server.stop()
    print(server.summary, file=sys.stderr)

    text, verdicts = table(results, options)
    latency = (f"answers held back {options.latency_us} µs" if options.latency_us
               else "answers sent at once")
    heading = (f"{machine['cpus']} × {machine['cpu_model']}, load average "
               f"{machine['load']:.2f} at start; canned server {latency}; "
               f"N = {options.calls:,} sequential calls, median of {options.repeat} runs")
    print(heading + "\n\n" + text)
    if options.markdown:
        options.markdown.write_text(heading + "\n\n" + text + "\n")
    if options.strict and not all(verdicts):
        sys.exit(1)


if __name__ == "__main__":
    main()
