#!/usr/bin/env bash
# System install into Wireshark's global plugin folder (loaded for every
# user, root included). Needs root.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
if [ "$(id -u)" -ne 0 ]; then
    exec sudo "$0" "$@"
fi
cmake --install "$build" >/dev/null
tshark -G plugins 2>/dev/null | grep '^kerbdiag\.so' || { echo "kerbdiag: installed, but tshark does not list the plugin" >&2; exit 1; }
echo "kerbdiag: installed system-wide"
"$top/packaging/install-profile.sh"
