#!/usr/bin/env bash
# Builds kerbdiag and runs every test: the core's unit tests under
# AddressSanitizer + UBSan, then all unit and integration tests (real tshark
# with the built plugin loaded) of the normal build. The last line printed is
# ctest's summary.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)

"$top/packaging/build.sh" "$top/build-asan" -DKERBDIAG_SANITIZE=ON -DKERBDIAG_BUILD_PLUGIN=OFF
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$top/build-asan" -j"$jobs" --output-on-failure -L unit

"$top/packaging/build.sh" "$top/build"
ctest --test-dir "$top/build" -j"$jobs" --output-on-failure
