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

# The live-capture tests drive the capture lab, which needs root and private
# mount/network namespaces. Where those cannot exist (an ordinary user, or a
# chroot whose / is not a mount point) they are left out, and this says so.
only_where_possible=()
if [ "$(id -u)" -ne 0 ] || ! unshare --mount --net --propagation private true 2>/dev/null; then
    echo "tests/run.sh: no private mount/network namespaces here (needs root, not a chroot):" \
         "the live-capture tests live.* are not run" >&2
    only_where_possible=(-E '^live\.')
fi
ctest --test-dir "$top/build" -j"$jobs" --output-on-failure "${only_where_possible[@]}"
