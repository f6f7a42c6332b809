#!/bin/bash
# Samba AD capture lab for kerbdiag: a real Samba 4.17 AD DC (its Heimdal
# KDC, its DNS and LDAP servers), Apache + mod_auth_gssapi sites running as
# AD accounts, MIT clients (kinit, kvno, curl) on loopback, recording one
# pcapng per scenario (test_captures/ad_*.pcapng).
#
#   sudo test_captures/lab/record_ad.sh                  # all scenarios
#   sudo test_captures/lab/record_ad.sh ad_http_host_mapping   # only some
#   test_captures/lab/record_ad.sh --list                # scenario names
#
# Environment:
#   KERBDIAG_OUT          directory for the .pcapng files (default: test_captures/)
#   KERBDIAG_KEYTAB_OUT   directory for the keytabs (default: test_captures/keytabs/)
#   KERBDIAG_NO_INSTALL=1 skip the apt-get step
#   KERBDIAG_KEEP_LAB=1   keep the private lab directory (DC, Apache logs)
#   KERBDIAG_TRACE=1      set -x
#   KERBDIAG_AD_HOLD=1    after the scenarios, keep the lab running until
#                         $LAB/hold is removed (nsenter into the lab's
#                         namespaces to look around)
#
# The domain is provisioned once per run (about a minute) into a temporary
# directory and used by every scenario. Everything runs inside private PID,
# mount and network namespaces: the DC listens on 127.0.0.50 of the lab's own
# loopback, the lab has its own /etc/resolv.conf and /etc/hosts, Samba's
# system directories are hidden behind empty tmpfs mounts, and every process
# dies with the lab. Nothing system-wide is changed. Without root or without
# namespaces the script says so and exits 77 (skipped).
set -euo pipefail
[ -n "${KERBDIAG_TRACE:-}" ] && set -x

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TC=$(dirname "$HERE")

ALL_SCENARIOS=(
  ad_http_spn_unknown
  ad_http_host_mapping
  ad_http_host_mapping_fix_spn
  ad_http_host_mapping_fix_machine_key
  ad_cname_host_mapping
  ad_cname_fix_a_record
  ad_cname_fix_canonical_spn
  ad_duplicate_spn
  ad_rc4_no_enctypes
  ad_aes_enctypes
  ad_s4u_not_configured
  ad_s4u_kerberos_only
  ad_s4u_any_protocol
  ad_password_expired
  ad_account_disabled
  ad_ldap_gssapi
  ad_ldap_spn_unknown
  ad_big_pac
  ad_smb_ok
  ad_smb_stale_keytab
  ad_s4u_rbcd
)

if [ "${1:-}" = "--list" ]; then
  printf '%s\n' "${ALL_SCENARIOS[@]}"
  exit 0
fi

LAB_TAG=ad-lab
# shellcheck source=lib.sh
. "$HERE/lib.sh"
skip() { printf '[ad-lab] SKIP: %s\n' "$*" >&2; exit 77; }

# ---------------------------------------------------------------------------
# Outer part: check, install, then re-run inside private namespaces.
# ---------------------------------------------------------------------------
if [ -z "${KERBDIAG_AD_INNER:-}" ]; then
  [ "$(id -u)" = 0 ] || skip "needs root (private namespaces, a DC on port 88)"
  unshare --pid --fork --mount --net --propagation private true 2>/dev/null \
    || skip "cannot create private PID/mount/network namespaces here (container or chroot without CAP_SYS_ADMIN?)"
  for s in "$@"; do
    known=
    for k in "${ALL_SCENARIOS[@]}"; do [ "$k" = "$s" ] && known=1; done
    [ -n "$known" ] || die "unknown scenario: $s"
  done
  lab_install tshark samba samba-ad-dc samba-ad-provision samba-dsdb-modules winbind \
    krb5-user smbclient ldap-utils ldb-tools libsasl2-modules-gssapi-mit \
    apache2 libapache2-mod-auth-gssapi curl faketime iproute2 python3
  lab_reexec KERBDIAG_AD_INNER "${BASH_SOURCE[0]}" "$@"
fi

