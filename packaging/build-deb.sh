#!/usr/bin/env bash
# Builds a Debian package of the plugin (installs into Wireshark's global
# plugin folder): build/kerbdiag_<version>_<arch>.deb
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/packaging/build.sh"
(cd "$top/build" && cpack -G DEB >/dev/null)
ls "$top"/build/kerbdiag_*.deb
