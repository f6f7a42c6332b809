#!/bin/bash
# Smoke test of the capture lab: record healthy_udp into a temporary
# directory (never over the committed captures or keytabs) and check with
# tshark that it shows a TGS-REP and an HTTP 200 carrying an AP-REP.
#   sudo test_captures/lab/smoke.sh
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TMP=$(mktemp -d /tmp/kerbdiag-smoke.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

KERBDIAG_OUT="$TMP" KERBDIAG_KEYTAB_OUT="$TMP/keytabs" "$HERE/record.sh" healthy_udp

f="$TMP/healthy_udp.pcapng"
fail() { echo "smoke: FAIL: $*" >&2; exit 1; }
[ -s "$f" ] || fail "no capture written"

count() { tshark -r "$f" -Y "$1" 2>/dev/null | wc -l; }
[ "$(count 'kerberos.msg_type == 13 && udp.srcport == 88')" -ge 1 ] || fail "no TGS-REP over UDP"
[ "$(count 'http.response.code == 401 && http.www_authenticate == "Negotiate"')" -ge 1 ] || fail "no 401 Negotiate"
[ "$(count 'http.authorization && kerberos.msg_type == 14')" -ge 1 ] || fail "no HTTP request with an AP-REQ"
[ "$(count 'http.response.code == 200 && kerberos.msg_type == 15')" -ge 1 ] || fail "no HTTP 200 with an AP-REP"
[ "$(count 'dns.qry.name == "web01.example.test" && dns.a == 127.0.0.21')" -ge 1 ] || fail "no DNS answer for web01"
# The fixed secrets must reproduce the committed keytabs byte for byte.
for k in "$TMP/keytabs/"*.keytab; do
  cmp -s "$k" "$HERE/../keytabs/$(basename "$k")" || fail "keytab $(basename "$k") differs from the committed one"
done
echo "smoke: OK ($(tshark -r "$f" 2>/dev/null | wc -l) frames)"