# ---------------------------------------------------------------------------
# Inner part: PID 1 of a private PID namespace with our own loopback.
# ---------------------------------------------------------------------------
OUT=$(mkdir -p "$KERBDIAG_OUT" && cd "$KERBDIAG_OUT" && pwd)
KTOUT=$(mkdir -p "$KERBDIAG_KEYTAB_OUT" && cd "$KERBDIAG_KEYTAB_OUT" && pwd)
if [ $# -gt 0 ]; then SCENARIOS=("$@"); else SCENARIOS=("${ALL_SCENARIOS[@]}"); fi

REALM=AD.EXAMPLE.TEST
DOMAIN=ad.example.test
NETBIOS=AD
BASEDN="DC=ad,DC=example,DC=test"
IP_DC=127.0.0.50        # dc1.ad.example.test: KDC, DNS, LDAP, SMB
IP_WEB1=127.0.0.51      # web1.ad.example.test: computer account WEB1$
IP_FRONT=127.0.0.52     # front.ad.example.test: delegating front end (svc_front)
IP_LEGACY=127.0.0.53    # legacy.ad.example.test: svc_legacy (RC4 / AES)
IP_APP=127.0.0.54       # app.ad.example.test: svc_app (duplicate SPN)
IP_SQL=127.0.0.55       # sql1.ad.example.test: back end of the delegation
IP_NOSPN=127.0.0.56     # nospn.ad.example.test: in DNS, no account
IP_CLIENT=127.0.0.150   # the users' workstation

# Fixed passwords: every account's keys are the same in every run (the salt
# is the realm plus the account name). The krbtgt key is random.
ADMIN_PW='Lab-Admin-Passw0rd-1'
ALICE_PW='Alice-Passw0rd-1'
WEB1_PW='Web1-Machine-Key-2024'
SVC_WEB_PW='SvcWeb-Service-Key-2024'
SVC_APP_PW='SvcApp-Service-Key-2024'
SVC_LEGACY_PW='SvcLegacy-Service-Key-2024'
SVC_FRONT_PW='SvcFront-Service-Key-2024'
SVC_SQL_PW='SvcSql-Service-Key-2024'
DC1_PW='Dc1-Machine-Key-2024'         # the DC's machine account, fixed after provisioning
DC1_NEW_PW='Dc1-Machine-Key-2025'     # ... and after its rotation (ad_smb_stale_keytab)
ERIN_PW='Erin-Passw0rd-1'     # must change her password (expired)
DAVE_PW='Dave-Passw0rd-1'     # disabled
CAROL_PW='Carol-Passw0rd-1'   # member of many groups
AES_ONLY=24                   # msDS-SupportedEncryptionTypes: AES128 + AES256
COMPUTER_ETYPES=28            # RC4 + AES, what a joined Windows computer sets
TRUSTED_TO_AUTH_FOR_DELEGATION=16777216
KT_TIME='2024-01-01 00:00:00' # timestamp written into keytab entries
LIBFAKETIME=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -1)
PY=/usr/bin/python3           # Samba's Python bindings are for the system Python

lab_dir kerbdiag-ad-lab

# ---------------------------------------------------------------------------
# Network namespace and private system files
# ---------------------------------------------------------------------------
ip link set lo up
ip addr add "$IP_DC/32" dev lo          # Samba binds to interface addresses
ip addr add "$IP_CLIENT/32" dev lo
# Connections leave from the client's address unless a scenario says otherwise
# (the DC answers from 127.0.0.50, the sites from their own addresses).
ip route replace local 127.0.0.0/8 dev lo proto kernel scope host src "$IP_CLIENT" table local
ip route replace local "$IP_DC" dev lo proto kernel scope host src "$IP_CLIENT" table local
printf 'nameserver %s\noptions attempts:1 timeout:2\n' "$IP_DC" > "$LAB/resolv.conf"
printf '127.0.0.1\tlocalhost\n' > "$LAB/hosts"
mount --bind "$LAB/resolv.conf" /etc/resolv.conf
mount --bind "$LAB/hosts" /etc/hosts
# Samba must not touch (or even read) the system's Samba state.
for d in /etc/samba /var/lib/samba /var/cache/samba /var/log/samba /run/samba; do
  [ -d "$d" ] && mount -t tmpfs -o mode=755 tmpfs "$d"
done

# ---------------------------------------------------------------------------
# The domain controller
# ---------------------------------------------------------------------------
SAMBA="$LAB/samba"
SMBCONF="$SAMBA/etc/smb.conf"
ad() { "$PY" "$HERE/ad_admin.py" "$SMBCONF" "$@" >> "$LAB/ad_admin.out" 2>&1 \
         || { tail -5 "$LAB/ad_admin.out" >&2; die "ad_admin $*"; }; }
provision() {
  log "provisioning $REALM (about a minute)"
  "$PY" /usr/bin/samba-tool domain provision --use-rfc2307 --dns-backend=SAMBA_INTERNAL \
    --realm="$REALM" --domain="$NETBIOS" --server-role=dc --adminpass="$ADMIN_PW" \
    --host-name=dc1 --host-ip="$IP_DC" --targetdir="$SAMBA" \
    --option="interfaces = $IP_DC" --option="bind interfaces only = yes" \
    > "$LAB/provision.log" 2>&1 || { tail -20 "$LAB/provision.log" >&2; die "provision failed"; }
  mkdir -p "$SAMBA/run" "$SAMBA/log"
  # Keep everything in the lab directory; only the services the lab uses.
  "$PY" - "$SMBCONF" "$SAMBA" <<'EOF'
import re, sys
path, d = sys.argv[1], sys.argv[2]
t = open(path).read()
for opt in ("log file", "dns forwarder", "unix password sync", "obey pam restrictions",
            "panic action", "passwd program", "passwd chat", "pam password change"):
    t = re.sub(r"\t%s = .*\n" % opt, "", t)
extra = f"""\tlog file = {d}/log/log.%m
\tlog level = 1
\tpid directory = {d}/run
\tntp signd socket directory = {d}/run/ntp_signd
\tncalrpc dir = {d}/run/ncalrpc
\tserver services = -nbt -wrepl -drepl -kcc -dnsupdate -ntp_signd
\tdns update command = /bin/true
\tspn update command = /bin/true
\tunix password sync = no
\tobey pam restrictions = no
\ttls enabled = no
\tdisable netbios = yes
\tsmb ports = 445
"""
t = t.replace("[global]\n", "[global]\n" + extra, 1)
open(path, "w").write(t)
EOF
}
SAMBA_PID=
start_dc() {
  samba -i -M single -s "$SMBCONF" > "$SAMBA/log/samba.out" 2>&1 &
  SAMBA_PID=$!; PIDS+=("$SAMBA_PID")
  wait_port udp "$IP_DC" 88 1200
  wait_port tcp "$IP_DC" 88 1200
  wait_port udp "$IP_DC" 53 1200
  wait_port tcp "$IP_DC" 389 1200
}

