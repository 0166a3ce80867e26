#!/usr/bin/env bash
# Installs the dependencies, builds the examples and the odoobridge CLI, and runs them:
#  - against your Odoo when ODOO_URL (with ODOO_DB, ODOO_USERNAME and ODOO_PASSWORD or
#    ODOO_API_KEY) is set: read-only calls only;
#  - otherwise against the bundled fake Odoo server (tests/servers/fake_odoo.py), started
#    on a free loopback port and stopped when the script exits.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export BUILD_DIR="${BUILD_DIR:-$root/build}"
python=/usr/bin/python3

bash scripts/build.sh odoobridge_cli odoo_quickstart </dev/null
cli="$BUILD_DIR/src/cli/odoobridge"
quickstart="$BUILD_DIR/examples/odoo_quickstart"

server_pid=""
workdir="$(mktemp -d)"
cleanup() {
    if [[ -n "$server_pid" ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$workdir"
}
trap cleanup EXIT

if [[ -n "${ODOO_URL:-}" ]]; then
    echo "== using the Odoo server at ODOO_URL"
else
    echo "== ODOO_URL is not set: starting the fake Odoo server (tests/servers/fake_odoo.py)"
    "$python" tests/servers/fake_odoo.py --port 0 --port-file "$workdir/port" \
        >"$workdir/server.log" 2>&1 </dev/null &
    server_pid=$!
    for _ in $(seq 100); do
        [[ -s "$workdir/port" ]] && break
        if ! kill -0 "$server_pid" 2>/dev/null; then
            cat "$workdir/server.log" >&2
            echo "demo.sh: the fake Odoo server exited before it listened" >&2
            exit 1
        fi
        sleep 0.1
    done
    if [[ ! -s "$workdir/port" ]]; then
        echo "demo.sh: the fake Odoo server did not write its port within 10 s" >&2
        exit 1
    fi
    export ODOO_URL="http://127.0.0.1:$(cat "$workdir/port")"
    export ODOO_DB=testdb ODOO_USERNAME=admin ODOO_PASSWORD=admin
    unset ODOO_API_KEY
    echo "   listening at $ODOO_URL (database testdb, user admin)"
fi

run() {  # run CMD...: show the command, run it, report a non-zero exit without stopping
    echo
    echo "\$ ${*/#$BUILD_DIR\//}"
    local status=0
    "$@" </dev/null || status=$?
    ((status == 0)) || echo "(exit code $status)"
}

echo
echo "== examples/odoo_quickstart"
run "$quickstart"
if [[ -n "$server_pid" ]]; then
    echo
    echo "== examples/odoo_quickstart as the restricted user 'demo' (shows an AccessError)"
    ODOO_USERNAME=demo ODOO_PASSWORD=demo run "$quickstart"
fi

echo
echo "== the odoobridge command-line tool"
run "$cli" version
run "$cli" login
run "$cli" call res.partner search_count '[[]]'
run "$cli" search-read res.partner '[["is_company", "=", true]]' --fields name,email --limit 3 \
    --pretty
run "$cli" fields res.partner --attributes string,type
if [[ -n "$server_pid" ]]; then
    echo
    echo "== errors: one line on stderr and an exit code per class (see 'odoobridge help')"
    run "$cli" login --username admin --password wrong-password
    run "$cli" call res.users write '[[2], {"name": "x"}]' --username demo --password demo
    run "$cli" call res.partner search_read '[[["name", "ilike"'
fi
