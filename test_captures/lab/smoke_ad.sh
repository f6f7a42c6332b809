#!/bin/bash
# Smoke test of the Samba AD lab: provision the DC and record two scenarios
# into a temporary directory (never over the committed captures or keytabs),
# then check with tshark that the HOST mapping is there (a ticket for
# HTTP/web1.ad.example.test that the svc_web site rejects with 31, and the
# same ticket accepted by the site holding WEB1$'s key), and that the
# regenerated keytabs equal the committed ones. About a minute.
#   sudo test_captures/lab/smoke_ad.sh
# Exits 77 (skipped) where record_ad.sh cannot run (no root, no namespaces).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TMP=$(mktemp -d /tmp/kerbdiag-ad-smoke.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

rc=0
KERBDIAG_OUT="$TMP" KERBDIAG_KEYTAB_OUT="$TMP/keytabs" "$HERE/record_ad.sh" \
  ad_http_host_mapping ad_http_host_mapping_fix_machine_key || rc=$?
[ "$rc" = 77 ] && { echo "smoke_ad: skipped" >&2; exit 77; }
[ "$rc" = 0 ] || { echo "smoke_ad: FAIL: record_ad.sh exited $rc" >&2; exit 1; }

fail() { echo "smoke_ad: FAIL: $*" >&2; exit 1; }
count() { tshark -r "$TMP/$1.pcapng" -Y "$2" 2>/dev/null | wc -l; }
for f in ad_http_host_mapping ad_http_host_mapping_fix_machine_key; do
  [ -s "$TMP/$f.pcapng" ] || fail "no capture $f written"
  [ "$(count $f 'kerberos.msg_type == 13 && kerberos.SNameString == "web1.ad.example.test"')" -ge 1 ] \
    || fail "$f: no TGS-REP for HTTP/web1.ad.example.test"
  [ "$(count $f 'http.response.code == 401 && http.www_authenticate == "Negotiate"')" -ge 1 ] \
    || fail "$f: no 401 Negotiate"
done
[ "$(count ad_http_host_mapping 'http.response.code == 401 && kerberos.error_code == 31')" -ge 1 ] \
  || fail "ad_http_host_mapping: the svc_web site did not answer KRB-ERROR 31"
[ "$(count ad_http_host_mapping_fix_machine_key 'http.response.code == 200 && kerberos.msg_type == 15')" -ge 1 ] \
  || fail "ad_http_host_mapping_fix_machine_key: no HTTP 200 with an AP-REP"
for k in "$TMP/keytabs/"*.keytab; do
  cmp -s "$k" "$HERE/../keytabs/$(basename "$k")" || fail "keytab $(basename "$k") differs from the committed one"
done
echo "smoke_ad: OK"
