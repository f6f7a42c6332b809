#!/bin/bash
# Records bulk traffic that kerbdiag has nothing to say about, for the
# benchmark's mixed capture: a plain HTTP download, an HTTPS download and DNS
# look-ups, on a loopback with a 1500-byte MTU and no segmentation offload
# (so the capture holds real 1500-byte segments and their ACKs).
#
#   test_captures/lab/record_bulk.sh OUT.pcapng [HTTP_MB] [TLS_MB] [DNS_QUERIES]
#
# Runs as root inside private network and mount namespaces: python3's
# http.server on port 80, openssl s_server on 443 and dnsmasq on 53 serve
# 127.0.0.1 only, curl is the client, dumpcap records. Nothing leaves the
# namespace and every process dies with it.
set -euo pipefail
out=$(realpath -m "${1:?usage: record_bulk.sh OUT.pcapng [HTTP_MB] [TLS_MB] [DNS_QUERIES]}")
http_mb=${2:-60}
tls_mb=${3:-30}
dns_queries=${4:-400}

if [ -z "${KERBDIAG_BULK_INNER:-}" ]; then
    [ "$(id -u)" -eq 0 ] || { echo "record_bulk.sh: needs root (network namespace)" >&2; exit 1; }
    for tool in dumpcap curl openssl dnsmasq ethtool python3 unshare; do
        command -v "$tool" >/dev/null || { echo "record_bulk.sh: needs $tool" >&2; exit 1; }
    done
    exec unshare --pid --fork --mount-proc --mount --net --propagation private \
        env KERBDIAG_BULK_INNER=1 "$0" "$out" "$http_mb" "$tls_mb" "$dns_queries"
fi

lab=$(mktemp -d /tmp/kerbdiag-bulk.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$lab"' EXIT
ip link set lo up
ip link set lo mtu 1500
ethtool -K lo tso off gso off gro off >/dev/null 2>&1 || true

head -c "$((http_mb * 1024 * 1024))" /dev/urandom >"$lab/http.bin"
head -c "$((tls_mb * 1024 * 1024))" /dev/urandom >"$lab/tls.bin"
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=bulk.lab.test -days 2 \
    -keyout "$lab/key.pem" -out "$lab/cert.pem" >/dev/null 2>&1

(cd "$lab" && exec python3 -m http.server 80 --bind 127.0.0.1 >/dev/null 2>&1) &
(cd "$lab" && exec openssl s_server -quiet -accept 443 -WWW -cert cert.pem -key key.pem >/dev/null 2>&1) &
dnsmasq --no-daemon --no-resolv --no-hosts --listen-address=127.0.0.1 --bind-interfaces \
    --address=/bulk.lab.test/127.0.0.1 --pid-file="$lab/dnsmasq.pid" >/dev/null 2>&1 &
sleep 1

dumpcap -q -i lo -f 'tcp port 80 or tcp port 443 or udp port 53' -w "$lab/bulk.pcapng" 2>"$lab/dumpcap.err" &
capture=$!
for _ in $(seq 50); do grep -q "Capturing on" "$lab/dumpcap.err" 2>/dev/null && break; sleep 0.1; done

curl -s -o /dev/null "http://127.0.0.1/http.bin"
curl -s -k -o /dev/null "https://127.0.0.1/tls.bin"
python3 - "$dns_queries" <<'EOF'
import socket, struct, sys
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.settimeout(1)
for n in range(int(sys.argv[1])):
    name = b"".join(bytes([len(p)]) + p for p in (b"host%d" % n, b"bulk", b"lab", b"test")) + b"\0"
    sock.sendto(struct.pack(">HHHHHH", n, 0x0100, 1, 0, 0, 0) + name + struct.pack(">HH", 1, 1), ("127.0.0.1", 53))
    try:
        sock.recv(512)
    except socket.timeout:
        pass
EOF
sleep 0.5
kill -INT "$capture"
wait "$capture" || true
cp "$lab/bulk.pcapng" "$out"
