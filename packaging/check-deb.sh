#!/usr/bin/env bash
# Builds this release's kerbdiag-wireshark package, installs it with apt,
# checks that tshark loads it from the global plugin folder and diagnoses a
# bundled capture, then purges it and checks that nothing is left. Needs root
# and a machine where no other kerbdiag is installed system-wide.
#
#   packaging/check-deb.sh [build-dir]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
[ "$(id -u)" -eq 0 ] || { echo "check-deb: needs root (installs a package)" >&2; exit 1; }
say() { echo "check-deb: $*"; }
fail() { echo "check-deb: $*" >&2; exit 1; }

if dpkg-query -W -f='${Status}' kerbdiag-wireshark 2>/dev/null | grep -q 'ok installed'; then
    fail "kerbdiag-wireshark is already installed here; remove it first"
fi
"$top/packaging/build.sh" "$build"
(cd "$build" && rm -f kerbdiag-wireshark_*.deb && cpack -G DEB >/dev/null)
deb=$(ls "$build"/kerbdiag-wireshark_*.deb)
say "built $(basename "$deb"), depends on: $(dpkg-deb -f "$deb" Depends)"

version=$(tshark -v 2>/dev/null | sed -n '1s/.*(Wireshark) \([0-9]*\)\.\([0-9]*\).*/\1.\2/p')
depends=$(dpkg-deb -f "$deb" Depends)
case $depends in
    *libwireshark[0-9]*) ;;
    *) fail "the package does not depend on a libwireshark<soname> package: $depends" ;;
esac
plugin_path=$(dpkg-deb -c "$deb" | awk '{ print $NF }' | grep 'kerbdiag\.so$')
case $plugin_path in
    */plugins/"$version"/epan/kerbdiag.so) ;;
    *) fail "the plugin is not in Wireshark $version's plugins/$version/epan folder: $plugin_path" ;;
esac

# Purge even when a check fails, so no global plugin outlives this script.
trap 'DEBIAN_FRONTEND=noninteractive apt-get purge -y -q kerbdiag-wireshark >/dev/null 2>&1 || true' EXIT
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" >/dev/null
tshark -G plugins 2>/dev/null | grep -q '^kerbdiag\.so' || fail "installed, but tshark -G plugins does not list kerbdiag"
say "installed; tshark $version lists $(tshark -G plugins 2>/dev/null | grep '^kerbdiag\.so' | tr '\t' ' ')"

capture=$top/test_captures/s1_spn_unknown.pcapng
report=$(tshark -r "$capture" -q -z kerbdiag,problems 2>/dev/null)
grep -q 'spn_unknown' <<<"$report" || { echo "$report" >&2; fail "no spn_unknown problem on $(basename "$capture")"; }
say "diagnosis of $(basename "$capture"):"
sed 's/^/    /' <<<"$report"

DEBIAN_FRONTEND=noninteractive apt-get purge -y -q kerbdiag-wireshark >/dev/null
trap - EXIT
[ ! -e "/${plugin_path#./}" ] || fail "purged, but $plugin_path is still there"
if tshark -G plugins 2>/dev/null | grep -q '^kerbdiag\.so'; then fail "purged, but tshark still loads kerbdiag"; fi
say "purged; tshark no longer loads kerbdiag"
