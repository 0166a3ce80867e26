#!/usr/bin/python3
"""Times odoobridge's XML-RPC reader against Python's xmlrpc.client.loads on the same bytes.

Builds xmlrpc_decode in Release (build-bench/ unless --build-dir), which writes a
`search_read` answer of N res.partner-like records (20 fields each, ~1.8 KB per record in
Python's XML-RPC format) and reads it into json and into typed structs; then times
`xmlrpc.client.loads` on the very same bytes. Prints MB/s and ratios with PASS/FAIL against
the targets: typed XML-RPC decode >= 2x xmlrpc.client.loads, and the XML -> json step above
40 MB/s.

  /usr/bin/python3 bench/xmlrpc_decode.py [--records 100000] [--repeat 3] [--build-dir DIR]
"""

import argparse
import pathlib
import sys
import tempfile
import time
import xmlrpc.client

import bench_support
from bench_support import ROOT, format_ratio

RUNNER = "xmlrpc_decode"
TYPED_TARGET = 2.0     # typed decode over Python's xmlrpc.client.loads
JSON_STEP_MB_S = 40.0  # the XML -> json step alone


def parse_options():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--build-dir", type=pathlib.Path, default=ROOT / "build-bench")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 when a target is missed")
    options = parser.parse_args()
    if min(options.records, options.repeat) < 1:
        parser.error("--records and --repeat must be >= 1")
    return options


def python_loads(payload, repeat, records):
    """xmlrpc.client.loads on the payload: the best of `repeat` runs, as a result row."""
    data = payload.read_bytes()
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        (result,), _method = xmlrpc.client.loads(data)
        seconds = time.perf_counter() - start
        if len(result) != records or result[-1]["id"] != records:
            raise SystemExit(f"{RUNNER}: xmlrpc.client.loads read {len(result)} records")
        best = seconds if best is None else min(best, seconds)
    return {"row": "Python xmlrpc.client.loads", "bytes": len(data), "seconds": best,
            "mb_per_s": len(data) / 1e6 / best}


def main():
    options = parse_options()
    bench_dir = bench_support.build(options.build_dir, ["xmlrpc_decode"], RUNNER)
    machine = bench_support.machine_description()
    bench_support.warn_if_busy(machine, RUNNER)
    with tempfile.TemporaryDirectory(prefix="odoobridge-xmlrpc-") as scratch:
        payload = pathlib.Path(scratch) / "partners.xml"
        rows = bench_support.run_json_lines(
            [bench_dir / "xmlrpc_decode", "--records", options.records, "--repeat",
             options.repeat, "--write-payload", payload], RUNNER)
        python = python_loads(payload, options.repeat, options.records)
        print(f"Python xmlrpc.client.loads {python['mb_per_s']:.1f} MB/s", file=sys.stderr)

    lines = ["| decoder | MB/s | seconds | vs xmlrpc.client.loads | target |",
             "|---|---:|---:|---:|---|"]
    verdicts = []
    for row in rows.values():
        speedup = row["mb_per_s"] / python["mb_per_s"]
        if "typed" in row["row"]:
            passed = speedup >= TYPED_TARGET
            target = f"{'PASS' if passed else 'FAIL'}: ≥ {TYPED_TARGET:.0f}×"
        else:
            passed = row["mb_per_s"] > JSON_STEP_MB_S
            target = f"{'PASS' if passed else 'FAIL'}: > {JSON_STEP_MB_S:.0f} MB/s"
        verdicts.append(passed)
        lines.append(f"| {row['row']} | {row['mb_per_s']:,.1f} | {row['seconds']:.3f} | "
                     f"{format_ratio(speedup)} | {target} |")
    lines.append(f"| {python['row']} | {python['mb_per_s']:,.1f} | {python['seconds']:.3f} | "
                 "— | |")
    print(f"{machine['cpus']} × {machine['cpu_model']}, load average {machine['load']:.2f} at "
          f"start; {options.records:,} records ({python['bytes'] / 1e6:.0f} MB), best of "
          f"{options.repeat} runs\n\n" + "\n".join(lines))
    if options.strict and not all(verdicts):
        sys.exit(1)


if __name__ == "__main__":
    main()
