#!/usr/bin/python3
"""Counts the CPU instructions one `res.partner.read` costs the client, per protocol and per
stage, with valgrind's callgrind: a figure that, unlike calls/s, does not depend on what
else the machine is doing.

For each protocol it runs bench_read_loop under callgrind for a few hundred sequential
calls and prints thousands of instructions per call for: the plain libcurl loop, the whole
odoo::Client::execute_kw, and its stages (encode_call, transport send, decode_call).
Needs canned_odoo_server and bench_read_loop built (bench/run_read_bench.py builds them).

  /usr/bin/python3 bench/profile_read_call.py [--calls 300] [--build-dir build-bench]
"""

import argparse
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from run_read_bench import PROTOCOLS, PROTOCOL_TITLES, ROOT, CannedServer  # noqa: E402

# Row label -> pattern of the function whose inclusive cost it reports.
STAGES = [
    ("plain libcurl loop", r"bench::plain_curl_loop\("),
    ("odoobridge execute_kw", r"odoobridge::odoo::Client::execute_kw\("),
    ("  encode_call", r"Protocol::encode_call\("),
    ("  transport send", r"odoobridge::core::CurlTransport::send\("),
    ("  decode_call", r"Protocol::decode_call\("),
]


def inclusive_costs(profile):
    """{function line: inclusive instructions} from callgrind_annotate."""
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100",
                           str(profile)], check=True, capture_output=True, text=True).stdout
    costs = {}
    for line in text.splitlines():
        match = re.match(r"\s*([\d,]+) \([\s\d.]+%\)\s+(.*)$", line)
        if match:
            costs.setdefault(match.group(2), int(match.group(1).replace(",", "")))
    return costs


def cost_of(costs, pattern):
    for name, cost in costs.items():
        if re.search(pattern, name):
            return cost
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--build-dir", type=pathlib.Path, default=ROOT / "build-bench")
    options = parser.parse_args()
    if options.calls < 1:
        parser.error("--calls must be at least 1")
    if shutil.which("valgrind") is None:
        raise SystemExit("profile_read_call: valgrind is not installed (apt-get install valgrind)")
    bench_dir = options.build_dir / "bench"
    for binary in ("canned_odoo_server", "bench_read_loop"):
        if not (bench_dir / binary).exists():
            raise SystemExit(f"profile_read_call: {bench_dir / binary} is missing; build it "
                             "first with bench/run_read_bench.py or cmake --build")

    # Calls of each kind in one bench_read_loop run with --warmup 1: the plain loop makes
    # warmup + calls; the client one capture, one checked call, then the timed calls.
    plain_calls = options.calls + 1
    client_calls = options.calls + 2
    columns = {}
    server = CannedServer(bench_dir / "canned_odoo_server")
    try:
        with tempfile.TemporaryDirectory(prefix="odoobridge-callgrind-") as directory:
            for protocol in PROTOCOLS:
                profile = pathlib.Path(directory) / f"callgrind.{protocol}"
                print(f"profiling {protocol} ...", file=sys.stderr)
                subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={profile}",
                                str(bench_dir / "bench_read_loop"), "--url", server.url,
                                "--calls", str(options.calls), "--warmup", "1", "--many", "0",
                                "--threads", "0", "--repeat", "1", "--protocols", protocol],
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                costs = inclusive_costs(profile)
                columns[protocol] = [
                    cost_of(costs, pattern) / (plain_calls if i == 0 else client_calls) / 1000
                    if cost_of(costs, pattern) is not None else None
                    for i, (_, pattern) in enumerate(STAGES)]
    finally:
        server.stop()

    print("Thousands of client instructions per read call (callgrind, "
          f"{options.calls} calls):\n")
    print("| stage | " + " | ".join(PROTOCOL_TITLES[p] for p in PROTOCOLS) + " |")
    print("|---|" + "---:|" * len(PROTOCOLS))
    for row, (label, _) in enumerate(STAGES):
        cells = [f"{columns[p][row]:.0f}" if columns[p][row] is not None else "—"
                 for p in PROTOCOLS]
        print(f"| {label.strip() if row < 2 else '↳ ' + label.strip()} | " +
              " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
