#!/usr/bin/env bash
# Screenshots of kerbdiag in the Wireshark GUI on a failing capture, under
# Xvfb: the packet list with the kerbdiag profile's columns and colours, the
# kerbdiag flow graph, Analyze > Expert Information, and Statistics >
# Kerberos Diagnostics with its Problems node.
#
#   tools/screenshots.sh [kerbdiag.so] [out-dir] [capture] [keytab]
#
# Defaults: build/plugin/kerbdiag.so, ./screenshots, the S2 wrong-account
# capture with multi.keytab. Needs: apt-get install xvfb wireshark-qt xdotool imagemagick
# Wireshark ignores personal plugins when it runs as root, so as root the GUI
# runs as nobody with a private HOME (like tests/integration/kerbdiag-tshark).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
plugin=$(realpath "${1:-$top/build/plugin/kerbdiag.so}")
out=$(mkdir -p "${2:-screenshots}" && realpath "${2:-screenshots}")
capture=${3:-$top/test_captures/s2_wrong_account.pcapng}
keytab=${4:-$top/test_captures/keytabs/multi.keytab}
for tool in Xvfb wireshark xdotool import; do
    command -v "$tool" >/dev/null || { echo "screenshots: $tool missing (apt-get install xvfb wireshark-qt xdotool imagemagick)" >&2; exit 1; }
done

version=$(tshark -v | sed -n '1s/.*(Wireshark) \([0-9]*\)\.\([0-9]*\).*/\1.\2/p')
home=$(mktemp -d /tmp/kerbdiag-screens.XXXXXX)
mkdir -p "$home/.local/lib/wireshark/plugins/$version/epan" "$home/.config/wireshark/profiles" "$home/data" "$home/no-global-plugins"
cp "$plugin" "$home/.local/lib/wireshark/plugins/$version/epan/kerbdiag.so"
"$top/packaging/install-profile.sh" --dir "$home/.config/wireshark/profiles/kerbdiag" >/dev/null
# Open the last profile without asking, and no welcome "recent" noise.
printf 'gui.ask_unsaved: FALSE\ngui.update.enabled: FALSE\n' > "$home/.config/wireshark/preferences"
cp "$capture" "$home/data/capture.pcapng"
cp "$keytab" "$home/data/capture.keytab"
chmod -R a+rwX "$home"

display=:${KERBDIAG_DISPLAY:-77}
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
gui=""
cleanup() {
    [ -n "$gui" ] && kill "$gui" 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true
    rm -rf "$home"
}
trap cleanup EXIT
export DISPLAY=$display
sleep 2

as_user=()
if [ "$(id -u)" = 0 ]; then as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups); fi
(cd "$home" && exec "${as_user[@]}" env HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_RUNTIME_DIR="$home" \
    WIRESHARK_PLUGIN_DIR="$home/no-global-plugins" DISPLAY="$display" QT_QPA_PLATFORM=xcb \
    wireshark -C kerbdiag -o "kerbdiag.keytab:$home/data/capture.keytab" -o gui.geometry_main_maximized:TRUE \
    -r "$home/data/capture.pcapng" >"$out/wireshark.log" 2>&1) &
gui=$!

wait_window() {  # <name regex>: the id of the newest visible window whose title matches
    for _ in $(seq 60); do
        id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | tail -1) && [ -n "$id" ] && { echo "$id"; return 0; }
        sleep 1
    done
    echo "screenshots: no window matching '$1'" >&2; return 1
}
shot() {  # <window> <file>
    sleep 2
    import -window "$1" -display "$display" "$out/$2"
    echo "screenshots: $out/$2"
}

main=$(wait_window 'capture\.pcapng')
xdotool windowsize "$main" 1600 1000 windowmove "$main" 0 0
sleep 3
shot "$main" packet-list.png

# Statistics > Flow Graph (there is no window manager: click the menus).
xdotool mousemove 325 9 click 1
sleep 1
xdotool mousemove 356 435 click 1
flow=$(wait_window 'Flow')
xdotool windowsize "$flow" 1500 950 windowmove "$flow" 0 0
sleep 2
# Flow type: kerbdiag (the combo box, then its entry by its first letter).
xdotool mousemove 786 895 click 1
sleep 1
xdotool type k
xdotool key Return
sleep 3
shot root flow-graph.png
xdotool mousemove 1362 926 click 1
sleep 2

# Analyze > Expert Information.
xdotool mousemove 255 9 click 1
sleep 1
xdotool mousemove 313 366 click 1
expert=$(wait_window 'Expert Information')
xdotool windowsize "$expert" 1500 900 windowmove "$expert" 0 0
sleep 3
# Open every group so the items' sentences show.
xdotool mousemove 400 200 click 1 key --clearmodifiers shift+Right
sleep 1
xdotool key --clearmodifiers ctrl+Right
sleep 1
shot root expert-info.png
# No window manager closes it: move it off the screen, below the menus.
xdotool windowmove "$expert" 0 2000
sleep 2

# Statistics > Kerberos Diagnostics (the menu's last entry): the Problems
# node, one row per problem and its count, then findings and verdicts.
xdotool mousemove 325 9 click 1
sleep 1
xdotool key Up Return
stats=$(wait_window 'Kerberos Diagnostics')
xdotool windowsize "$stats" 1500 700 windowmove "$stats" 0 0
sleep 3
shot root kerberos-diagnostics.png
