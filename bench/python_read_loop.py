#!/usr/bin/python3
"""The Python side of the read benchmark: the same `res.partner.read` of one record that
bench_read_loop makes, N times in sequence, with the standard library only.

Clients:
  xmlrpc       xmlrpc.client.ServerProxy on /xmlrpc/2/object (it keeps one HTTP/1.1
               connection open between calls when the server allows keep-alive)
  jsonrpc      http.client.HTTPConnection + json, JSON-RPC envelope on /jsonrpc
  json2        http.client.HTTPConnection + json, JSON-2 on /json/2/res.partner/read

Prints one JSON line per client on stdout ({"row", "calls", "seconds", "rate",
"connections"}, the median of --repeat runs), the same format as bench_read_loop.
Run it with Debian's interpreter against bench/canned_odoo_server:

  /usr/bin/python3 bench/python_read_loop.py --url http://127.0.0.1:PORT --calls 20000
"""

import argparse
import http.client
import json
import statistics
import sys
import time
import urllib.parse
import urllib.request
import xmlrpc.client

DATABASE = "bench"
LOGIN = "admin"
PASSWORD = "admin"
API_KEY = "bench-api-key"
# The fields of the partner_search_read capture that the canned server answers with.
FIELDS = ["name", "email", "phone", "is_company", "country_id", "category_id", "child_ids",
          "create_date", "write_date", "credit_limit", "active", "lang", "vat", "street",
          "city", "zip"]


def check_record(result, client):
    if not (isinstance(result, list) and len(result) == 1 and result[0].get("id") == 1):
        raise SystemExit(f"python_read_loop: {client}: read answered {str(result)[:200]!r} "
                         "instead of one res.partner record with id 1")


def server_connections(url):
    """Connections canned_odoo_server accepted so far (this query's own included)."""
    with urllib.request.urlopen(url + "/bench/stats", timeout=10) as answer:
        return json.load(answer)["connections"]


def xmlrpc_reader(url):
    common = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/common")
    uid = common.login(DATABASE, LOGIN, PASSWORD)
    proxy = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/object")

    def read():
        return proxy.execute_kw(DATABASE, uid, PASSWORD, "res.partner", "read", [[1]],
                                {"fields": FIELDS})

    return read


def jsonrpc_reader(url):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port)
    headers = {"Content-Type": "application/json"}
    counter = iter(range(1, sys.maxsize))

    def call(service, method, args):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": next(counter),
                           "params": {"service": service, "method": method, "args": args}})
        connection.request("POST", "/jsonrpc", body, headers)
        answer = json.loads(connection.getresponse().read())
        if "error" in answer:
            raise SystemExit(f"python_read_loop: JSON-RPC {service}.{method} failed: "
                             f"{answer['error']}")
        return answer["result"]

    uid = call("common", "login", [DATABASE, LOGIN, PASSWORD])

    def read():
        return call("object", "execute_kw",
                    [DATABASE, uid, PASSWORD, "res.partner", "read", [[1]], {"fields": FIELDS}])

    return read


def json2_reader(url):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port)
    headers = {"Content-Type": "application/json", "Authorization": "bearer " + API_KEY,
               "X-Odoo-Database": DATABASE}

    def read():
        body = json.dumps({"ids": [1], "fields": FIELDS})
        connection.request("POST", "/json/2/res.partner/read", body, headers)
        answer = connection.getresponse()
        data = json.loads(answer.read())
        if answer.status != 200:
            raise SystemExit(f"python_read_loop: JSON-2 read answered HTTP {answer.status}: "
                             f"{str(data)[:200]}")
        return data

    return read


CLIENTS = {
    "xmlrpc": ("python.xmlrpc.client", xmlrpc_reader),
    "jsonrpc": ("python.http.client.jsonrpc", jsonrpc_reader),
    "json2": ("python.http.client.json2", json2_reader),
}


def measure(url, make_reader, calls, warmup, label):
    before = server_connections(url)
    read = make_reader(url)
    check_record(read(), label)
    for _ in range(warmup - 1):
        read()
    cpu_start = time.process_time()
    start = time.perf_counter()
    for _ in range(calls):
        read()
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    connections = server_connections(url) - before - 1
    return {"row": label, "calls": calls, "seconds": seconds, "rate": calls / seconds,
            "cpu_us_per_call": cpu_seconds * 1e6 / calls, "connections": connections}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="canned_odoo_server base URL")
    parser.add_argument("--calls", type=int, default=20_000)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--clients", default=",".join(CLIENTS),
                        help="comma-separated subset of " + ", ".join(CLIENTS))
    options = parser.parse_args()
    if options.calls < 1 or options.warmup < 1 or options.repeat < 1:
        parser.error("--calls, --warmup and --repeat must be at least 1")
    for name in options.clients.split(","):
        if name not in CLIENTS:
            parser.error(f"unknown client {name!r}; choose from {', '.join(CLIENTS)}")
        label, make_reader = CLIENTS[name]
        runs = [measure(options.url, make_reader, options.calls, options.warmup, label)
                for _ in range(options.repeat)]
        median_rate = statistics.median_low(run["rate"] for run in runs)
        result = next(run for run in runs if run["rate"] == median_rate)
        print(json.dumps(result), flush=True)
        print(f"  {label:<28} {result['rate']:9.0f} calls/s  "
              f"{result['cpu_us_per_call']:6.1f} us CPU/call  ({result['calls']} calls in "
              f"{result['seconds']:.3f} s, {result['connections']} new connections)",
              file=sys.stderr)


if __name__ == "__main__":
    main()
