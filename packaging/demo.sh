#!/usr/bin/env bash
# Shows kerbdiag's view of a bundled capture (the plugin must be installed).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
capture=${1:-$top/test_captures/s1_spn_unknown.pcapng}
[ -f "$capture" ] || capture=$top/test_captures/healthy_udp.pcapng
echo "kerbdiag on $(basename "$capture"):"
tshark -r "$capture" -Y kerbdiag -T fields -E header=y \
    -e frame.number -e kerbdiag.krb.msg -e kerbdiag.spn -e kerbdiag.http.host -e kerbdiag.mech \
    -e kerbdiag.krb.error -e kerbdiag.verdict -e kerbdiag.rule -e kerbdiag.finding 2>/dev/null
