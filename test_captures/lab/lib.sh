# Shared by the capture labs (record.sh: MIT KDC, record_ad.sh: Samba AD):
# package installation, the private namespaces, process bookkeeping and
# dumpcap. Sourced, not run. The caller sets LAB_TAG (log prefix) first.

log() { printf '[%s] %s\n' "$LAB_TAG" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$LAB_TAG" "$*" >&2; exit 1; }

# lab_install PACKAGE...: apt-get the missing ones, without letting package
# scripts start any daemon. KERBDIAG_NO_INSTALL=1 skips it.
lab_install() {
  [ -z "${KERBDIAG_NO_INSTALL:-}" ] || return 0
  local p missing=() created_policy=
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  log "installing: ${missing[*]}"
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    created_policy=1
  fi
  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  [ -n "$created_policy" ] && rm -f /usr/sbin/policy-rc.d
  return 0
}

# lab_reexec INNER_VARIABLE SCRIPT ARGS...: run SCRIPT again as PID 1 of
# private PID, mount and network namespaces, with INNER_VARIABLE=1 and the
# output directories fixed.
lab_reexec() {
  local inner=$1 script=$2; shift 2
  export "$inner=1"
  export KERBDIAG_OUT="${KERBDIAG_OUT:-$TC}"
  export KERBDIAG_KEYTAB_OUT="${KERBDIAG_KEYTAB_OUT:-$TC/keytabs}"
  exec unshare --pid --fork --mount-proc --mount --net --propagation private \
    bash "$script" "$@"
}

# lab_dir PREFIX: the lab's private directory; every PID in PIDS is stopped
# and the directory removed when the script exits (KERBDIAG_KEEP_LAB=1 keeps
# the directory).
PIDS=()
lab_dir() {
  LAB=$(mktemp -d "/tmp/$1.XXXXXX")
  chmod 755 "$LAB"
  trap lab_cleanup EXIT
  trap 'exit 130' INT TERM
}
lab_cleanup() {
  local rc=$?
  set +e
  for ((i=${#PIDS[@]}-1; i>=0; i--)); do
    kill "${PIDS[$i]}" 2>/dev/null
  done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
  if [ -z "${KERBDIAG_KEEP_LAB:-}" ]; then rm -rf "$LAB"; else log "lab kept in $LAB"; fi
  exit $rc
}

forget_pid() {
  local p=$1 n=()
  for q in "${PIDS[@]}"; do [ "$q" = "$p" ] || n+=("$q"); done
  PIDS=("${n[@]}")
}

stop_pid() {  # stop_pid PID [signal]
  local p=$1 sig=${2:-TERM}
  kill -"$sig" "$p" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
  forget_pid "$p"
}

listening() {  # listening tcp|udp ADDR PORT
  local flag=-lnt
  [ "$1" = udp ] && flag=-lnu
  ss $flag 2>/dev/null | awk '{print $4}' | grep -qx "$2:$3"
}
wait_port() {  # wait_port tcp|udp ADDR PORT [tries of 0.05 s, default 100]
  for _ in $(seq "${4:-100}"); do
    listening "$1" "$2" "$3" && return 0
    sleep 0.05
  done
  die "nothing listening on $1 $2:$3"
}
wait_gone() {  # wait_gone tcp|udp ADDR PORT
  for _ in $(seq 100); do
    listening "$1" "$2" "$3" || return 0
    sleep 0.05
  done
  die "$1 $2:$3 still in use"
}

# dumpcap_start FILE FILTER: capture on the lab's loopback into FILE
# (CAP_PID), once dumpcap really captures.
CAP_PID=
dumpcap_start() {
  rm -f "$1" "$LAB/dumpcap.err"
  dumpcap -q -i lo -f "$2" -w "$1" 2> "$LAB/dumpcap.err" &
  CAP_PID=$!; PIDS+=("$CAP_PID")
  for _ in $(seq 100); do
    grep -q "Capturing on" "$LAB/dumpcap.err" 2>/dev/null && break
    kill -0 "$CAP_PID" 2>/dev/null || { cat "$LAB/dumpcap.err" >&2; die "dumpcap failed"; }
    sleep 0.05
  done
  sleep 0.3
}
# dumpcap_stop FILE DEST: stop the capture, publish FILE as DEST.
dumpcap_stop() {
  stop_pid "$CAP_PID" INT
  CAP_PID=
  cp "$1" "$2"
  chmod 644 "$2"
  local n; n=$(capinfos -c -M "$2" 2>/dev/null | awk -F: '/Number of packets/{gsub(/ /,"",$2); print $2}' || true)
  log "$(basename "$2" .pcapng): ${n:-?} packets -> $2"
}
