#!/usr/bin/env bash
# Installs the "kerbdiag" Wireshark configuration profile (columns for the
# verdict, rule and finding; colouring by severity; filter buttons).
#
#   install-profile.sh            as a user: ~/.config/wireshark/profiles/kerbdiag
#                                 as root: Wireshark's global profiles folder
#                                 (offered to every user in the profile list)
#   install-profile.sh --zip F    writes F, a zip for Wireshark's
#                                 Edit > Configuration Profiles > Import
#   install-profile.sh --dir D    into the folder D
# A profile's colorfilters file replaces Wireshark's default colouring, so
# the installed one is kerbdiag's rules followed by the installed
# Wireshark's own defaults: only frames with a kerbdiag severity or verdict
# change colour.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
profile="$top/packaging/profile/kerbdiag"
global=$(tshark -G folders 2>/dev/null | sed -n 's/^Global configuration:[[:space:]]*//p')
staged=$(mktemp -d)
trap 'rm -rf "$staged"' EXIT
cp "$profile"/* "$staged/"
if [ -f "$global/colorfilters" ]; then
    { echo "# Wireshark's default colouring rules ($global/colorfilters):"; grep -v '^#' "$global/colorfilters"; } >>"$staged/colorfilters"
else
    echo "kerbdiag: Wireshark's default colouring rules not found: only kerbdiag's rules colour frames" >&2
fi
profile=$staged

if [ "${1:-}" = --zip ]; then
    out=${2:?usage: install-profile.sh --zip <file.zip>}
    python3 - "$profile" "$out" <<'PY'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for name in sorted(os.listdir(src)):
        z.write(os.path.join(src, name), "kerbdiag/" + name)
PY
    echo "kerbdiag: profile zip written to $out"
    exit 0
fi

if [ "${1:-}" = --dir ]; then
    dest=${2:?usage: install-profile.sh --dir <folder>}
elif [ "$(id -u)" -eq 0 ]; then
    [ -n "$global" ] || { echo "kerbdiag: cannot find Wireshark's global configuration folder" >&2; exit 1; }
    dest="$global/profiles/kerbdiag"
else
    dest="${XDG_CONFIG_HOME:-$HOME/.config}/wireshark/profiles/kerbdiag"
fi
mkdir -p "$dest"
install -m 0644 "$profile"/* "$dest/"
echo "kerbdiag: profile installed in $dest (Edit > Configuration Profiles > kerbdiag)"
