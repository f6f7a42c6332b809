#!/usr/bin/env bash
# Rewrites the golden problem reports (test_captures/baselines/) from the
# plugin in build/ (or the build folder given). Review `git diff` afterwards
# and say in the commit why each baseline changed.
#
#   tests/update-baselines.sh [build-dir] [name ...]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
shift || true
plugin="$build/plugin/kerbdiag.so"
[ -f "$plugin" ] || { echo "no plugin at $plugin: run packaging/build.sh first" >&2; exit 1; }
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    for expect in "$top"/test_captures/expectations/*.expect; do names+=("$(basename "$expect" .expect)"); done
fi
for name in "${names[@]}"; do
    "$top/tests/integration/check-baseline" "$plugin" "$top/test_captures" "$name" --update
done
