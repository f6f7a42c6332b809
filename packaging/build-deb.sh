#!/usr/bin/env bash
# Builds a Debian package of the plugin (installs into Wireshark's global
# plugin folder): build/kerbdiag-wireshark_<version>-1+ws<major.minor>_<arch>.deb
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/packaging/build.sh"
(cd "$top/build" && cpack -G DEB >/dev/null)
ls "$top"/build/kerbdiag-wireshark_*.deb