# The directory: accounts with fixed passwords, their SPNs and DNS names.
setup_domain() {
  log "creating accounts"
  ad user alice "$ALICE_PW"
  ad computer WEB1 "$WEB1_PW" "web1.$DOMAIN" "$COMPUTER_ETYPES"
  ad user svc_web "$SVC_WEB_PW" "$AES_ONLY"
  ad user svc_app "$SVC_APP_PW" "$AES_ONLY"
  ad spn add svc_app "HTTP/app.$DOMAIN"
  ad user svc_legacy "$SVC_LEGACY_PW"             # no msDS-SupportedEncryptionTypes
  ad spn add svc_legacy "HTTP/legacy.$DOMAIN"
  ad user svc_front "$SVC_FRONT_PW" "$AES_ONLY"
  ad spn add svc_front "HTTP/front.$DOMAIN"
  ad user svc_sql "$SVC_SQL_PW" "$AES_ONLY"
  ad spn add svc_sql "MSSQLSvc/sql1.$DOMAIN:1433"
  ad user erin "$ERIN_PW"
  ad user dave "$DAVE_PW"
  ad user carol "$CAROL_PW"
  ad dns "web1.$DOMAIN" A "$IP_WEB1"
  ad dns "front.$DOMAIN" A "$IP_FRONT"
  ad dns "legacy.$DOMAIN" A "$IP_LEGACY"
  ad dns "app.$DOMAIN" A "$IP_APP"
  ad dns "sql1.$DOMAIN" A "$IP_SQL"
  ad dns "nospn.$DOMAIN" A "$IP_NOSPN"
  # The DC's LDAP SPN (samba_spnupdate, which would add it, is not run).
  ad spn add 'DC1$' "ldap/dc1.$DOMAIN"
  # An old name of the DC, for LDAP clients that still use it: no SPN.
  ad dns "ldap-old.$DOMAIN" A "$IP_DC"
  # The DC's machine password is random at provisioning: fix it, so that its
  # keys (what smbd and the LDAP server accept tickets with) are repeatable.
  ad password 'DC1$' "$DC1_PW"
  dc_keytab "$DC1_PW" 2
}

# ---------------------------------------------------------------------------
# Keytabs
# ---------------------------------------------------------------------------
KT="$LAB/keytabs"
mkdir -p "$KT"
fixed_time() { LD_PRELOAD="$LIBFAKETIME" FAKETIME="$KT_TIME" "$@"; }
account_kvno() {  # account_kvno SAMACCOUNTNAME
  ldbsearch -H "$SAMBA/private/sam.ldb" "(sAMAccountName=$1)" msDS-KeyVersionNumber 2>/dev/null |
    awk '/^msDS-KeyVersionNumber:/{print $2}'
}
# export_account FILE ACCOUNT: all keys of the account (AES256, AES128, RC4)
export_account() {
  rm -f "$LAB/export.keytab"
  fixed_time "$PY" /usr/bin/samba-tool domain exportkeytab "$LAB/export.keytab" \
    --principal="$2" -s "$SMBCONF" >> "$LAB/exportkeytab.out" 2>&1 || die "exportkeytab $2"
  printf 'rkt %s\nwkt %s\nquit\n' "$LAB/export.keytab" "$1" | fixed_time ktutil > /dev/null
}
# add_spn_entries FILE SPN PASSWORD SALT KVNO: the account's keys under an SPN's
# name (what ktpass/msktutil write for a service)
add_spn_entries() {
  local f=$1 p="$2@$REALM" pw=$3 salt=$4 kvno=$5
  {
    [ -f "$f" ] && echo "rkt $f"
    for e in aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96 arcfour-hmac; do
      echo "addent -password -p $p -k $kvno -e $e -s $salt"
      echo "$pw"
    done
    echo "wkt $f.new"
    echo quit
  } | fixed_time ktutil > /dev/null
  mv "$f.new" "$f"
}
user_salt() { echo "$REALM$1"; }
# dc_keytab PASSWORD KVNO: the keys the DC's own services accept tickets with.
# They come from private/secrets.keytab, not from sam.ldb, so a password set
# on DC1$ in the directory alone leaves them behind (a stale machine keytab).
DC_KEYTAB_PRINCS=('DC1$' HOST/dc1 "HOST/dc1.$DOMAIN")
dc_keytab() {
  local f="$LAB/dc1-$2.keytab" p
  rm -f "$f"
  for p in "${DC_KEYTAB_PRINCS[@]}"; do add_spn_entries "$f" "$p" "$1" "$(computer_salt dc1)" "$2"; done
  cp "$f" "$SAMBA/private/secrets.keytab"
}
computer_salt() { echo "${REALM}host$(echo "$1" | tr 'A-Z' 'a-z').$DOMAIN"; }

