#!/usr/bin/env bash
# Per-user install: ~/.local/lib/wireshark/plugins/<major.minor>/epan.
#
# Wireshark ignores this folder (and WIRESHARK_PLUGIN_DIR) when it runs as
# root, without a word. So as root this script refuses and points to the
# system install instead of leaving a plugin that never loads.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
plugin=${1:-$top/build/plugin/kerbdiag.so}
if [ "$(id -u)" -eq 0 ] || [ "$(id -g)" -eq 0 ]; then
    cat >&2 <<MSG
kerbdiag: not installing into root's personal plugin folder: Wireshark and
tshark running as root never load plugins from there. Use the system install:
    sudo packaging/install-system.sh
or install as the user who runs Wireshark.
MSG
    exit 2
fi
[ -f "$plugin" ] || { echo "kerbdiag: $plugin not found; build first (packaging/build.sh)" >&2; exit 1; }
version=$(tshark -v | sed -n '1s/.*(Wireshark) \([0-9]*\)\.\([0-9]*\).*/\1.\2/p')
dest="$HOME/.local/lib/wireshark/plugins/$version/epan"
mkdir -p "$dest"
install -m 0644 "$plugin" "$dest/kerbdiag.so"
tshark -G plugins | grep -q '^kerbdiag\.so' || { echo "kerbdiag: installed to $dest but tshark does not list it" >&2; exit 1; }
echo "kerbdiag: installed for $(id -un) in $dest"
"$top/packaging/install-profile.sh"
