#!/usr/bin/python3
"""Runs the typed-decode and streaming benchmarks of docs/benchmarks.md and prints their table.

Builds decode_bench and stream_memory in Release (build-bench/ unless --build-dir), then:

  * decodes a `search_read` answer of N res.partner-like records (20 fields each) into typed
    structs with odoobridge, beside nlohmann's DOM parse of the same bytes, and times Python's
    `json.loads` on the very same bytes (best of R runs each);
  * streams M records through `Model<T>::stream()` and reports the process's peak memory.

Prints MB/s and ratios with PASS/FAIL against the targets: typed JSON decode >= 5x Python's
json.loads; streaming 1,000,000 records under 64 MB peak memory.

Environment (or the matching options): BENCH_RECORDS (N, default 100000), BENCH_REPEAT
(R, 5), BENCH_STREAM_RECORDS (M, 1000000).

  /usr/bin/python3 bench/run_decode_bench.py [--markdown FILE] [--strict]
"""

import argparse
import json
import pathlib
import sys
import tempfile
import time

import bench_support
from bench_support import ROOT, format_ratio

RUNNER = "run_decode_bench"
JSON_TARGET = 5.0      # typed JSON decode over Python's json.loads
MEMORY_LIMIT_MB = 64   # peak memory while streaming


def parse_options():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int,
                        default=bench_support.env_int("BENCH_RECORDS", 100_000, RUNNER))
    parser.add_argument("--repeat", type=int,
                        default=bench_support.env_int("BENCH_REPEAT", 5, RUNNER))
    parser.add_argument("--stream-records", type=int,
                        default=bench_support.env_int("BENCH_STREAM_RECORDS", 1_000_000, RUNNER))
    parser.add_argument("--build-dir", type=pathlib.Path, default=ROOT / "build-bench")
    parser.add_argument("--markdown", type=pathlib.Path,
                        help="also write the table (with the machine description) to this file")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 when a target is missed")
    options = parser.parse_args()
    if min(options.records, options.repeat, options.stream_records) < 1:
        parser.error("--records, --repeat and --stream-records must be >= 1")
    return options


def python_json_loads(payload, repeat):
    """Python's json.loads on the payload: the best of `repeat` runs, as a result row."""
    data = payload.read_bytes()
    best = min(_timed(json.loads, data) for _ in range(repeat))
    return {"row": "Python json.loads", "bytes": len(data), "seconds": best,
            "mb_per_s": len(data) / 1e6 / best}


def _timed(function, data):
    start = time.perf_counter()
    function(data)
    return time.perf_counter() - start


def table(decode, python, stream):
    lines = ["| decoder | MB/s | seconds | vs Python json.loads | target |",
             "|---|---:|---:|---:|---|"]
    verdicts = []
    for row in decode.values():
        speedup = row["mb_per_s"] / python["mb_per_s"]
        target = ""
        if row["row"].startswith("odoobridge typed (JSON"):
            passed = speedup >= JSON_TARGET
            verdicts.append(passed)
            target = f"{'PASS' if passed else 'FAIL'}: ≥ {JSON_TARGET:.0f}×"
        lines.append(f"| {row['row']} | {row['mb_per_s']:,.1f} | {row['seconds']:.3f} | "
                     f"{format_ratio(speedup)} | {target} |")
    lines.append(f"| {python['row']} | {python['mb_per_s']:,.1f} | {python['seconds']:.3f} | "
                 "— | |")
    passed = stream["peak_mb"] <= MEMORY_LIMIT_MB
    verdicts.append(passed)
    lines += ["", "| streaming | records | batch | requests | records/s | peak memory | target |",
              "|---|---:|---:|---:|---:|---:|---|",
              f"| `Model<T>::stream()` | {stream['records']:,} | {stream['batch']:,} | "
              f"{stream['requests']:,} | {stream['records_per_s']:,.0f} | "
              f"{stream['peak_mb']} MB | {'PASS' if passed else 'FAIL'}: < "
              f"{MEMORY_LIMIT_MB} MB |"]
    return "\n".join(lines), verdicts


def main():
    options = parse_options()
    bench_dir = bench_support.build(options.build_dir, ["decode_bench", "stream_memory"], RUNNER)
    machine = bench_support.machine_description()
    bench_support.warn_if_busy(machine, RUNNER)
    with tempfile.TemporaryDirectory(prefix="odoobridge-decode-") as scratch:
        payload = pathlib.Path(scratch) / "partners.json"
        decode = bench_support.run_json_lines(
            [bench_dir / "decode_bench", "--records", options.records, "--repeat",
             options.repeat, "--write-payload", payload], RUNNER)
        python = python_json_loads(payload, options.repeat)
        print(f"Python json.loads {python['mb_per_s']:.1f} MB/s", file=sys.stderr)
    stream = bench_support.run_json_lines(
        [bench_dir / "stream_memory", "--records", options.stream_records], RUNNER)["stream"]

    text, verdicts = table(decode, python, stream)
    heading = (f"{machine['cpus']} × {machine['cpu_model']}, load average "
               f"{machine['load']:.2f} at start; {options.records:,} records, best of "
               f"{options.repeat} runs")
    print(heading + "\n\n" + text)
    if options.markdown:
        options.markdown.write_text(heading + "\n\n" + text + "\n")
    if options.strict and not all(verdicts):
        sys.exit(1)


if __name__ == "__main__":
    main()
