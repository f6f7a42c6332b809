#!/usr/bin/env bash
# Installs what kerbdiag needs to build and test on Debian 12 (idempotent).
# Uses sudo when not run as root.
set -euo pipefail
packages=(
    build-essential cmake pkg-config
    wireshark-dev tshark libglib2.0-dev libkrb5-dev libcmocka-dev krb5-user
    util-linux file
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && { echo "kerbdiag: build dependencies already installed"; exit 0; }
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "kerbdiag: installing ${missing[*]}"
# tshark asks whether non-root users may capture; keep Debian's default (no).
echo "wireshark-common wireshark-common/install-setuid boolean false" | $sudo debconf-set-selections 2>/dev/null || true
$sudo apt-get update -q
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
