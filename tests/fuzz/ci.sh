#!/usr/bin/env bash
# The fuzzing checks, bounded for CI (about 8 minutes on 2 cores):
#   - each libFuzzer target of tests/fuzz for 30 s (clang build in build-fuzz/),
#     starting from the kept corpus; new inputs go to a scratch folder;
#   - the capture fuzz through the real tshark with a sanitized plugin on
#     at least 20000 mutated frames (tests/fuzz/capture-fuzz);
#   - the flood test with 100000 clients (test_flood of the normal build).
#
#   tests/fuzz/ci.sh            the CI variant
#   tests/fuzz/ci.sh --long     hours of libFuzzer (2 h per target), 1000000
#                               mutated frames, a flood of 1000000 clients
# One process at a time. Prints the counts of each part; fails on any crash,
# sanitizer report, hang, leak of kerbdiag's or finding gone wrong.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
seconds=30 frames=20000 clients=100000
if [ "${1:-}" = --long ]; then seconds=7200 frames=1000000 clients=1000000; fi
step() { echo "=== tests/fuzz/ci.sh: $* ($(date -u +%H:%M:%S))"; }

step "libFuzzer build (clang, ASan + UBSan)"
# clang and its libFuzzer runtime, from Debian (sudo when not root).
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
apt_install() { $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null; }
if ! command -v clang++ >/dev/null; then
    $sudo apt-get update -q >/dev/null
    apt_install clang
fi
clang_major=$(clang++ -dumpversion | cut -d. -f1)
dpkg-query -W -f='${Status}' "libclang-rt-$clang_major-dev" 2>/dev/null | grep -q 'ok installed' ||
    apt_install "libclang-rt-$clang_major-dev"
targets=(der ntstatus enc_ticket_part keytab spn correlator)
cmake -S "$top" -B "$top/build-fuzz" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
      -DKERBDIAG_FUZZ=ON -DKERBDIAG_BUILD_PLUGIN=OFF -DKERBDIAG_WERROR=ON >/dev/null
cmake --build "$top/build-fuzz" -j"$(nproc)" --target "${targets[@]/#/fuzz_}" >/dev/null

scratch=$(mktemp -d "${TMPDIR:-/tmp}/kerbdiag-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
failed=0
export LSAN_OPTIONS=suppressions=$top/tests/fuzz/lsan.supp
for target in "${targets[@]}"; do
    step "fuzz_$target for ${seconds}s"
    mkdir -p "$scratch/$target"
    log=$scratch/$target.log
    if ! (cd "$scratch" && "$top/build-fuzz/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 \
              -rss_limit_mb=1024 -print_final_stats=1 -artifact_prefix="$scratch/$target-" \
              "$scratch/$target" "$top/tests/fuzz/corpus/$target") >"$log" 2>&1; then
        failed=$((failed + 1))
        grep -m1 -A12 -E '==ERROR|runtime error|deadly signal|timeout' "$log" || tail -20 "$log"
        ls "$scratch/$target"-* 2>/dev/null | sed 's/^/    reproducer: /'
        cp "$scratch/$target"-* "$top/build-fuzz/" 2>/dev/null || true
    fi
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    echo "fuzz_$target: ${execs:-?} executions, ${cov:-cov: ?} edges, $(ls "$scratch/$target" | wc -l) new inputs"
done

step "capture fuzz through tshark, $frames mutated frames"
"$top/tests/fuzz/capture-fuzz" --frames "$frames" --keep "$top/build-capture-fuzz/failures" || failed=$((failed + 1))

step "flood, $clients clients"
"$top/packaging/build.sh" "$top/build" >/dev/null
KERBDIAG_FLOOD_CLIENTS=$clients "$top/build/tests/test_flood" | grep -E '^flood:|PASSED|FAILED' || failed=$((failed + 1))

[ "$failed" -eq 0 ] && echo "tests/fuzz/ci.sh: all passed" || { echo "tests/fuzz/ci.sh: $failed parts failed"; exit 1; }