make_keytabs() {
  log "exporting keytabs"
  local kv_web1 kv_web kv_app kv_legacy kv_front kv_sql
  kv_web1=$(account_kvno 'WEB1$'); kv_web=$(account_kvno svc_web); kv_app=$(account_kvno svc_app)
  kv_legacy=$(account_kvno svc_legacy); kv_front=$(account_kvno svc_front); kv_sql=$(account_kvno svc_sql)
  rm -f "$KT"/*.keytab
  # What each site holds.
  export_account "$KT/ad_web1.keytab" 'WEB1$'                  # machine key, as a joined host has it
  add_spn_entries "$KT/ad_web1.keytab" "HTTP/web1.$DOMAIN" "$WEB1_PW" "$(computer_salt web1)" "$kv_web1"
  export_account "$KT/ad_svc_web.keytab" svc_web               # the site "runs as" svc_web
  add_spn_entries "$KT/ad_svc_web.keytab" "HTTP/web1.$DOMAIN" "$SVC_WEB_PW" "$(user_salt svc_web)" "$kv_web"
  export_account "$KT/ad_svc_web_portal.keytab" svc_web        # svc_web site known as portal
  add_spn_entries "$KT/ad_svc_web_portal.keytab" "HTTP/portal.$DOMAIN" "$SVC_WEB_PW" "$(user_salt svc_web)" "$kv_web"
  cp "$KT/ad_svc_web_portal.keytab" "$KT/ad_svc_web_portal_web1.keytab"
  add_spn_entries "$KT/ad_svc_web_portal_web1.keytab" "HTTP/web1.$DOMAIN" "$SVC_WEB_PW" "$(user_salt svc_web)" "$kv_web"
  export_account "$KT/ad_svc_app.keytab" svc_app
  add_spn_entries "$KT/ad_svc_app.keytab" "HTTP/app.$DOMAIN" "$SVC_APP_PW" "$(user_salt svc_app)" "$kv_app"
  export_account "$KT/ad_svc_legacy.keytab" svc_legacy
  add_spn_entries "$KT/ad_svc_legacy.keytab" "HTTP/legacy.$DOMAIN" "$SVC_LEGACY_PW" "$(user_salt svc_legacy)" "$kv_legacy"
  export_account "$KT/ad_svc_front.keytab" svc_front
  add_spn_entries "$KT/ad_svc_front.keytab" "HTTP/front.$DOMAIN" "$SVC_FRONT_PW" "$(user_salt svc_front)" "$kv_front"
  export_account "$KT/ad_svc_sql.keytab" svc_sql
  # The DC's machine keys as its smbd holds them (kvno 2), and DC1$'s keys
  # after the rotation in ad_smb_stale_keytab (kvno 3).
  cp "$LAB/dc1-2.keytab" "$KT/ad_dc1.keytab"
  local p
  for p in "${DC_KEYTAB_PRINCS[@]}"; do
    add_spn_entries "$KT/ad_dc1_rotated.keytab" "$p" "$DC1_NEW_PW" "$(computer_salt dc1)" 3
  done
  # The site's keytab after HTTP/web1 moved from WEB1$ to svc_web, with the old
  # export merged in: HTTP/web1 at kvno 2 under both accounts' keys.
  printf 'rkt %s\nrkt %s\nwkt %s\nquit\n' "$KT/ad_web1.keytab" "$KT/ad_svc_web.keytab" \
    "$KT/ad_web1_svc_web.keytab" | fixed_time ktutil > /dev/null
  # Every service account's keys under the account's own name only: proves
  # which account a ticket is for.
  local a
  mkdir -p "$LAB/acct"
  {
    for a in 'WEB1$' svc_web svc_app svc_legacy svc_front svc_sql; do
      export_account "$LAB/acct/$a.keytab" "$a"
      echo "rkt $LAB/acct/$a.keytab"
    done
    echo "wkt $KT/ad_all.keytab"
    echo quit
  } > "$LAB/acct/ktutil.in"
  fixed_time ktutil < "$LAB/acct/ktutil.in" > /dev/null
  chmod 644 "$KT"/*.keytab
  for k in "$KT"/*.keytab; do
    local b; b=$(basename "$k")
    if ! cmp -s "$k" "$KTOUT/$b"; then cp "$k" "$KTOUT/$b"; log "keytab $b written"; fi
  done
}

# ---------------------------------------------------------------------------
# Web sites (Apache + mod_auth_gssapi)
# ---------------------------------------------------------------------------
mkdir -p "$LAB/www" "$LAB/rcache"
chmod 1777 "$LAB/rcache"
export KRB5RCACHEDIR="$LAB/rcache"
echo "<html><body>kerbdiag AD lab: authenticated</body></html>" > "$LAB/www/index.html"

# vhost ADDR NAME KEYTAB
vhost() {
  cat <<EOF
<VirtualHost $1:80>
  ServerName $2
  DocumentRoot $LAB/www
  <Location />
    AuthType GSSAPI
    AuthName "$2"
    GssapiCredStore keytab:$3
    GssapiAllowedMech krb5
    Require valid-user
  </Location>
</VirtualHost>
EOF
}
APACHE_PID=
start_apache() {  # start_apache NAME [global directives]   (vhosts on stdin)
  local d="$LAB/apache-$1" m=/usr/lib/apache2/modules
  mkdir -p "$d/run"
  {
    echo "ServerRoot $d"
    echo "PidFile $d/run/httpd.pid"
    echo "DefaultRuntimeDir $d/run"
    echo "Mutex file:$d/run default"
    echo "ErrorLog $d/error.log"
    echo "LogLevel info auth_gssapi:debug"
    echo "LoadModule mpm_prefork_module $m/mod_mpm_prefork.so"
    for mod in authz_core authz_user authn_core dir auth_gssapi; do
      echo "LoadModule ${mod}_module $m/mod_${mod}.so"
    done
    echo "User www-data"
    echo "Group www-data"
    echo "ServerName localhost"
    echo "ServerTokens Prod"
    echo "ServerSignature Off"
    echo "StartServers 2"
    echo "KeepAlive On"
    echo "DirectoryIndex index.html"
    echo "LogFormat \"%h %v %u \\\"%r\\\" %>s\" lab"
    echo "CustomLog $d/access.log lab"
    echo "<Directory $LAB/www>"
    echo "  Require all granted"
    echo "</Directory>"
    [ -n "${2:-}" ] && printf '%s\n' "$2"
    cat
  } > "$d/httpd.conf"
  grep -o '^<VirtualHost [^>]*>' "$d/httpd.conf" | sed 's/<VirtualHost \(.*\)>/Listen \1/' | sort -u > "$d/listen.conf"
  echo "Include $d/listen.conf" >> "$d/httpd.conf"
  env KRB5_CONFIG="$LAB/krb5-server.conf" KRB5RCACHEDIR="$LAB/rcache" \
    setsid /usr/sbin/apache2 -d "$d" -f "$d/httpd.conf" -DFOREGROUND &
  APACHE_PID=$!; PIDS+=("$APACHE_PID")
  local first; first=$(head -1 "$d/listen.conf" | awk '{print $2}')
  wait_port tcp "${first%:*}" "${first##*:}" 200
}
stop_apache() {
  [ -n "$APACHE_PID" ] && stop_pid "$APACHE_PID"
  APACHE_PID=
}

# ---------------------------------------------------------------------------
# Kerberos clients (MIT)
# ---------------------------------------------------------------------------
write_krb5_conf() {  # write_krb5_conf FILE [canon=true|false] [udp_limit=N]
  local f=$1; shift
  local canon=false udp_limit=1465
  for kv in "$@"; do
    case $kv in
      canon=*) canon=${kv#*=} ;;
      udp_limit=*) udp_limit=${kv#*=} ;;
    esac
  done
  cat > "$f" <<EOF
[libdefaults]
 default_realm = $REALM
 dns_lookup_realm = false
 dns_lookup_kdc = false
 dns_canonicalize_hostname = $canon
 rdns = false
 udp_preference_limit = $udp_limit
 forwardable = true
 ignore_acceptor_hostname = false
[realms]
 $REALM = {
  kdc = dc1.$DOMAIN
 }
[domain_realm]
 .$DOMAIN = $REALM
 $DOMAIN = $REALM
EOF
}
write_krb5_conf "$LAB/krb5-server.conf"
CLIENT_CONF="$LAB/krb5-client.conf"
CCACHE="$LAB/ccache-client"
client_conf() { write_krb5_conf "$CLIENT_CONF" "$@"; }
client_env() { env KRB5_CONFIG="$CLIENT_CONF" KRB5CCNAME="FILE:$CCACHE" "$@"; }
user_kinit() {  # user_kinit USER PASSWORD
  rm -f "$CCACHE"
  echo "$2" | client_env kinit "$1@$REALM" > "$LAB/kinit.out" 2>&1 \
    || { cat "$LAB/kinit.out" >&2; die "kinit $1 failed"; }
}
alice_kinit() { user_kinit alice "$ALICE_PW"; }
CLIENT_LOG="$LAB/client.log"
: > "$CLIENT_LOG"
lab_curl() {  # never fails the script
  echo "+ curl $*" >> "$CLIENT_LOG"
  client_env curl -sS --max-time 20 -o /dev/null -w '%{http_code} %{url_effective}\n' "$@" \
    >> "$CLIENT_LOG" 2>&1 || true
}
browse() { lab_curl --anyauth -u : "$@"; }
client_try() {  # client_try CMD...: a client command whose failure is the point
  echo "+ $*" >> "$CLIENT_LOG"
  client_env "$@" >> "$CLIENT_LOG" 2>&1 < /dev/null || echo "  (exit $?)" >> "$CLIENT_LOG"
}

# ---------------------------------------------------------------------------
# Capture
# ---------------------------------------------------------------------------
# Only the lab's client/server traffic; the DC's conversations with itself
# are left out.
CAP_BASE="net 127.0.0.0/8 and not (src host $IP_DC and dst host $IP_DC)"
cap_start() {  # cap_start NAME [extra ports]
  CAP_NAME=$1
  CAP_TMP="$LAB/$1.pcapng"
  local ports="port 53 or port 88 or port 80 or icmp" extra
  for extra in "${@:2}"; do ports="$ports or port $extra"; done
  dumpcap_start "$CAP_TMP" "($ports) and $CAP_BASE"
  echo "=== $1" >> "$CLIENT_LOG"
}
cap_stop() {
  sleep 0.5
  dumpcap_stop "$CAP_TMP" "$OUT/$CAP_NAME.pcapng"
}

# Run a command as another host: its packets to the DC leave from ADDR.
as_host() {  # as_host ADDR CMD...
  local addr=$1; shift
  ip route replace local "$IP_DC" dev lo proto kernel scope host src "$addr" table local
  local rc=0
  "$@" || rc=$?
  ip route replace local "$IP_DC" dev lo proto kernel scope host src "$IP_CLIENT" table local
  return $rc
}
server_env() {  # a server's own Kerberos environment (its own ccache)
  env KRB5_CONFIG="$LAB/krb5-server.conf" KRB5CCNAME="FILE:$LAB/ccache-server" "$@"
}

# ---------------------------------------------------------------------------
# Scenarios
# ---------------------------------------------------------------------------
sc_ad_http_spn_unknown() {
  # nospn.ad.example.test is in DNS, but no account holds HTTP/nospn nor
  # HOST/nospn (there is no computer NOSPN$): the KDC answers 7.
  client_conf
  alice_kinit
  start_apache nospn < <(vhost "$IP_NOSPN" "nospn.$DOMAIN" "$KT/ad_web1.keytab")
  cap_start ad_http_spn_unknown
  browse "http://nospn.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_ad_http_host_mapping() {
  # The site web1.ad.example.test runs as the service account svc_web; its
  # keytab holds svc_web's keys, also under the name HTTP/web1.ad.example.test.
  # Nobody registered HTTP/web1.ad.example.test: AD maps it to the computer
  # account's HOST/web1.ad.example.test and encrypts the ticket for WEB1$.
  client_conf
  alice_kinit
  start_apache hostmap < <(vhost "$IP_WEB1" "web1.$DOMAIN" "$KT/ad_svc_web.keytab")
  cap_start ad_http_host_mapping
  browse "http://web1.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_ad_http_host_mapping_fix_spn() {
  # Fix 1: the SPN registered on the account the site runs as.
  ad spn add svc_web "HTTP/web1.$DOMAIN"
  client_conf
  alice_kinit
  start_apache hostmap < <(vhost "$IP_WEB1" "web1.$DOMAIN" "$KT/ad_svc_web.keytab")
  cap_start ad_http_host_mapping_fix_spn
  browse "http://web1.$DOMAIN/"
  cap_stop
  stop_apache
  ad spn del svc_web "HTTP/web1.$DOMAIN"
}

sc_ad_http_host_mapping_fix_machine_key() {
  # Fix 2: no SPN change; the site decrypts with the computer account's key.
  client_conf
  alice_kinit
  start_apache machine < <(vhost "$IP_WEB1" "web1.$DOMAIN" "$KT/ad_web1.keytab")
  cap_start ad_http_host_mapping_fix_machine_key
  browse "http://web1.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_ad_cname_host_mapping() {
  # portal is a CNAME of web1; HTTP/portal is registered on svc_web, and the
  # site runs as svc_web. The client canonicalises the name and asks for
  # HTTP/web1.ad.example.test: mapped to HOST/web1, a ticket for WEB1$.
  ad dns "portal.$DOMAIN" CNAME "web1.$DOMAIN"
  ad spn add svc_web "HTTP/portal.$DOMAIN"
  client_conf canon=true
  alice_kinit
  start_apache portal < <(vhost "$IP_WEB1" "portal.$DOMAIN" "$KT/ad_svc_web_portal.keytab")
  cap_start ad_cname_host_mapping
  browse "http://portal.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_ad_cname_fix_a_record() {
  # Fix 1: an A record for portal instead of the CNAME.
  ad dns "portal.$DOMAIN" A "$IP_WEB1"
  client_conf canon=true
  alice_kinit
  start_apache portal < <(vhost "$IP_WEB1" "portal.$DOMAIN" "$KT/ad_svc_web_portal.keytab")
  cap_start ad_cname_fix_a_record
  browse "http://portal.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_ad_cname_fix_canonical_spn() {
  # Fix 2: the CNAME stays; the canonical name's HTTP SPN goes on svc_web too
  # (and into the site's keytab).
  ad dns "portal.$DOMAIN" CNAME "web1.$DOMAIN"
  ad spn add svc_web "HTTP/web1.$DOMAIN"
  client_conf canon=true
  alice_kinit
  start_apache portal < <(vhost "$IP_WEB1" "portal.$DOMAIN" "$KT/ad_svc_web_portal_web1.keytab")
  cap_start ad_cname_fix_canonical_spn
  browse "http://portal.$DOMAIN/"
  cap_stop
  stop_apache
  ad spn del svc_web "HTTP/web1.$DOMAIN"
  ad spn del svc_web "HTTP/portal.$DOMAIN"
  ad dns "portal.$DOMAIN" none
}

# Samba refuses a second holder of an SPN over LDAP, so the duplicate is
# written straight into the domain partition's ldb file (no module checks).
raw_spn() {  # raw_spn add|delete DN SPN
  local part="$SAMBA/private/sam.ldb.d/DC=AD,DC=EXAMPLE,DC=TEST.ldb"
  printf 'dn: %s\nchangetype: modify\n%s: servicePrincipalName\nservicePrincipalName: %s\n' "$2" "$1" "$3" \
    > "$LAB/raw.ldif"
  ldbmodify -H "tdb://$part" "$LAB/raw.ldif" >> "$LAB/ad_admin.out" 2>&1 || die "ldbmodify $1 $3"
}
sc_ad_duplicate_spn() {
  # HTTP/app.ad.example.test on svc_app (the site's account) and on svc_web.
  raw_spn add "CN=svc_web,CN=Users,$BASEDN" "HTTP/app.$DOMAIN"
  client_conf
  alice_kinit
  start_apache app < <(vhost "$IP_APP" "app.$DOMAIN" "$KT/ad_svc_app.keytab")
  cap_start ad_duplicate_spn
  browse "http://app.$DOMAIN/"
  cap_stop
  stop_apache
  raw_spn delete "CN=svc_web,CN=Users,$BASEDN" "HTTP/app.$DOMAIN"
}

sc_ad_rc4_no_enctypes() {
  # svc_legacy has AES keys but no msDS-SupportedEncryptionTypes: AD
  # encrypts its service tickets with RC4.
  client_conf
  alice_kinit
  start_apache legacy < <(vhost "$IP_LEGACY" "legacy.$DOMAIN" "$KT/ad_svc_legacy.keytab")
  cap_start ad_rc4_no_enctypes
  browse "http://legacy.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_ad_aes_enctypes() {
  # The fix: msDS-SupportedEncryptionTypes = AES128 + AES256 (24).
  ad attr svc_legacy msDS-SupportedEncryptionTypes "$AES_ONLY"
  client_conf
  alice_kinit
  start_apache legacy < <(vhost "$IP_LEGACY" "legacy.$DOMAIN" "$KT/ad_svc_legacy.keytab")
  cap_start ad_aes_enctypes
  browse "http://legacy.$DOMAIN/"
  cap_stop
  stop_apache
  ad attr svc_legacy msDS-SupportedEncryptionTypes
}

# Constrained delegation: the front end svc_front (front.ad.example.test)
# logs on with its keytab, then S4U2Self for alice and S4U2Proxy to the back
# end MSSQLSvc/sql1.ad.example.test:1433; its packets leave from 127.0.0.52.
front_s4u() {
  rm -f "$LAB/ccache-server"
  echo "+ [front] kinit -k svc_front; kvno -U alice -P MSSQLSvc/sql1.$DOMAIN:1433" >> "$CLIENT_LOG"
  as_host "$IP_FRONT" server_env kinit -k -t "$KT/ad_svc_front.keytab" "svc_front@$REALM" >> "$CLIENT_LOG" 2>&1 || true
  as_host "$IP_FRONT" server_env kvno -U alice -P "MSSQLSvc/sql1.$DOMAIN:1433" >> "$CLIENT_LOG" 2>&1 \
    || echo "  (exit $?)" >> "$CLIENT_LOG"
}
s4u_scenario() {  # s4u_scenario NAME
  client_conf
  alice_kinit
  start_apache front < <(vhost "$IP_FRONT" "front.$DOMAIN" "$KT/ad_svc_front.keytab")
  cap_start "$1"
  browse "http://front.$DOMAIN/"
  front_s4u
  cap_stop
  stop_apache
}
sc_ad_s4u_not_configured() { s4u_scenario ad_s4u_not_configured; }
sc_ad_s4u_kerberos_only() {
  # "Trust this user for delegation to specified services only", "Use
  # Kerberos only": msDS-AllowedToDelegateTo set, no protocol transition.
  ad attr svc_front msDS-AllowedToDelegateTo "MSSQLSvc/sql1.$DOMAIN:1433"
  s4u_scenario ad_s4u_kerberos_only
}
sc_ad_s4u_any_protocol() {
  # "Use any authentication protocol": TRUSTED_TO_AUTH_FOR_DELEGATION too.
  ad attr svc_front msDS-AllowedToDelegateTo "MSSQLSvc/sql1.$DOMAIN:1433"
  ad uac svc_front "+$TRUSTED_TO_AUTH_FOR_DELEGATION"
  s4u_scenario ad_s4u_any_protocol
  ad uac svc_front "-$TRUSTED_TO_AUTH_FOR_DELEGATION"
  ad attr svc_front msDS-AllowedToDelegateTo
}

sc_ad_password_expired() {
  # erin must change her password (pwdLastSet = 0): her logon (AS exchange).
  ad mustchange erin
  client_conf
  rm -f "$CCACHE"
  cap_start ad_password_expired
  echo "+ kinit erin" >> "$CLIENT_LOG"
  echo "$ERIN_PW" | client_env kinit "erin@$REALM" >> "$CLIENT_LOG" 2>&1 || echo "  (exit $?)" >> "$CLIENT_LOG"
  cap_stop
}
sc_ad_account_disabled() {
  ad disable dave
  client_conf
  rm -f "$CCACHE"
  cap_start ad_account_disabled
  echo "+ kinit dave" >> "$CLIENT_LOG"
  echo "$DAVE_PW" | client_env kinit "dave@$REALM" >> "$CLIENT_LOG" 2>&1 || echo "  (exit $?)" >> "$CLIENT_LOG"
  cap_stop
}

sc_ad_ldap_gssapi() {
  # LDAP SASL/GSSAPI bind to the DC (ldap/dc1.ad.example.test, DC1$).
  client_conf
  alice_kinit
  cap_start ad_ldap_gssapi 389
  client_try ldapsearch -N -Q -Y GSSAPI -H "ldap://dc1.$DOMAIN" -b "$BASEDN" -s base "(objectClass=*)" dn
  cap_stop
}
sc_ad_ldap_spn_unknown() {
  # An LDAP bind to the DC under an old DNS name: no account holds
  # ldap/ldap-old.ad.example.test (ldap/ is not among the service classes AD
  # maps to HOST/, so no computer account answers for it either).
  client_conf
  alice_kinit
  cap_start ad_ldap_spn_unknown 389
  client_try ldapsearch -N -Q -Y GSSAPI -H "ldap://ldap-old.$DOMAIN" -b "$BASEDN" -s base "(objectClass=*)" dn
  cap_stop
}

sc_ad_big_pac() {
  # carol is a member of 1,000 groups: the PAC, so the ticket and the
  # Authorization header, grows past Apache's default 8190-byte field limit.
  ad groups carol grp 1000
  client_conf udp_limit=65535
  rm -f "$CCACHE"
  start_apache bigpac < <(vhost "$IP_WEB1" "web1.$DOMAIN" "$KT/ad_web1.keytab")
  cap_start ad_big_pac
  echo "+ kinit carol" >> "$CLIENT_LOG"
  echo "$CAROL_PW" | client_env kinit "carol@$REALM" >> "$CLIENT_LOG" 2>&1 || echo "  (exit $?)" >> "$CLIENT_LOG"
  browse "http://web1.$DOMAIN/"
  cap_stop
  stop_apache
}

# Kerberos over SMB to the DC's own smbd (cifs/dc1.ad.example.test, which AD
# maps to DC1$'s HOST/ SPN). smbclient needs a configuration of its own that
# names the realm.
smb_ls() {  # smb_ls SHARE
  printf '[global]\n\tworkgroup = %s\n\trealm = %s\n\tclient min protocol = SMB2\n' "$NETBIOS" "$REALM" \
    > "$LAB/smb-client.conf"
  client_try smbclient -s "$LAB/smb-client.conf" --use-kerberos=required "//dc1.$DOMAIN/$1" -c ls
}
sc_ad_smb_ok() {
  # alice lists the netlogon share: TGS for cifs/dc1, AP-REQ in the SMB2
  # SESSION_SETUP, accepted with the keys in the DC's secrets.keytab.
  client_conf
  alice_kinit
  cap_start ad_smb_ok 445
  smb_ls netlogon
  cap_stop
}
sc_ad_smb_stale_keytab() {
  # DC1$'s password changes in the directory (kvno 3) but the keys smbd
  # accepts with stay the old ones (kvno 2): the ticket cannot be decrypted,
  # the session setup fails.
  ad password 'DC1$' "$DC1_NEW_PW"
  cp "$LAB/dc1-2.keytab" "$SAMBA/private/secrets.keytab"
  client_conf
  alice_kinit
  cap_start ad_smb_stale_keytab 445
  smb_ls netlogon
  cap_stop
  dc_keytab "$DC1_NEW_PW" 3      # the fix: the server gets the new keys
}

# Resource-based constrained delegation: the back end's account (svc_sql)
# lists svc_front in msDS-AllowedToActOnBehalfOfOtherIdentity; svc_front has
# neither msDS-AllowedToDelegateTo nor TrustedToAuthForDelegation.
sc_ad_s4u_rbcd() {
  "$PY" /usr/bin/samba-tool delegation add-principal svc_sql svc_front \
    -H "$SAMBA/private/sam.ldb" -s "$SMBCONF" >> "$LAB/ad_admin.out" 2>&1 || die "delegation add-principal"
  s4u_scenario ad_s4u_rbcd
  "$PY" /usr/bin/samba-tool delegation del-principal svc_sql svc_front \
    -H "$SAMBA/private/sam.ldb" -s "$SMBCONF" >> "$LAB/ad_admin.out" 2>&1 || die "delegation del-principal"
}

# ---------------------------------------------------------------------------
T0=$(date +%s)
provision
start_dc
log "DC up after $(( $(date +%s) - T0 ))s"
setup_domain
make_keytabs
for s in "${SCENARIOS[@]}"; do
  log "scenario $s"
  "sc_$s"
done
log "done in $(( $(date +%s) - T0 ))s"
cat "$CLIENT_LOG" >&2
if [ -n "${KERBDIAG_AD_HOLD:-}" ]; then
  : > "$LAB/hold"
  log "holding: lab $LAB; enter with nsenter -t <host PID of the bash that unshare started> -n -m -p; rm $LAB/hold to stop"
  while [ -e "$LAB/hold" ]; do sleep 1; done
fi
