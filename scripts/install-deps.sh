#!/usr/bin/env bash
# Installs the Debian packages odoobridge needs to build, test and run its demo.
# Idempotent: when every package is already installed it does nothing and prints nothing.
# Non-interactive; uses sudo only when not run as root.
set -euo pipefail

packages=(
    # toolchain
    cmake g++ ninja-build pkg-config
    # libraries of the SDK (see docs/architecture.md and DESIGN.md)
    libcurl4-openssl-dev libxmlrpc-c++8-dev nlohmann-json3-dev libboost1.81-dev
    libspdlog-dev libsimdjson-dev librdkafka-dev
    # tests, Python bindings and the fake servers
    catch2 pybind11-dev python3 python3-dev python3-pytest
    python3-mypy  # checks the Python bindings' type stubs (tests/python/test_binding_stubs.py)
    # TLS: certificates for the transport tests, CA bundle for real servers
    openssl ca-certificates
    # fuzzing (scripts/fuzz.sh): clang 14 and its libFuzzer/ASan/UBSan runtimes
    clang libclang-rt-14-dev
)

missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
    [[ "$status" == "installed" ]] || missing+=("$package")
done
if ((${#missing[@]} == 0)); then
    exit 0
fi

if ((EUID == 0)); then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo --non-interactive)
else
    echo "install-deps.sh: missing packages (${missing[*]}) and not root, and sudo is not" \
         "available: run this script as root" >&2
    exit 1
fi

echo "install-deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" </dev/null
