#!/usr/bin/env bash
# The keytab's cost inside tshark: prints a ratio, asserts nothing.
#
#   bench/keytab_tshark_bench.sh [build-dir] [copies]
#
# A long capture (the corpus repeated, so every ticket is reused many times)
# is read by tshark with kerbdiag loaded, once without a keytab and once with
# a keytab of 1,000 accounts plus the lab's real keys (so the lab's tickets
# really decrypt). Prints CPU seconds of each run and their ratio (goal: at
# most 1.25).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
copies=${2:-40}
plugin=$build/plugin/kerbdiag.so
for f in "$plugin" "$build/bench/keytab_bench"; do
    [ -e "$f" ] || { echo "build first: $f missing" >&2; exit 1; }
done

work=$(mktemp -d /tmp/kerbdiag-kbench.XXXXXX)
trap 'rm -rf "$work"' EXIT
version=$(tshark -v 2>/dev/null | sed -n '1s/.*(Wireshark) \([0-9]*\)\.\([0-9]*\).*/\1.\2/p')
mkdir -p "$work/home/.local/lib/wireshark/plugins/$version/epan"
cp "$plugin" "$work/home/.local/lib/wireshark/plugins/$version/epan/"

"$build/bench/keytab_bench" --write-keytab "$work/accounts.keytab"
printf 'rkt %s\nrkt %s\nwkt %s\nq\n' "$work/accounts.keytab" "$top/test_captures/keytabs/multi.keytab" \
    "$work/big.keytab" | ktutil >/dev/null
entries=$(klist -k "$work/big.keytab" | tail -n +4 | wc -l)

mergecap -F pcapng -a -w "$work/corpus.pcapng" "$top"/test_captures/*.pcapng 2>/dev/null
parts=()
for ((n = 0; n < copies; n++)); do
    editcap -F pcapng -t $((n * 3600)) "$work/corpus.pcapng" "$work/part$n.pcapng" 2>/dev/null
    parts+=("$work/part$n.pcapng")
done
mergecap -F pcapng -a -w "$work/long.pcapng" "${parts[@]}" 2>/dev/null
rm -f "${parts[@]}"
chmod -R a+rX "$work"
chmod 1777 "$work"

as_user=()
[ "$(id -u)" -eq 0 ] && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
cpu_seconds() {  # cpu_seconds [tshark options...]
    (cd "$work" && "${as_user[@]}" env HOME="$work/home" WIRESHARK_PLUGIN_DIR="$work/no-global-plugins" \
        /usr/bin/time -f '%U %S' -o "$work/time" tshark -r "$work/long.pcapng" "$@" \
        -T fields -e frame.number -e kerbdiag.ticket.key_verdict >"$work/out" 2>"$work/err") \
        || { cat "$work/err" >&2; exit 1; }
    awk '{ printf "%.3f\n", $1 + $2 }' "$work/time"
}
without=$(cpu_seconds)
with=$(cpu_seconds -o "kerbdiag.keytab:$work/big.keytab")
decrypted=$(grep -c decrypted "$work/out" || true)
frames=$(wc -l <"$work/out")

echo "capture: $frames frames; keytab: $entries entries (1,000 accounts + the lab's)"
echo "frames with a ticket the keytab decrypted: $decrypted"
echo "cpu seconds: without keytab $without, with keytab $with"
awk -v a="$with" -v b="$without" 'BEGIN { printf "ratio (with/without keytab): %.2f (goal <= 1.25)\n", a / b }'
