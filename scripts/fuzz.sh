#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (ASan + UBSan) in FUZZ_BUILD_DIR (default:
# build-fuzz) and runs each, one after another, on a fresh copy of its seed corpus
# (fuzz/corpus/<target>/) with its dictionary. Prints one line per target and a summary;
# exits non-zero when a build failed or any target found a crash, leak, timeout or
# out-of-memory, naming the reproducer (rerun it with `<build>/fuzz/fuzz_<target> <file>`).
#   bash scripts/fuzz.sh                         # every target, 60 s each
#   bash scripts/fuzz.sh --seconds 10 xmlrpc_response bitrix24_event
#   bash scripts/fuzz.sh --long                  # every target, 1 hour each
# Needs no standard input. Options: --seconds N, --long, --list, -h/--help.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${FUZZ_BUILD_DIR:-$root/build-fuzz}"
jobs="${JOBS:-2}"
seconds=60
targets=()

usage() { sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

while (($# > 0)); do
    case "$1" in
        --seconds)
            [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || {
                echo "fuzz.sh: --seconds needs a positive number of seconds, got '${2:-}'" >&2
                exit 2
            }
            seconds="$2"
            shift 2
            ;;
        --seconds=*) set -- --seconds "${1#--seconds=}" "${@:2}" ;;
        --long) seconds=3600; shift ;;
        --list) sed -n '/^set(ODOOBRIDGE_FUZZ_TARGETS/,/)/p' "$root/fuzz/CMakeLists.txt" |
                    tr -s ' ()\n' '\n' | grep -v -e '^set$' -e '^ODOOBRIDGE_FUZZ_TARGETS$' -e '^$'
                exit 0 ;;
        -h | --help) usage; exit 0 ;;
        -*) echo "fuzz.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
        *) targets+=("$1"); shift ;;
    esac
done

all_targets=($(bash "${BASH_SOURCE[0]}" --list))
if ((${#targets[@]} == 0)); then
    targets=("${all_targets[@]}")
fi
for target in "${targets[@]}"; do
    if [[ " ${all_targets[*]} " != *" $target "* ]]; then
        echo "fuzz.sh: unknown target '$target'; the targets are: ${all_targets[*]}" >&2
        exit 2
    fi
done

bash "$root/scripts/install-deps.sh"
if ! command -v clang++ >/dev/null 2>&1; then
    echo "fuzz.sh: clang++ not found; run scripts/install-deps.sh as root" >&2
    exit 1
fi

echo "== fuzz: building ${#targets[@]} target(s) in $build_dir (clang, ASan + UBSan)"
CC=clang CXX=clang++ cmake -S "$root" -B "$build_dir" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DODOOBRIDGE_BUILD_FUZZERS=ON \
    -DODOOBRIDGE_BUILD_PYTHON=OFF -DODOOBRIDGE_BUILD_TESTS=OFF \
    -DODOOBRIDGE_BUILD_EXAMPLES=OFF -DODOOBRIDGE_BUILD_BENCH=OFF \
    -DODOOBRIDGE_BUILD_CLI=OFF </dev/null >/dev/null
cmake --build "$build_dir" -j "$jobs" --target "${targets[@]/#/fuzz_}" </dev/null

dictionary_of() {
    case "$1" in
        xmlrpc_response) echo xmlrpc.dict ;;
        bitrix24_event) echo form.dict ;;
        *) echo json.dict ;;
    esac
}

# Stats libFuzzer prints with -print_final_stats=1, e.g. "stat::number_of_executed_units: 1234".
stat_of() { sed -n "s/^stat::$1: *//p" "$2" | tail -n 1; }

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
work="$build_dir/fuzz-work"
passed=0
failed=0
for target in "${targets[@]}"; do
    dir="$work/$target"
    rm -rf "$dir"
    mkdir -p "$dir/corpus" "$dir/artifacts"
    cp "$root/fuzz/corpus/$target"/* "$dir/corpus/" 2>/dev/null || true
    log="$dir/fuzz.log"
    status=0
    "$build_dir/fuzz/fuzz_$target" "$dir/corpus" \
        -dict="$root/fuzz/$(dictionary_of "$target")" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$dir/artifacts/" -print_final_stats=1 \
        </dev/null >"$log" 2>&1 || status=$?
    executions=$(stat_of number_of_executed_units "$log")
    new_units=$(stat_of new_units_added "$log")
    coverage=$(grep -oE 'cov: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
    reproducer=$(find "$dir/artifacts" -type f | head -n 1)
    summary="fuzz $target: ${executions:-0} executions, ${new_units:-0} new units, coverage $coverage"
    if ((status == 0)) && [[ -z "$reproducer" ]]; then
        echo "$summary ... OK"
        passed=$((passed + 1))
    else
        echo "$summary ... FAILED (exit $status)"
        grep -E -m 5 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|FUZZ FINDING|ALARM|out-of-memory|deadly signal' "$log" |
            sed 's/^/    /' || true
        echo "    reproducer: ${reproducer:-none written}; log: $log"
        [[ -n "$reproducer" ]] && echo "    rerun: $build_dir/fuzz/fuzz_$target $reproducer"
        failed=$((failed + 1))
    fi
done

echo "fuzz: $passed target(s) OK, $failed FAILED (${seconds} s each)"
((failed == 0))
