#!/usr/bin/env bash
# Installs the dependencies, then configures and builds odoobridge in BUILD_DIR
# (default: build) with Ninja in RelWithDebInfo. Extra arguments are build targets;
# without any, everything is built. When the Python bindings were built (everything, or the
# target odoobridge_python), they are installed into /usr/bin/python3's site-packages.
#   bash scripts/build.sh                      # everything
#   bash scripts/build.sh odoobridge_cli       # one target
# Exit status: non-zero when the configure or the build failed. With KEEP_GOING=1 the
# build goes on past failing targets so that everything that can be built is.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-$root/build}"
jobs="${JOBS:-$(nproc)}"

bash "$root/scripts/install-deps.sh"

cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DODOOBRIDGE_PYTHON=/usr/bin/python3 </dev/null

build_args=(--build "$build_dir" -j "$jobs")
if (($# > 0)); then
    build_args+=(--target "$@")
fi
if [[ "${KEEP_GOING:-0}" == "1" ]]; then
    build_args+=(-- -k 0)
fi
cmake "${build_args[@]}" </dev/null

# The Python bindings, when built by this run, go into the site-packages of /usr/bin/python3
# (e.g. /usr/local/lib/python3.11/dist-packages) so that `import odoobridge` works anywhere.
if grep -q '^ODOOBRIDGE_BUILD_PYTHON:BOOL=ON' "$build_dir/CMakeCache.txt" &&
    { (($# == 0)) || [[ " $* " == *" odoobridge_python "* ]]; }; then
    as_root=()
    site="$(sed -n 's/^ODOOBRIDGE_PYTHON_SITEARCH:PATH=//p' "$build_dir/CMakeCache.txt")"
    if ((EUID != 0)) && [[ ! -w "$site" ]] && command -v sudo >/dev/null 2>&1; then
        as_root=(sudo --non-interactive)
    fi
    "${as_root[@]}" cmake --install "$build_dir" --component python </dev/null
fi
