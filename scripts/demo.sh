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

bash scripts/build.sh odoobridge_cli odoo_quickstart estate_listing invoice_sync \
    odoobridge_python </dev/null  # odoobridge_python: installed for /usr/bin/python3 too
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
echo "== examples/estate_listing: typed search with a domain, streaming, a model of our own"
run "$BUILD_DIR/examples/estate_listing"
if [[ -n "$server_pid" ]]; then  # it writes: only against the fake server
    echo
    echo "== examples/invoice_sync: partner upsert, invoice with lines, post, PDF"
    run "$BUILD_DIR/examples/invoice_sync" "$workdir/invoice.pdf"
fi

echo
echo "== the Python package (examples/python, 'import odoobridge' from site-packages)"
run "$python" examples/python/quickstart.py
run "$python" examples/python/estate_listing.py --state deposit
if [[ -n "$server_pid" ]]; then  # it writes: only against the fake server
    run "$python" examples/python/invoice_sync.py --apply --pdf-dir "$workdir/pdf"
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

if [[ -n "$server_pid" ]]; then  # it writes partners: only into the fake Odoo
    echo
    echo "== Bitrix24: examples/bitrix24_employee_sync, fake portal (tests/servers/fake_bitrix24.py)"
    echo "   -> fake Odoo; run twice: the second run changes nothing"
    bash scripts/build.sh bitrix24_employee_sync </dev/null
    bx_port="$workdir/bitrix24.port"
    "$python" tests/servers/fake_bitrix24.py --port 0 --port-file "$bx_port" \
        >"$workdir/bitrix24.log" 2>&1 </dev/null &
    bx_pid=$!
    for _ in $(seq 100); do
        [[ -s "$bx_port" ]] && break
        sleep 0.1
    done
    if [[ -s "$bx_port" ]]; then
        (
            # The fake portal's demo webhook (user 1); a real one comes from BITRIX24_WEBHOOK_URL.
            export BITRIX24_WEBHOOK_URL="http://127.0.0.1:$(cat "$bx_port")/rest/1/s3cr3tc0de4test/"
            run "$BUILD_DIR/examples/bitrix24_employee_sync"
            run "$BUILD_DIR/examples/bitrix24_employee_sync"
            echo "   the same portal from Python (examples/python/bitrix24_users.py):"
            run "$python" examples/python/bitrix24_users.py --mode fast
        )
    else
        cat "$workdir/bitrix24.log" >&2
        echo "demo.sh: the fake Bitrix24 server did not write its port within 10 s" >&2
    fi
    kill "$bx_pid" 2>/dev/null || true
    wait "$bx_pid" 2>/dev/null || true
fi

echo
echo "== RosDomofon: examples/rosdomofon_onboarding against the fake REST server"
echo "   (tests/servers/fake_rosdomofon.py), then examples/rosdomofon_support_bot on"
echo "   librdkafka's mock cluster, looking accounts up over the same fake REST server"
bash scripts/build.sh rosdomofon_onboarding rosdomofon_support_bot </dev/null
rd_port="$workdir/rosdomofon.port"
"$python" tests/servers/fake_rosdomofon.py --port 0 --port-file "$rd_port" \
    >"$workdir/rosdomofon.log" 2>&1 </dev/null &
rd_pid=$!
for _ in $(seq 100); do
    [[ -s "$rd_port" ]] && break
    sleep 0.1
done
if [[ -s "$rd_port" ]]; then
    (
        export ROSDOMOFON_URL="http://127.0.0.1:$(cat "$rd_port")" ROSDOMOFON_USERNAME=operator
        export ROSDOMOFON_PASSWORD=operator-Pa55-secret  # the fake server's demo login
        unset KAFKA_BOOTSTRAP  # the bot starts librdkafka's mock cluster itself
        echo "   listening at $ROSDOMOFON_URL (user operator)"
        run "$BUILD_DIR/examples/rosdomofon_onboarding"
        echo "   (a phone number that is not one is refused before any request:)"
        ONBOARD_PHONE="906 123-45" run "$BUILD_DIR/examples/rosdomofon_onboarding"
        run "$BUILD_DIR/examples/rosdomofon_support_bot"
    )
else
    cat "$workdir/rosdomofon.log" >&2
    echo "demo.sh: the fake RosDomofon server did not write its port within 10 s" >&2
fi
kill "$rd_pid" 2>/dev/null || true
wait "$rd_pid" 2>/dev/null || true
