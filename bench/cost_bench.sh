#!/usr/bin/env bash
# What kerbdiag costs inside tshark: prints ratios, asserts nothing.
#
#   bench/cost_bench.sh [build-dir]            # every measure
#   bench/cost_bench.sh [build-dir] --profile  # also: callgrind profile of the
#                                              # enabled run on the auth capture
#
# Captures (made in a temporary folder, never committed):
#   auth  the corpus repeated (shifted in time) to about 53k frames: every
#         frame is authentication traffic (KDC, HTTP Negotiate, DNS).
#   mixed bulk traffic recorded by test_captures/lab/record_bulk.sh (HTTP and
#         HTTPS downloads over a 1500-byte MTU loopback, DNS look-ups) with
#         one copy of the corpus appended: authentication is under 5%.
# For each capture, against tshark without the plugin (`tshark -q -z expert`):
#   instruction ratio  callgrind instruction counts, enabled and disabled
#                      (--disable-protocol kerbdiag)
#   CPU ratio          median user+system seconds of KERBDIAG_BENCH_RUNS runs
#   linearity          CPU ratio at 1x, 4x and 16x the auth capture
#   memory             peak RSS at 1x, 4x and 16x; what kerbdiag adds per
#                      extra frame (flat state = about 0)
# Environment: KERBDIAG_BENCH_COPIES (corpus copies in auth, default 25),
# KERBDIAG_BENCH_RUNS (default 5), KERBDIAG_BULK (a recorded bulk capture to
# reuse instead of recording one).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
profile=${2:-}
copies=${KERBDIAG_BENCH_COPIES:-25}
runs=${KERBDIAG_BENCH_RUNS:-5}
plugin=$build/plugin/kerbdiag.so
[ -f "$plugin" ] || { echo "build first: $plugin missing" >&2; exit 1; }
for tool in valgrind /usr/bin/time mergecap editcap capinfos; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install valgrind time wireshark-common)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/kerbdiag-cost.XXXXXX)
trap 'rm -rf "$work"' EXIT
version=$(tshark -v 2>/dev/null | sed -n '1s/.*(Wireshark) \([0-9]*\)\.\([0-9]*\).*/\1.\2/p')
mkdir -p "$work/with/.local/lib/wireshark/plugins/$version/epan" "$work/without"
cp "$plugin" "$work/with/.local/lib/wireshark/plugins/$version/epan/"

