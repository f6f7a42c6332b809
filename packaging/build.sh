#!/usr/bin/env bash
# Configures and builds kerbdiag into build/ (or the folder given), warnings
# as errors: this is the developers' and CI's build (a plain cmake build is not).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
shift || true
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKERBDIAG_WERROR=ON "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"
