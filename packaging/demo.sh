#!/usr/bin/env bash
# Shows kerbdiag's view of a bundled capture (the plugin must be installed).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
capture=${1:-$top/test_captures/s1_spn_unknown.pcapng}
[ -f "$capture" ] || capture=$top/test_captures/healthy_udp.pcapng
echo "kerbdiag on $(basename "$capture"): Kerberos and HTTP authentication, frame by frame"
tshark -r "$capture" -Y 'kerbdiag.krb.msg || kerbdiag.mech || kerbdiag.rule' -T fields -E header=y \
    -e frame.number -e kerbdiag.krb.msg -e kerbdiag.spn -e kerbdiag.http.host -e kerbdiag.mech \
    -e kerbdiag.krb.error -e kerbdiag.verdict -e kerbdiag.rule 2>/dev/null
echo
echo "Findings and fixes:"
tshark -r "$capture" -Y 'kerbdiag.rule' -T fields -E occurrence=f \
    -e frame.number -e kerbdiag.severity -e kerbdiag.finding -e kerbdiag.fix 2>/dev/null \
    | awk -F'\t' '{ printf "frame %s [%s] %s\n    fix: %s\n", $1, $2, $3, $4 }'
