#!/usr/bin/python3
"""Benchmarks the Python binding against the C++ client and Python's own clients.

Builds canned_odoo_server, bench_read_loop, decode_bench and odoobridge_python in Release
(build-bench/ unless --build-dir) and imports the odoobridge package of that build, then:

  * read loop: N sequential `res.partner.read` calls of one record (the request of
    docs/benchmarks.md) against bench/canned_odoo_server, per protocol, through
    odoobridge's Python binding (`client.execute_kw`), beside the C++ client
    (bench_read_loop) and Python's xmlrpc.client and http.client + json
    (bench/python_read_loop.py). Targets: the binding >= 85 % of the C++ rate on the same
    protocol, and faster than both Python clients.
  * decode: a search_read answer of R res.partner records (20 fields each, the payload of
    decode_bench) decoded into Python objects, best of R interleaved runs: `ResPartner.decode_json` (simdjson straight
    into typed records, then Python objects) beside `json.loads` of the same bytes (what
    http.client + json does) and `xmlrpc.client.loads` of the same records as an XML-RPC
    answer. Target: the binding >= 3x the records/s of both.

Environment (or the matching options): BENCH_CALLS (N, default 20000), BENCH_REPEAT (median
of R runs for the read loop, best of R for decoding; 3), BENCH_RECORDS (100000).

  /usr/bin/python3 bench/python_binding_bench.py [--protocols jsonrpc,json2]
                                                 [--markdown FILE] [--strict]
"""

import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time
import xmlrpc.client

import bench_support
import python_read_loop
from bench_support import PYTHON, ROOT, format_ratio
from run_read_bench import PROTOCOL_TITLES, PYTHON_ROWS, CannedServer

RUNNER = "python_binding_bench"
READ_TARGET = 0.85     # binding rate over the C++ rate, same protocol
DECODE_TARGET = 3.0    # binding records/s over each Python decoder
PYTHON_CLIENTS = {"xmlrpc": "python.xmlrpc.client", "jsonrpc": "python.http.client.jsonrpc",
                  "json2": "python.http.client.json2"}


def parse_options():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int,
                        default=bench_support.env_int("BENCH_CALLS", 20_000, RUNNER))
    parser.add_argument("--repeat", type=int,
                        default=bench_support.env_int("BENCH_REPEAT", 3, RUNNER))
    parser.add_argument("--records", type=int,
                        default=bench_support.env_int("BENCH_RECORDS", 100_000, RUNNER))
    parser.add_argument("--protocols", default="xmlrpc,jsonrpc,json2",
                        help="comma-separated subset of xmlrpc, jsonrpc, session, json2")
    parser.add_argument("--build-dir", type=pathlib.Path, default=ROOT / "build-bench")
    parser.add_argument("--markdown", type=pathlib.Path, help="also write the tables here")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 when a target is missed")
    options = parser.parse_args()
    options.protocols = options.protocols.split(",")
    if min(options.calls, options.repeat, options.records) < 1 or \
            not set(options.protocols) <= set(PROTOCOL_TITLES):
        parser.error("--calls, --repeat and --records must be >= 1; protocols are "
                     + ", ".join(PROTOCOL_TITLES))
    return options


def import_binding(build_dir):
    """The odoobridge package of `build_dir` (not an installed copy)."""
    package_root = build_dir / "bindings" / "python"
    sys.path.insert(0, str(package_root))
    import odoobridge  # noqa: PLC0415  (the path is only known here)
    if pathlib.Path(odoobridge.__file__).parent != package_root / "odoobridge":
        raise SystemExit(f"{RUNNER}: imported odoobridge from {odoobridge.__file__}, not from "
                         f"{package_root}")
    return odoobridge


def binding_reader(odoobridge, protocol):
    """A python_read_loop reader factory: the binding's execute_kw of the same read."""
    def make_reader(url):
        credential = ({"api_key": python_read_loop.API_KEY} if protocol == "json2"
                      else {"password": python_read_loop.PASSWORD})
        client = odoobridge.odoo.Client(url=url, db=python_read_loop.DATABASE,
                                        username=python_read_loop.LOGIN, protocol=protocol,
                                        **credential)

        def read():
            return client.execute_kw("res.partner", "read", [[1]],
                                     {"fields": python_read_loop.FIELDS})
        return read
    return make_reader