# --- captures ------------------------------------------------------------------
mergecap -F pcapng -a -w "$work/corpus.pcapng" "$top"/test_captures/*.pcapng
repeat() {  # repeat <in> <copies> <out>: copies shifted by an hour each
    local parts=() n
    for ((n = 0; n < $2; n++)); do
        editcap -F pcapng -t $((n * 3600)) "$1" "$work/part$n.pcapng"
        parts+=("$work/part$n.pcapng")
    done
    mergecap -F pcapng -a -w "$3" "${parts[@]}"
    rm -f "${parts[@]}"
}
repeat "$work/corpus.pcapng" "$copies" "$work/auth.pcapng"
repeat "$work/auth.pcapng" 4 "$work/auth4.pcapng"
repeat "$work/auth4.pcapng" 4 "$work/auth16.pcapng"
if [ -n "${KERBDIAG_BULK:-}" ]; then
    cp "$KERBDIAG_BULK" "$work/bulk.pcapng"
else
    "$top/test_captures/lab/record_bulk.sh" "$work/bulk.pcapng" >&2
fi
mergecap -F pcapng -a -w "$work/mixed.pcapng" "$work/bulk.pcapng" "$work/corpus.pcapng"
chmod -R a+rX "$work"
chmod 1777 "$work"

as_user=()
[ "$(id -u)" -eq 0 ] && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
tshark_as() {  # tshark_as <home> <wrapper...> -- <tshark args...>
    local home=$1
    shift
    (cd "$work" && "${as_user[@]}" env HOME="$work/$home" WIRESHARK_PLUGIN_DIR="$work/no-global-plugins" "$@")
}
grep -q kerbdiag <<<"$(tshark_as with tshark -G plugins 2>/dev/null)" || { echo "plugin did not load" >&2; exit 1; }

frames_of() { capinfos -c -M "$work/$1" 2>/dev/null | awk '/Number of packets/ { print $NF }'; }
# Three configurations: no plugin, enabled, loaded but disabled; and a
# fourth without the plugin that only makes tshark build a tree for every
# frame (a display filter on one field): what any post-dissector that wants
# fields costs before it runs a single instruction of its own.
config_args() {  # config_args <none|on|off|tree> -> "home [tshark options]"
    case $1 in
    none) echo without ;;
    on) echo with ;;
    off) echo with --disable-protocol kerbdiag ;;
    tree) echo without -Y frame ;;
    esac
}
instructions() {  # instructions <config> <capture>
    local args
    read -r -a args <<<"$(config_args "$1")"
    tshark_as "${args[0]}" valgrind --tool=callgrind --callgrind-out-file="$work/cg.$1.$2.out" \
        tshark -q -r "$work/$2" -z expert "${args[@]:1}" >/dev/null 2>"$work/cg.err"
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/cg.err"
}
cpu_and_rss() {  # cpu_and_rss <config> <capture> -> "seconds max_rss_kb"
    local args
    read -r -a args <<<"$(config_args "$1")"
    tshark_as "${args[0]}" /usr/bin/time -f '%U %S %M' -o "$work/time" \
        tshark -q -r "$work/$2" -z expert "${args[@]:1}" >/dev/null 2>&1
    awk '{ printf "%.3f %d\n", $1 + $2, $3 }' "$work/time"
}
median_cpu() {  # median_cpu <config> <capture>
    local n
    for ((n = 0; n < runs; n++)); do cpu_and_rss "$1" "$2" | cut -d' ' -f1; done | sort -n |
        awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

report_capture() {  # report_capture <label> <capture>
    local none on off tree
    none=$(instructions none "$2")
    on=$(instructions on "$2")
    off=$(instructions off "$2")
    tree=$(instructions tree "$2")
    echo "$1 ($(frames_of "$2") frames):"
    echo "  instructions: without $none, enabled $on, disabled $off, a tree for every frame $tree"
    echo "  instruction ratio: enabled $(ratio "$on" "$none"), disabled $(ratio "$off" "$none")," \
         "Wireshark's tree alone (no plugin) $(ratio "$tree" "$none")"
    none=$(median_cpu none "$2")
    on=$(median_cpu on "$2")
    off=$(median_cpu off "$2")
    echo "  CPU seconds (median of $runs): without $none, enabled $on, disabled $off"
    echo "  CPU ratio: enabled $(ratio "$on" "$none"), disabled $(ratio "$off" "$none")"
}

report_capture "auth capture" auth.pcapng
report_capture "mixed capture" mixed.pcapng

echo "auth capture at 1x, 4x, 16x (one-pass tshark):"
f1=$(frames_of auth.pcapng)
f16=$(frames_of auth16.pcapng)
for scale in "" 4 16; do
    read -r t0 m0 < <(cpu_and_rss none "auth$scale.pcapng")
    read -r t1 m1 < <(cpu_and_rss on "auth$scale.pcapng")
    echo "  ${scale:-1}x: CPU ratio $(ratio "$t1" "$t0"), peak RSS KiB without $m0, enabled $m1, kerbdiag adds $((m1 - m0))"
    [ -z "$scale" ] && added1=$((m1 - m0))
    [ "$scale" = 16 ] && added16=$((m1 - m0)) && own16=$m0
done
awk -v a="$added1" -v b="$added16" -v f1="$f1" -v f16="$f16" -v own="$own16" 'BEGIN {
    printf "  peak-memory growth per frame, 1x -> 16x: kerbdiag %.1f bytes (tshark itself %.0f bytes)\n",
           (b - a) * 1024 / (f16 - f1), own * 1024 / f16 }'

# Where kerbdiag's own instructions go, from the enabled run's call graph
# (inclusive counts): the problem layer is ProblemBook::observe, called once
# per frame by the correlator.
layer() {  # layer <function name prefix> -> inclusive instructions
    callgrind_annotate --inclusive=yes --threshold=100 "$work/cg.on.auth.pcapng.out" 2>/dev/null |
        awk -v f="$1" 'index($0, f) { gsub(",", "", $1); if ($1 + 0 > best) best = $1 + 0 } END { print best + 0 }'
}
auth_none=$(sed -n 's/^summary: *//p;s/^totals: *//p' "$work/cg.none.auth.pcapng.out" | head -1)
auth_on=$(sed -n 's/^summary: *//p;s/^totals: *//p' "$work/cg.on.auth.pcapng.out" | head -1)
post=$(layer "dissect_kerbdiag")
correlate=$(layer "kerbdiag::Correlator::observe(")
problem=$(layer "kerbdiag::ProblemBook::observe(")
oracle=$(layer "kerbdiag::KeytabOracle::check(")
echo "auth capture, kerbdiag's layers (inclusive instructions, share of what kerbdiag adds: $((auth_on - auth_none))):"
for pair in "post-dissector (extract, correlate, render):$post" "correlator and rules:$correlate" \
            "problem layer:$problem" "keytab oracle:$oracle"; do
    awk -v n="${pair%%:*}" -v v="${pair##*:}" -v all="$((auth_on - auth_none))" \
        'BEGIN { printf "  %s %d (%.1f%%)\n", n, v, all ? 100 * v / all : 0 }'
done
echo "  problem layer instruction ratio (enabled / enabled less the problem layer): $(ratio "$auth_on" "$((auth_on - problem))")"

if [ "$profile" = --profile ]; then
    out=${KERBDIAG_PROFILE_OUT:-$top/callgrind.kerbdiag.out}
    cp "$work/cg.on.auth.pcapng.out" "$out"
    echo "profile of the enabled run on the auth capture: $out"
    echo "  callgrind_annotate --inclusive=yes $out | head -60"
fi
