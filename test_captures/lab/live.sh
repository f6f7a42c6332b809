#!/bin/bash
# Run a command live inside the capture lab while one scenario's traffic
# flows: the lab's services start in their private namespaces, COMMAND starts
# in the background in the lab's network namespace (it sees the lab's "lo"),
# the scenario's client traffic is driven, then COMMAND is given time to
# finish and is stopped.
#
#   sudo test_captures/lab/live.sh SCENARIO -- COMMAND [ARGS...]
#   sudo test_captures/lab/live.sh s1_spn_unknown -- \
#     sh -c 'tshark -i lo -l -f "port 88" & t=$!; trap "kill -INT $t; wait $t" TERM
#            sleep 5; touch "$KERBDIAG_LIVE_READY"; wait'
#
# COMMAND must create the file named by $KERBDIAG_LIVE_READY once it is
# capturing; the client traffic waits for it (at most 20 s). After the
# traffic, COMMAND has KERBDIAG_LIVE_WAIT seconds (default 10) to exit on its
# own before it gets SIGTERM; whatever is left of it dies with the lab.
# live.sh fails when the lab fails or COMMAND exits non-zero (other than by
# that SIGTERM). The scenario's pcapng and the keytabs go to a temporary
# directory; the other KERBDIAG_* variables of record.sh apply.
# tests/integration/check-live-capture uses it with tshark and kerbdiag.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ $# -lt 3 ] || [ "$2" != "--" ]; then
  echo "usage: $0 SCENARIO -- COMMAND [ARGS...]" >&2
  exit 2
fi
scenario=$1
shift 2

TMP=$(mktemp -d /tmp/kerbdiag-live.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

KERBDIAG_LIVE_CMD=$(printf '%q ' "$@") KERBDIAG_OUT="$TMP" KERBDIAG_KEYTAB_OUT="$TMP/keytabs" \
  "$HERE/record.sh" "$scenario"