def read_loop(options, bench_dir, odoobridge):
    """Rows by name: C++ odoobridge.<protocol>, binding.<protocol> (each the median run, with
    "ratio_to_cpp": the median of the per-repetition ratios) and the python.* clients.

    Each repetition runs the C++ loop and then the binding's loop on every protocol, back to
    back, so that drift in machine load hits both alike."""
    server = CannedServer(bench_dir / "canned_odoo_server")
    try:
        common = ["--url", server.url, "--calls", str(options.calls)]
        print(f"canned_odoo_server at {server.url}; N={options.calls:,}", file=sys.stderr)
        runs = {protocol: {"cpp": [], "binding": []} for protocol in options.protocols}
        for _ in range(options.repeat):
            cpp = bench_support.run_json_lines(
                [bench_dir / "bench_read_loop", *common, "--repeat", "1", "--many", "0",
                 "--threads", "0", "--protocols", ",".join(options.protocols)], RUNNER)
            for protocol in options.protocols:
                runs[protocol]["cpp"].append(cpp[f"odoobridge.{protocol}"])
                binding = python_read_loop.measure(server.url, binding_reader(odoobridge, protocol),
                                                   options.calls, 200, f"binding.{protocol}")
                runs[protocol]["binding"].append(binding)
                print(f"  {binding['row']:<28} {binding['rate']:9.0f} calls/s", file=sys.stderr)
        rows = {}
        for protocol, pair in runs.items():
            ratios = [b["rate"] / c["rate"] for b, c in zip(pair["binding"], pair["cpp"])]
            for kind, label in (("cpp", "odoobridge"), ("binding", "binding")):
                rate = statistics.median_low(run["rate"] for run in pair[kind])
                rows[f"{label}.{protocol}"] = next(run for run in pair[kind] if run["rate"] == rate)
            rows[f"binding.{protocol}"]["ratio_to_cpp"] = statistics.median(ratios)
        clients = sorted({name for name in options.protocols if name in PYTHON_CLIENTS})
        rows.update(bench_support.run_json_lines(
            [PYTHON, ROOT / "bench" / "python_read_loop.py", *common, "--repeat",
             str(options.repeat), "--clients", ",".join(clients)], RUNNER))
    finally:
        server.stop()
    return rows


def read_table(options, rows):
    python_rates = {name: rows[name]["rate"] for name in PYTHON_CLIENTS.values() if name in rows}
    header = ["client", "calls/s", "CPU µs/call", "vs C++ odoobridge",
              *(PYTHON_ROWS[name][1] for name in python_rates), "target"]
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    verdicts = []
    for protocol in options.protocols:
        cpp, binding = rows[f"odoobridge.{protocol}"], rows[f"binding.{protocol}"]
        title = PROTOCOL_TITLES[protocol]
        for label, row in ((f"C++ odoobridge ({title})", cpp), (f"Python binding ({title})", binding)):
            is_binding = row is binding
            to_cpp = row.get("ratio_to_cpp", 1.0)
            versus = [format_ratio(row["rate"] / rate) for rate in python_rates.values()]
            target = ""
            if is_binding:
                passed = to_cpp >= READ_TARGET and all(row["rate"] > rate
                                                       for rate in python_rates.values())
                verdicts.append(passed)
                target = (f"{'PASS' if passed else 'FAIL'}: ≥ {READ_TARGET:.2f}× C++, "
                          "ahead of the Python clients")
            lines.append(f"| {label} | {row['rate']:,.0f} | {row['cpu_us_per_call']:.1f} | "
                         f"{'—' if not is_binding else format_ratio(to_cpp)} | "
                         + " | ".join(versus) + f" | {target} |")
    for name, rate in python_rates.items():
        lines.append(f"| {PYTHON_ROWS[name][0]} | {rate:,.0f} | "
                     f"{rows[name]['cpu_us_per_call']:.1f} | | " + " | " * len(python_rates)
                     + " |")
    return "\n".join(lines), verdicts


