#!/usr/bin/env bash
# Installs the dependencies, builds everything in BUILD_DIR (default: build), runs the C++
# tests (ctest) and the Python tests (pytest), and ends with one line
# "N passed, N failed[, N skipped]" counting both. Exits non-zero when the build or any
# test failed. Needs no standard input (CI runs it as `bash .ci/run`).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export BUILD_DIR="${BUILD_DIR:-$root/build}"
python=/usr/bin/python3  # Debian's: has pytest; the first python3 on PATH may not
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT

# Build as much as possible even when one target fails, so the other tests still run.
build_failed=0
KEEP_GOING=1 bash scripts/build.sh </dev/null || build_failed=1

echo "== ctest"
ctest_status=0
ctest --test-dir "$BUILD_DIR" --output-on-failure --timeout 600 </dev/null 2>&1 |
    tee "$logs/ctest.log" || ctest_status=$?

echo "== pytest"
pytest_status=0
ODOOBRIDGE_CLI="$BUILD_DIR/src/cli/odoobridge" ODOOBRIDGE_BUILD_DIR="$BUILD_DIR" \
    "$python" -m pytest -q -p no:cacheprovider tests/python </dev/null 2>&1 |
    tee "$logs/pytest.log" || pytest_status=$?

# ctest: "95% tests passed, 1 tests failed out of 20" (absent when no test exists).
ctest_passed=0 ctest_failed=0
if line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$logs/ctest.log"); then
    ctest_failed=$(sed -E 's/.* ([0-9]+) tests? failed out of.*/\1/' <<<"$line")
    ctest_total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$line")
    ctest_passed=$((ctest_total - ctest_failed))
elif ((ctest_status != 0)); then
    ctest_failed=1  # ctest itself failed before running anything
fi

# pytest -q: "3 failed, 40 passed, 2 skipped, 1 error in 4.20s"; exit 5 = no tests.
count() {  # count WORD: the number before WORD in pytest's last summary line, or 0
    local summary
    summary=$(grep -E '(passed|failed|error|skipped|no tests ran).* in [0-9.]+s' \
        "$logs/pytest.log" | tail -n 1 || true)
    grep -oE "[0-9]+ $1" <<<"$summary" | grep -oE '^[0-9]+' || echo 0
}
py_passed=$(count passed)
py_failed=$(($(count failed) + $(count error)))
py_skipped=$(count skipped)
if ((pytest_status != 0 && pytest_status != 5 && py_failed == 0)); then
    py_failed=1  # usage error or interruption: pytest ran nothing it could count
fi

passed=$((ctest_passed + py_passed))
failed=$((ctest_failed + py_failed))
if ((build_failed)); then
    echo "test.sh: the build failed (see the compiler errors above); tests of the targets" \
         "that did not build are counted as failed by ctest"
fi
echo "ctest: $ctest_passed passed, $ctest_failed failed; pytest: $py_passed passed," \
     "$py_failed failed, $py_skipped skipped"
if ((py_skipped > 0)); then
    echo "$passed passed, $failed failed, $py_skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
if ((build_failed || failed > 0 || (ctest_status != 0) ||
     (pytest_status != 0 && pytest_status != 5))); then
    exit 1
fi
