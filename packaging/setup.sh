#!/usr/bin/env bash
# One command from a fresh clone: dependencies, build, install, and a first
# diagnosis of a bundled capture.
#   root:      system install (Wireshark as root only loads global plugins)
#   otherwise: per-user install (sudo is used for apt-get only)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/packaging/install-deps.sh"
"$top/packaging/build.sh"
if [ "$(id -u)" -eq 0 ]; then
    "$top/packaging/install-system.sh"
else
    "$top/packaging/install-user.sh"
fi
"$top/packaging/demo.sh"