def decode(options, bench_dir, odoobridge):
    """Rows (label, bytes, seconds, records) of the three decoders."""
    with tempfile.TemporaryDirectory(prefix="odoobridge-bench-") as directory:
        payload_file = pathlib.Path(directory) / "payload.json"
        subprocess.run([bench_dir / "decode_bench", "--records", str(options.records),
                        "--repeat", "1", "--write-payload", payload_file], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        answer = payload_file.read_bytes()
    records_json = answer[answer.index(b"[") : answer.rindex(b"]") + 1]  # the result list
    records = json.loads(records_json)
    xml = xmlrpc.client.dumps((records,), methodresponse=True).encode()
    decoders = [
        ("odoobridge ResPartner.decode_json", records_json,
         lambda: odoobridge.models.ResPartner.decode_json(records_json)),
        ("Python json.loads (http.client+json)", records_json, lambda: json.loads(records_json)),
        ("Python xmlrpc.client.loads", xml, lambda: xmlrpc.client.loads(xml)[0][0]),
    ]
    best = [float("inf")] * len(decoders)
    for _ in range(options.repeat):  # interleaved, so that load drift hits all alike
        for index, (label, _, work) in enumerate(decoders):
            start = time.perf_counter()
            count = len(work())
            best[index] = min(best[index], time.perf_counter() - start)
            if count != options.records:
                raise SystemExit(f"{RUNNER}: {label} decoded {count} records, not "
                                 f"{options.records}")
    rows = []
    for (label, data, _), seconds in zip(decoders, best):
        rows.append((label, len(data), seconds, options.records))
        print(f"  {label:<40} {options.records / seconds:12,.0f} records/s", file=sys.stderr)
    first = odoobridge.models.ResPartner.decode_json(records_json)[0]
    if (first.id, first.name) != (records[0]["id"], records[0]["name"]):
        raise SystemExit(f"{RUNNER}: the binding decoded {first!r}, not {records[0]['name']!r}")
    return rows


def decode_table(rows):
    binding_rate = rows[0][3] / rows[0][2]
    lines = ["| decoder | records/s | MB/s | seconds | binding's speed-up | target |",
             "|---|---:|---:|---:|---:|---|"]
    verdicts = []
    for label, size, seconds, count in rows:
        rate = count / seconds
        speedup, target = "", ""
        if rate != binding_rate:
            passed = binding_rate / rate >= DECODE_TARGET
            verdicts.append(passed)
            speedup = format_ratio(binding_rate / rate)
            target = f"{'PASS' if passed else 'FAIL'}: ≥ {DECODE_TARGET:.0f}×"
        lines.append(f"| {label} | {rate:,.0f} | {size / 1e6 / seconds:,.1f} | {seconds:.3f} | "
                     f"{speedup} | {target} |")
    return "\n".join(lines), verdicts


def main():
    options = parse_options()
    bench_dir = bench_support.build(options.build_dir, ["canned_odoo_server", "bench_read_loop",
                                                        "decode_bench", "odoobridge_python"],
                                    RUNNER)
    odoobridge = import_binding(options.build_dir)
    machine = bench_support.machine_description()
    bench_support.warn_if_busy(machine, RUNNER)
    read_text, read_verdicts = read_table(options, read_loop(options, bench_dir, odoobridge))
    print(f"decode of {options.records:,} records:", file=sys.stderr)
    decode_text, decode_verdicts = decode_table(decode(options, bench_dir, odoobridge))
    heading = (f"{machine['cpus']} × {machine['cpu_model']}, load average {machine['load']:.2f} "
               f"at start; N = {options.calls:,} sequential reads (median of {options.repeat}), "
               f"{options.records:,} records decoded (best of {options.repeat})")
    text = f"{heading}\n\n{read_text}\n\n{decode_text}"
    print(text)
    if options.markdown:
        options.markdown.write_text(text + "\n")
    if options.strict and not all(read_verdicts + decode_verdicts):
        sys.exit(1)


if __name__ == "__main__":
    main()
