#!/usr/bin/env bash
# Cost of kerbdiag inside tshark: prints ratios, asserts nothing.
#
#   bench/plugin_bench.sh [build-dir] [copies]
#
# Builds a long capture by concatenating the corpus captures many times
# (shifted in time, so the correlator ages state as in a live capture), then
# runs tshark over it without and with the plugin, as the same unprivileged
# user, and prints:
#   time ratio    = CPU seconds with plugin / without
#   memory ratio  = peak RSS with plugin / without
#   per-frame memory ratio = what kerbdiag adds per extra frame (the stored
#                   display record of each frame, which Wireshark needs to
#                   re-render it) / what tshark itself keeps per frame. The
#                   correlation state itself is capped (CorrelatorLimits).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
copies=${2:-40}
plugin=$build/plugin/kerbdiag.so
[ -f "$plugin" ] || { echo "build first: $plugin missing" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d /tmp/kerbdiag-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
version=$(tshark -v 2>/dev/null | sed -n '1s/.*(Wireshark) \([0-9]*\)\.\([0-9]*\).*/\1.\2/p')
mkdir -p "$work/with/.local/lib/wireshark/plugins/$version/epan" "$work/without"
cp "$plugin" "$work/with/.local/lib/wireshark/plugins/$version/epan/"

# One pass over the corpus, then that repeated with increasing time offsets.
mergecap -F pcapng -a -w "$work/corpus.pcapng" "$top"/test_captures/*.pcapng
make_long_capture() {  # make_long_capture <copies> <out>
    local parts=() n
    for ((n = 0; n < $1; n++)); do
        editcap -F pcapng -t $((n * 3600)) "$work/corpus.pcapng" "$work/part$n.pcapng"
        parts+=("$work/part$n.pcapng")
    done
    mergecap -F pcapng -a -w "$2" "${parts[@]}"
    rm -f "${parts[@]}"
}
make_long_capture "$copies" "$work/x1.pcapng"
make_long_capture $((copies * 4)) "$work/x4.pcapng"
chmod -R a+rX "$work"
chmod 1777 "$work"

as_user=()
[ "$(id -u)" -eq 0 ] && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)

measure() {  # measure <home> <capture> -> "cpu_seconds max_rss_kb"
    (cd "$work" && "${as_user[@]}" env HOME="$work/$1" WIRESHARK_PLUGIN_DIR="$work/no-global-plugins" /usr/bin/time -f '%U %S %M' -o "$work/time.$1" \
        tshark -r "$work/$2" -T fields -e frame.number -e kerberos.msg_type -e http.host >/dev/null 2>&1) || true
    awk '{ printf "%.3f %d\n", $1 + $2, $3 }' "$work/time.$1"
}

frames=$(capinfos -c -M "$work/x1.pcapng" 2>/dev/null | awk '/Number of packets/ { print $NF }')
read -r t0 m0 < <(measure without x1.pcapng)
read -r t1 m1 < <(measure with x1.pcapng)
read -r t4 m4 < <(measure with x4.pcapng)
read -r t4b m4b < <(measure without x4.pcapng)
grep -q . <<<"$(cd "$work" && "${as_user[@]}" env HOME="$work/with" WIRESHARK_PLUGIN_DIR="$work/no-global-plugins" tshark -G plugins 2>/dev/null | grep kerbdiag)" \
    || { echo "plugin did not load" >&2; exit 1; }

echo "capture: $frames frames (x1), $((frames * 4)) frames (x4)"
echo "cpu seconds: without $t0, with $t1 (x1); without $t4b, with $t4 (x4)"
echo "peak RSS KiB: without $m0, with $m1 (x1); without $m4b, with $m4 (x4)"
awk -v a="$t1" -v b="$t0" 'BEGIN { printf "time ratio (with/without, x1): %.2f\n", a / b }'
awk -v a="$m1" -v b="$m0" 'BEGIN { printf "memory ratio (with/without, x1): %.2f\n", a / b }'
awk -v a="$m4" -v b="$m4b" -v c="$m1" -v d="$m0" -v f="$frames" \
    'BEGIN { own = (b - d) * 1024 / (3 * f); ours = ((a - b) - (c - d)) * 1024 / (3 * f);
             printf "per-frame memory (bytes): tshark itself %.0f, kerbdiag %.0f, ratio %.2f\n", own, ours, ours / own }'
