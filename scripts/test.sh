#!/usr/bin/env bash
# Installs the dependencies, builds everything in BUILD_DIR (default: build), runs the C++
# tests (ctest) and the Python tests (pytest); builds the C++ tests again with
# AddressSanitizer + UndefinedBehaviorSanitizer (preset `asan`, build-asan/) and runs them
# there (SANITIZERS=0 skips this stage); then runs every libFuzzer target for FUZZ_SECONDS seconds
# (default 60; 0 skips it; scripts/fuzz.sh, build-fuzz/). Ends with one line
# "N passed, N failed[, N skipped]" counting every run (a fuzz target counts as one test).
# Exits non-zero when a build or any test failed or a sanitizer or fuzzer reported anything.
# Needs no standard input (CI runs it as `bash .ci/run`).
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

echo "== ctest under AddressSanitizer + UndefinedBehaviorSanitizer (build-asan)"
asan_status=0
if [[ "${SANITIZERS:-1}" != 0 ]]; then
    {
        cmake --preset asan </dev/null >/dev/null &&
            cmake --build --preset asan -j "${JOBS:-$(nproc)}" -- -k 0 </dev/null &&
            ctest --preset asan --timeout 900 </dev/null
    } 2>&1 | tee "$logs/asan.log" || asan_status=$?
else
    echo "skipped (SANITIZERS=0)"
fi

echo "== fuzz: every libFuzzer target for ${FUZZ_SECONDS:-60} s (build-fuzz)"
fuzz_status=0
if [[ "${FUZZ_SECONDS:-60}" != 0 ]]; then
    bash scripts/fuzz.sh --seconds "${FUZZ_SECONDS:-60}" </dev/null 2>&1 |
        tee "$logs/fuzz.log" || fuzz_status=$?
else
    echo "skipped (FUZZ_SECONDS=0)"
fi

# ctest: "95% tests passed, 1 tests failed out of 20" (absent when no test exists).
ctest_counts() {  # ctest_counts LOG STATUS: prints "passed failed" of one ctest run
    local line total failed
    if line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$1"); then
        failed=$(sed -E 's/.* ([0-9]+) tests? failed out of.*/\1/' <<<"$line")
        total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$line")
        echo "$((total - failed)) $failed"
    elif (($2 != 0)); then
        echo "0 1"  # the build or ctest itself failed before running anything
    else
        echo "0 0"
    fi
}
read -r ctest_passed ctest_failed < <(ctest_counts "$logs/ctest.log" "$ctest_status")
asan_passed=0 asan_failed=0
if [[ -f "$logs/asan.log" ]]; then
    read -r asan_passed asan_failed < <(ctest_counts "$logs/asan.log" "$asan_status")
fi

# fuzz.sh: "fuzz: 9 target(s) OK, 0 FAILED (60 s each)"; nothing when the build failed.
fuzz_passed=0 fuzz_failed=0
if [[ -f "$logs/fuzz.log" ]]; then
    if line=$(grep -E '^fuzz: [0-9]+ target\(s\) OK, [0-9]+ FAILED' "$logs/fuzz.log"); then
        fuzz_passed=$(sed -E 's/^fuzz: ([0-9]+) .*/\1/' <<<"$line")
        fuzz_failed=$(sed -E 's/.* OK, ([0-9]+) FAILED.*/\1/' <<<"$line")
    elif ((fuzz_status != 0)); then
        fuzz_failed=1  # the fuzzers did not build
    fi
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

passed=$((ctest_passed + py_passed + asan_passed + fuzz_passed))
failed=$((ctest_failed + py_failed + asan_failed + fuzz_failed))
if ((build_failed)); then
    echo "test.sh: the build failed (see the compiler errors above); tests of the targets" \
         "that did not build are counted as failed by ctest"
fi
echo "ctest: $ctest_passed passed, $ctest_failed failed; pytest: $py_passed passed," \
     "$py_failed failed, $py_skipped skipped; ctest under ASan+UBSan: $asan_passed passed," \
     "$asan_failed failed; fuzz targets: $fuzz_passed passed, $fuzz_failed failed"
if ((py_skipped > 0)); then
    echo "$passed passed, $failed failed, $py_skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
if ((build_failed || failed > 0 || (ctest_status != 0) || (asan_status != 0) ||
     (fuzz_status != 0) ||
     (pytest_status != 0 && pytest_status != 5))); then
    exit 1
fi
