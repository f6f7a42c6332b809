#!/bin/bash
# Capture lab for kerbdiag: a real MIT KDC, Apache + mod_auth_gssapi, dnsmasq
# and curl on loopback, recording one pcapng per scenario.
#
#   sudo test_captures/lab/record.sh               # all scenarios
#   sudo test_captures/lab/record.sh healthy_udp   # only some
#   sudo test_captures/lab/record.sh --list        # list scenario names
#
# Environment:
#   KERBDIAG_OUT          directory for the .pcapng files (default: test_captures/)
#   KERBDIAG_KEYTAB_OUT   directory for the keytabs (default: test_captures/keytabs/)
#   KERBDIAG_NO_INSTALL=1 skip the apt-get step
#   KERBDIAG_KEEP_LAB=1   keep the private lab directory for inspection
#   KERBDIAG_LIVE_CMD     shell command to run live during each capture (live.sh)
#
# Everything runs inside private PID, mount and network namespaces: the lab
# has its own loopback interface, its own /etc/resolv.conf and /etc/hosts,
# and every process it starts dies with it. Nothing system-wide is changed.
set -euo pipefail
[ -n "${KERBDIAG_TRACE:-}" ] && set -x

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TC=$(dirname "$HERE")

ALL_SCENARIOS=(
  healthy_udp
  s1_spn_unknown
  s1_spn_unknown_ntlm
  s2_wrong_account
  s2_wrong_account_notus
  s12_stale_kvno
  s10_skew_server
  s10_skew_kdc
  healthy_tcp
  healthy_cached_ticket
  s4_cname_canon
  s4_cname_nocanon
  s5_port
  s6_ip_literal
  s7_basic_only
  s7_ntlm_only
  s15_kdc_down
  s15_nxdomain
  s15_srv_nxdomain
  s16_keepalive
  s17_rc4
  s13_large_token
  s14_delegation
  s14_backend_spn_unknown
  s9_prompt_loop
  s18_dns_mismatch
  s18_realm_referral
  s13_token_too_large
  s3_duplicate_spn
  s14_not_delegatable
  s12_stale_key_same_kvno
  s6_ip_then_name
  s10_skew_tgs_after_as
  s10_skew_client_as
  s7_ntlm_rejected
  s8_ntlm_despite_negotiate
  healthy_ticket_reuse
  s4_cname_canonical_unknown
  s4_cname_wrong_account
  s1_ntlm_fallback_rejected
  s10_skew_client_after_as
)

if [ "${1:-}" = "--list" ]; then
  printf '%s\n' "${ALL_SCENARIOS[@]}"
  exit 0
fi

LAB_TAG=lab
# shellcheck source=lib.sh
. "$HERE/lib.sh"

# ---------------------------------------------------------------------------
# Outer part: check, install, then re-run inside private namespaces.
# ---------------------------------------------------------------------------
if [ -z "${KERBDIAG_LAB_INNER:-}" ]; then
  [ "$(id -u)" = 0 ] || die "must run as root"
  for s in "$@"; do
    printf '%s\n' "${ALL_SCENARIOS[@]}" | grep -qx -- "$s" || die "unknown scenario: $s"
  done
  lab_install tshark krb5-kdc krb5-admin-server krb5-user apache2 \
    libapache2-mod-auth-gssapi dnsmasq-base curl faketime gss-ntlmssp \
    iproute2 util-linux python3
  lab_reexec KERBDIAG_LAB_INNER "${BASH_SOURCE[0]}" "$@"
fi

# ---------------------------------------------------------------------------
# Inner part: we are PID 1 of a private PID namespace with our own loopback.
# ---------------------------------------------------------------------------
OUT=$(mkdir -p "$KERBDIAG_OUT" && cd "$KERBDIAG_OUT" && pwd)
KTOUT=$(mkdir -p "$KERBDIAG_KEYTAB_OUT" && cd "$KERBDIAG_KEYTAB_OUT" && pwd)

if [ $# -gt 0 ]; then SCENARIOS=("$@"); else SCENARIOS=("${ALL_SCENARIOS[@]}"); fi

REALM=EXAMPLE.TEST
DOMAIN=example.test
IP_DNS=127.0.0.2
IP_KDC=127.0.0.10
IP_WEB01=127.0.0.21
IP_APP=127.0.0.22
IP_NOSPN=127.0.0.23
IP_LEGACY=127.0.0.24
IP_CLIENT=127.0.0.100
IP_KDC2=127.0.0.11          # a second KDC of EXAMPLE.TEST (S3: two DCs disagree)
IP_KDC_OTHER=127.0.0.12     # the KDC of OTHER.TEST (S18 realm referral)
IP_WEB_OTHER=127.0.0.25     # web.other.test, a site in OTHER.TEST
OTHER_REALM=OTHER.TEST
OTHER_DOMAIN=other.test

# Fixed secrets so that regenerated keys (and keytabs) stay identical.
MASTER_PW='Lab-Master-Key-1'
ALICE_PW='Alice-Passw0rd-1'
WEB01_PW_OLD='Web01-Machine-Key-2023'   # kvno 1 (stale keytab)
WEB01_PW='Web01-Machine-Key-2024'       # kvno 2 (current)
WEB01_PW_NEW='Web01-Machine-Key-2025'   # kvno 2 again: re-keyed, kvno set back (s12_stale_key_same_kvno)
SVC_PW='SvcWeb-Service-Key-2024'        # kvno 1
LEGACY_PW='Legacy-Rc4-Key-2024'         # kvno 1, rc4-hmac only
UNRELATED_PW='Unrelated-Key-2024'       # kvno 1
SQL_PW='Sql-Service-Key-2024'           # backend service for S14
BOB_PW='Bob-Passw0rd-1'                 # a user whose tickets are not forwardable (S14)
CAROL_PW='Carol-Passw0rd-1'             # a user with a very long principal name (S13)
CROSS_PW='Cross-Realm-Key-2024'         # krbtgt/OTHER.TEST@EXAMPLE.TEST
OTHER_WEB_PW='Other-Web-Key-2024'       # HTTP/web.other.test@OTHER.TEST
# Keys are salted with the realm only, so all principals of one account share
# one key (like AD, where HTTP/ and host/ SPNs use the computer account's key).
KS_AES='aes256-cts-hmac-sha1-96:onlyrealm,aes128-cts-hmac-sha1-96:onlyrealm'
KS_RC4='arcfour-hmac:normal'
KT_TIME='2024-01-01 00:00:00'           # timestamp written into keytab entries

LIBFAKETIME=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -1)

lab_dir kerbdiag-lab

# ---------------------------------------------------------------------------
# Network namespace: loopback up, a distinct client address.
# ---------------------------------------------------------------------------
ip link set lo up
ip addr add "$IP_CLIENT/32" dev lo
# Connections that the lab's client opens leave from IP_CLIENT; servers
# answer from the address they were reached on.
ip route replace local 127.0.0.0/8 dev lo proto kernel scope host src "$IP_CLIENT" table local

# Private name resolution for every process of the lab.
printf 'nameserver %s\noptions attempts:1 timeout:2\n' "$IP_DNS" > "$LAB/resolv.conf"
printf '127.0.0.1\tlocalhost\n' > "$LAB/hosts"
mount --bind "$LAB/resolv.conf" /etc/resolv.conf
mount --bind "$LAB/hosts" /etc/hosts
# Hide gss-ntlmssp (and any other GSSAPI plugin) unless a scenario wants it.
: > "$LAB/gss-mech-none"
printf 'gssntlmssp_v1\t1.3.6.1.4.1.311.2.2.10\t%s\n' \
  "$(ls /usr/lib/*/gssntlmssp/gssntlmssp.so | head -1)" > "$LAB/gss-mech-ntlm"
export GSS_MECH_CONFIG="$LAB/gss-mech-none"

# ---------------------------------------------------------------------------
# DNS (dnsmasq)
# ---------------------------------------------------------------------------
cat > "$LAB/dnsmasq.conf" <<EOF
port=53
listen-address=$IP_DNS
bind-interfaces
no-resolv
no-hosts
no-poll
no-negcache
local=/$DOMAIN/
host-record=kdc.$DOMAIN,$IP_KDC
host-record=web01.$DOMAIN,$IP_WEB01
host-record=app.$DOMAIN,$IP_APP
host-record=nospn.$DOMAIN,$IP_NOSPN
host-record=legacy.$DOMAIN,$IP_LEGACY
cname=alias.$DOMAIN,web01.$DOMAIN
cname=portal.$DOMAIN,nospn.$DOMAIN
cname=shop.$DOMAIN,web01.$DOMAIN
host-record=kdc2.$DOMAIN,$IP_KDC2
local=/$OTHER_DOMAIN/
host-record=kdc.$OTHER_DOMAIN,$IP_KDC_OTHER
host-record=web.$OTHER_DOMAIN,$IP_WEB_OTHER
EOF
start_dns() {
  dnsmasq --keep-in-foreground --conf-file="$LAB/dnsmasq.conf" \
    --pid-file="$LAB/dnsmasq.pid" --user=root --group=root \
    --log-facility="$LAB/dnsmasq.log" &
  DNS_PID=$!; PIDS+=("$DNS_PID")
  wait_port udp "$IP_DNS" 53
}

# ---------------------------------------------------------------------------
# Kerberos: realm, KDC, principals, keytabs
# ---------------------------------------------------------------------------
mkdir -p "$LAB/kdc" "$LAB/keytabs" "$LAB/rcache"
chmod 1777 "$LAB/rcache"
export KRB5RCACHEDIR="$LAB/rcache"

write_krb5_conf() {  # write_krb5_conf FILE [key=value ...]  (client/server libdefaults)
  local f=$1; shift
  local canon=false udp_limit=1465 kdc="kdc.$DOMAIN" dnskdc=false timesync=true extra="" map_other=false
  for kv in "$@"; do
    case $kv in
      canon=*) canon=${kv#*=} ;;
      udp_limit=*) udp_limit=${kv#*=} ;;
      kdc=*) kdc=${kv#*=} ;;
      dns_lookup_kdc=*) dnskdc=${kv#*=} ;;
      timesync=*) timesync=${kv#*=} ;;   # true/false (MIT wants 1/0 here)
      extra=*) extra=${kv#*=} ;;
      map_other=*) map_other=${kv#*=} ;;
    esac
  done
  {
    echo "[libdefaults]"
    echo " default_realm = $REALM"
    echo " dns_lookup_realm = false"
    echo " dns_lookup_kdc = $dnskdc"
    echo " dns_canonicalize_hostname = $canon"
    echo " rdns = false"
    echo " udp_preference_limit = $udp_limit"
    # kdc_timesync is an integer: MIT ignores "false" and keeps its default (on).
    case $timesync in true) echo " kdc_timesync = 1" ;; false) echo " kdc_timesync = 0" ;; *) echo " kdc_timesync = $timesync" ;; esac
    echo " forwardable = true"
    echo " ignore_acceptor_hostname = false"
    [ -n "$extra" ] && printf ' %s\n' "$extra"
    echo "[realms]"
    echo " $REALM = {"
    [ -n "$kdc" ] && echo "  kdc = $kdc"
    echo " }"
    echo " $OTHER_REALM = {"
    echo "  kdc = kdc.$OTHER_DOMAIN"
    echo " }"
    echo "[domain_realm]"
    echo " .$DOMAIN = $REALM"
    echo " $DOMAIN = $REALM"
    if [ "$map_other" = true ]; then echo " .$OTHER_DOMAIN = $OTHER_REALM"; fi
  } > "$f"
}

# The KDCs' and servers' profile maps other.test to OTHER.TEST (so the KDC
# can answer with a referral); the client's does not.
write_krb5_conf "$LAB/krb5.conf" extra="allow_weak_crypto = true" map_other=true
export KRB5_CONFIG="$LAB/krb5.conf"
# write_kdc_conf DIR REALM ADDR: the profile DIR/kdc.conf of a KDC whose
# database, stash and log live in DIR.
write_kdc_conf() {
  local d=$1 realm=$2 addr=$3
  : > "$d/kadm5.acl"
  cat > "$d/kdc.conf" <<EOF
[kdcdefaults]
 kdc_listen = $addr:88
 kdc_tcp_listen = $addr:88
 kdc_max_dgram_reply_size = 4096
[realms]
 $realm = {
  database_name = $d/principal
  key_stash_file = $d/stash
  acl_file = $d/kadm5.acl
  max_life = 10h 0m 0s
  max_renewable_life = 7d 0h 0m 0s
  master_key_type = aes256-cts-hmac-sha1-96
  supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal arcfour-hmac:normal
 }
[logging]
 kdc = FILE:$d/kdc.log
 admin_server = FILE:$d/kadmin.log
EOF
}
write_kdc_conf "$LAB/kdc" "$REALM" "$IP_KDC"
export KRB5_KDC_PROFILE="$LAB/kdc/kdc.conf"

kadm() { kadmin.local -r "$REALM" -q "$*" >> "$LAB/kadmin.out" 2>&1 || die "kadmin: $*"; }
kadm_fixed_time() {
  LD_PRELOAD="$LIBFAKETIME" FAKETIME="$KT_TIME" \
    kadmin.local -r "$REALM" -q "$*" >> "$LAB/kadmin.out" 2>&1 || die "kadmin: $*"
}

WEB01_PRINCS=("WEB01\$" "host/web01.$DOMAIN" "HTTP/web01.$DOMAIN")
# set_web01_password PASSWORD [KVNO]: new key for all names of the web01
# account; with KVNO, the key version is set back to it (what an export with
# an explicit kvno, or a password change that does not track it, leaves).
set_web01_password() {
  local p
  for p in "${WEB01_PRINCS[@]}"; do
    kadm "cpw -e $KS_AES -pw $1 $p"
    if [ -n "${2:-}" ]; then kadm "modprinc -kvno $2 $p"; fi
  done
}
# password_keytab FILE KVNO PASSWORD PRINCIPAL...: a keytab built from a
# password (AES256 + AES128, realm salt) without asking the KDC.
password_keytab() {
  local f=$1 kvno=$2 pw=$3 p e
  shift 3
  {
    for p in "$@"; do
      for e in aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96; do
        printf 'addent -password -p %s -k %s -e %s -s %s\n%s\n' "$p@$REALM" "$kvno" "$e" "$REALM" "$pw"
      done
    done
    printf 'wkt %s\nquit\n' "$f"
  } | LD_PRELOAD="$LIBFAKETIME" FAKETIME="$KT_TIME" ktutil > /dev/null
}

setup_realm() {
  log "creating realm $REALM"
  kdb5_util create -s -r "$REALM" -P "$MASTER_PW" > "$LAB/kdb5_util.out" 2>&1
  kadm "addprinc -pw $ALICE_PW +requires_preauth alice"
  # web01: computer-account style, three names sharing one key. kvno 1 first,
  # exported as the stale keytab, then the password is changed to kvno 2.
  local p
  for p in "${WEB01_PRINCS[@]}"; do
    kadm "addprinc -e $KS_AES -pw $WEB01_PW_OLD $p"
  done
  rm -f "$LAB/keytabs/"*.keytab
  kadm_fixed_time "ktadd -norandkey -k $LAB/keytabs/web01_stale.keytab ${WEB01_PRINCS[*]}"
  set_web01_password "$WEB01_PW"
  kadm_fixed_time "ktadd -norandkey -k $LAB/keytabs/web01.keytab ${WEB01_PRINCS[*]}"
  # web01_rekeyed: the keys web01 gets in s12_stale_key_same_kvno (new
  # password, kvno set back to 2): what the KDC encrypts with there.
  password_keytab "$LAB/keytabs/web01_rekeyed.keytab" 2 "$WEB01_PW_NEW" "${WEB01_PRINCS[@]}"
  # svc_web: a service account holding HTTP/app.example.test.
  for p in svc_web "HTTP/app.$DOMAIN"; do
    kadm "addprinc -e $KS_AES -pw $SVC_PW $p"
  done
  kadm_fixed_time "ktadd -norandkey -k $LAB/keytabs/svc_web.keytab svc_web HTTP/app.$DOMAIN"
  # svc_web also runs the sites portal and shop (both CNAMEs in DNS).
  for p in "HTTP/portal.$DOMAIN" "HTTP/shop.$DOMAIN"; do
    kadm "addprinc -e $KS_AES -pw $SVC_PW $p"
  done
  kadm_fixed_time "ktadd -norandkey -k $LAB/keytabs/svc_web_sites.keytab svc_web HTTP/app.$DOMAIN HTTP/portal.$DOMAIN HTTP/shop.$DOMAIN"
  # alice: the user's own keys (fixed password), to read her PA-ENC-TIMESTAMP.
  kadm_fixed_time "ktadd -norandkey -k $LAB/keytabs/alice.keytab alice"
  # legacy: a service whose only key is RC4-HMAC (S17).
  kadm "addprinc -e $KS_RC4 -pw $LEGACY_PW HTTP/legacy.$DOMAIN"
  kadm_fixed_time "ktadd -norandkey -k $LAB/keytabs/legacy_rc4.keytab HTTP/legacy.$DOMAIN"
  # unrelated: a keytab that opens none of the lab's tickets.
  kadm "addprinc -e $KS_AES -pw $UNRELATED_PW HTTP/intranet.$DOMAIN"
  kadm_fixed_time "ktadd -norandkey -k $LAB/keytabs/unrelated.keytab HTTP/intranet.$DOMAIN"
  # Backend service for the delegation scenario (S14).
  kadm "addprinc -e $KS_AES -pw $SQL_PW MSSQLSvc/sql.$DOMAIN:1433"
  kadm "modprinc +ok_as_delegate HTTP/web01.$DOMAIN"
  # web01_as_app: the computer account's key under the name HTTP/app (what a
  # server running as WEB01$ effectively decrypts HTTP/app tickets with).
  password_keytab "$LAB/keytabs/web01_as_app.keytab" 1 "$WEB01_PW" "HTTP/app.$DOMAIN"
  # multi: several accounts plus a stale kvno.
  printf 'rkt %s\nrkt %s\nrkt %s\nwkt %s\nquit\n' \
    "$LAB/keytabs/web01.keytab" "$LAB/keytabs/svc_web.keytab" \
    "$LAB/keytabs/web01_stale.keytab" "$LAB/keytabs/multi.keytab" |
    LD_PRELOAD="$LIBFAKETIME" FAKETIME="$KT_TIME" ktutil > /dev/null
  chmod 644 "$LAB/keytabs/"*.keytab
  for k in "$LAB/keytabs/"*.keytab; do
    local b; b=$(basename "$k")
    if ! cmp -s "$k" "$KTOUT/$b"; then cp "$k" "$KTOUT/$b"; log "keytab $b written"; fi
  done
}

# Principals that no committed keytab holds, so adding them changes no keytab.
# CAROL: MIT's KDC writes no group SIDs into the PAC, so a big token comes
# from a long client name instead: it appears in the ticket, in the PAC (as
# UTF-16) and in the authenticator. Its 380 ".gNNN" parts stand in for the
# 380 group memberships that make a Windows user's token this big (MIT
# looks up no client name much longer than these 1,905 characters).
CAROL="carol$(for i in $(seq -w 1 380); do printf '.g%s' "$i"; done)"
setup_more_principals() {
  # bob is "sensitive and cannot be delegated": the KDC issues him no
  # forwardable tickets.
  kadm "addprinc -pw $BOB_PW +requires_preauth -allow_forwardable bob"
  kadm "addprinc -pw $CAROL_PW +requires_preauth $CAROL"
  # Trust with OTHER.TEST: the cross-realm key, on this side.
  kadm "addprinc -e $KS_AES -pw $CROSS_PW krbtgt/$OTHER_REALM@$REALM"
}

# A KDC of its own: a profile and database under $LAB/kdc-NAME, listening on
# ADDR. The database starts empty or as a copy of the main KDC's.
#   make_kdc NAME REALM ADDR empty|copy
make_kdc() {
  local realm=$2 addr=$3 how=$4 d="$LAB/kdc-$1"
  rm -rf "$d"; mkdir -p "$d"
  write_kdc_conf "$d" "$realm" "$addr"
  if [ "$how" = copy ]; then
    cp "$LAB/kdc/principal" "$LAB/kdc/principal.kadm5" "$LAB/kdc/stash" "$d/"
    : > "$d/principal.kadm5.lock"; : > "$d/principal.ok"
  else
    KRB5_KDC_PROFILE="$d/kdc.conf" kdb5_util create -s -r "$realm" -P "$MASTER_PW" >> "$d/kdb5_util.out" 2>&1
  fi
}
kadm_on() {  # kadm_on NAME REALM QUERY
  KRB5_KDC_PROFILE="$LAB/kdc-$1/kdc.conf" kadmin.local -r "$2" -q "$3" >> "$LAB/kadmin.out" 2>&1 \
    || die "kadmin ($1): $3"
}
EXTRA_KDC_PID=
start_extra_kdc() {  # start_extra_kdc NAME REALM ADDR
  KRB5_KDC_PROFILE="$LAB/kdc-$1/kdc.conf" krb5kdc -n -r "$2" -P "$LAB/kdc-$1/kdc.pid" &
  EXTRA_KDC_PID=$!; PIDS+=("$EXTRA_KDC_PID")
  wait_port udp "$3" 88
  wait_port tcp "$3" 88
}
stop_extra_kdc() {
  [ -n "$EXTRA_KDC_PID" ] && stop_pid "$EXTRA_KDC_PID"
  EXTRA_KDC_PID=
}

KDC_PID=
start_kdc() {  # start_kdc [faketime-spec]
  if [ -n "${1:-}" ]; then
    LD_PRELOAD="$LIBFAKETIME" FAKETIME="$1" krb5kdc -n -P "$LAB/kdc.pid" &
  else
    krb5kdc -n -P "$LAB/kdc.pid" &
  fi
  KDC_PID=$!; PIDS+=("$KDC_PID")
  wait_port udp "$IP_KDC" 88
  wait_port tcp "$IP_KDC" 88
}
stop_kdc() {
  [ -n "$KDC_PID" ] && stop_pid "$KDC_PID"
  KDC_PID=
  wait_gone udp "$IP_KDC" 88
}

# ---------------------------------------------------------------------------
# Web servers (Apache + mod_auth_gssapi), one configuration per scenario
# ---------------------------------------------------------------------------
mkdir -p "$LAB/www"
echo "<html><body>kerbdiag lab: authenticated</body></html>" > "$LAB/www/index.html"
# Users file for the NTLM backend (gss-ntlmssp): DOMAIN:user:password
printf 'EXAMPLE:alice:%s\n' "$ALICE_PW" > "$LAB/ntlm_users"
chmod 644 "$LAB/ntlm_users"
printf 'alice:%s\n' "$(openssl passwd -apr1 -salt kerbdiag "$ALICE_PW" 2>/dev/null || echo x)" > "$LAB/htpasswd"
chmod 644 "$LAB/htpasswd"

# vhost ADDR PORT NAME KEYTAB [auth-kind] [extra directives]
#   auth-kind: gssapi (default), gssapi-ntlm, gssapi-deleg, basic
vhost() {
  local addr=$1 port=$2 name=$3 kt=$4 kind=${5:-gssapi} extra=${6:-}
  echo "<VirtualHost $addr:$port>"
  echo "  ServerName $name"
  echo "  DocumentRoot $LAB/www"
  [ -n "$extra" ] && printf '  %s\n' "$extra"
  echo "  <Location />"
  case $kind in
    gssapi)
      echo "    AuthType GSSAPI"
      echo "    AuthName \"$name\""
      echo "    GssapiCredStore keytab:$kt"
      echo "    GssapiAllowedMech krb5"
      ;;
    gssapi-ntlm)   # Negotiate with Kerberos and NTLMSSP (keytab from KRB5_KTNAME)
      echo "    AuthType GSSAPI"
      echo "    AuthName \"$name\""
      echo "    GssapiAllowedMech krb5"
      echo "    GssapiAllowedMech ntlmssp"
      echo "    GssapiConnectionBound On"
      ;;
    gssapi-deleg)  # Negotiate, keeping delegated credentials
      echo "    AuthType GSSAPI"
      echo "    AuthName \"$name\""
      echo "    GssapiCredStore keytab:$kt"
      echo "    GssapiAllowedMech krb5"
      echo "    GssapiDelegCcacheDir $LAB/deleg"
      ;;
    basic)
      echo "    AuthType Basic"
      echo "    AuthName \"$name\""
      echo "    AuthUserFile $LAB/htpasswd"
      ;;
  esac
  echo "    Require valid-user"
  echo "  </Location>"
  echo "</VirtualHost>"
}

APACHE_PID=
# start_apache NAME [faketime-spec] [mech-config] [global directives]   (vhosts on stdin)
start_apache() {
  local name=$1 fake=${2:-} mech=${3:-$LAB/gss-mech-none} global=${4:-}
  local d="$LAB/apache-$name"
  mkdir -p "$d/run"
  local m=/usr/lib/apache2/modules
  {
    echo "ServerRoot $d"
    echo "PidFile $d/run/httpd.pid"
    echo "DefaultRuntimeDir $d/run"
    echo "Mutex file:$d/run default"
    echo "ErrorLog $d/error.log"
    echo "LogLevel info auth_gssapi:debug"
    echo "LoadModule mpm_prefork_module $m/mod_mpm_prefork.so"
    for mod in authz_core authz_user authn_core authn_file auth_basic dir env setenvif headers auth_gssapi; do
      echo "LoadModule ${mod}_module $m/mod_${mod}.so"
    done
    echo "User www-data"
    echo "Group www-data"
    echo "ServerName localhost"
    echo "ServerTokens Prod"
    echo "ServerSignature Off"
    echo "StartServers 2"
    echo "MinSpareServers 1"
    echo "MaxSpareServers 3"
    echo "KeepAlive On"
    echo "DirectoryIndex index.html"
    echo "LogFormat \"%h %v %u \\\"%r\\\" %>s\" lab"
    echo "CustomLog $d/access.log lab"
    echo "<Directory $LAB/www>"
    echo "  Require all granted"
    echo "</Directory>"
    [ -n "$global" ] && printf '%s\n' "$global"
    cat
  } > "$d/httpd.conf"
  # Listen lines from the vhosts.  Apache runs in its own session: on shutdown
  # it signals its whole process group.
  grep -o '^<VirtualHost [^>]*>' "$d/httpd.conf" | sed 's/<VirtualHost \(.*\)>/Listen \1/' | sort -u > "$d/listen.conf"
  echo "Include $d/listen.conf" >> "$d/httpd.conf"
  local envs=(KRB5_CONFIG="$LAB/krb5.conf" KRB5RCACHEDIR="$LAB/rcache" GSS_MECH_CONFIG="$mech"
              NTLM_USER_FILE="$LAB/ntlm_users" KRB5_KTNAME="FILE:$LAB/keytabs/web01.keytab")
  if [ -n "$fake" ]; then
    env "${envs[@]}" LD_PRELOAD="$LIBFAKETIME" FAKETIME="$fake" \
      setsid /usr/sbin/apache2 -d "$d" -f "$d/httpd.conf" -DFOREGROUND &
  else
    env "${envs[@]}" setsid /usr/sbin/apache2 -d "$d" -f "$d/httpd.conf" -DFOREGROUND &
  fi
  APACHE_PID=$!; PIDS+=("$APACHE_PID")
  local first; first=$(head -1 "$d/listen.conf" | awk '{print $2}' || true)
  wait_port tcp "${first%:*}" "${first##*:}"
}
stop_apache() {
  [ -n "$APACHE_PID" ] && stop_pid "$APACHE_PID"
  APACHE_PID=
}

# The usual sites: web01 (computer account keytab), app (service account),
# nospn (no SPN at all), legacy (RC4-only service key).
default_vhosts() {
  local web01_kt=${1:-$LAB/keytabs/web01.keytab} app_kt=${2:-$LAB/keytabs/svc_web.keytab}
  vhost "$IP_WEB01" 80 "web01.$DOMAIN" "$web01_kt"
  vhost "$IP_APP" 80 "app.$DOMAIN" "$app_kt"
  vhost "$IP_NOSPN" 80 "nospn.$DOMAIN" "$LAB/keytabs/web01.keytab"
  vhost "$IP_LEGACY" 80 "legacy.$DOMAIN" "$LAB/keytabs/legacy_rc4.keytab"
}

# ---------------------------------------------------------------------------
# Client side
# ---------------------------------------------------------------------------
CLIENT_CONF="$LAB/krb5-client.conf"
CCACHE="$LAB/ccache-alice"

client_conf() { write_krb5_conf "$CLIENT_CONF" "$@"; }

client_env() {  # run a command as the lab's client (CLIENT_FAKETIME: its clock's offset)
  local fake=()
  [ -n "${CLIENT_FAKETIME:-}" ] && fake=(LD_PRELOAD="$LIBFAKETIME" FAKETIME="$CLIENT_FAKETIME")
  env KRB5_CONFIG="$CLIENT_CONF" KRB5CCNAME="FILE:$CCACHE" \
    GSS_MECH_CONFIG="${CLIENT_MECH:-$LAB/gss-mech-none}" NTLM_USER_FILE="$LAB/ntlm_users" \
    "${fake[@]}" "$@"
}

user_kinit() {  # user_kinit USER PASSWORD
  rm -f "$CCACHE"
  echo "$2" | client_env kinit "$1@$REALM" > "$LAB/kinit.out" 2>&1 \
    || { cat "$LAB/kinit.out" >&2; die "kinit $1 failed"; }
}
alice_kinit() { user_kinit alice "$ALICE_PW"; }

CURL_LOG="$LAB/curl.log"
CURL_OPTS=(-sS --max-time 20 -o /dev/null -w '%{http_code} %{url_effective}\n')
lab_curl() {  # lab_curl [curl args...] URL...   (never fails the script)
  echo "+ curl $*" >> "$CURL_LOG"
  client_env curl "${CURL_OPTS[@]}" "$@" >> "$CURL_LOG" 2>&1 || true
}

# ---------------------------------------------------------------------------
# Capture
# ---------------------------------------------------------------------------
# Live hook (see live.sh): KERBDIAG_LIVE_CMD starts in the background once
# dumpcap captures, and must create $KERBDIAG_LIVE_READY when it is ready
# itself (the client traffic waits for that, at most 20 s). After the traffic
# it has KERBDIAG_LIVE_WAIT seconds (default 10) to exit on its own, then gets
# SIGTERM; an exit status other than 0 (or death by that SIGTERM) fails the
# lab.
LIVE_PID=
live_start() {
  [ -n "${KERBDIAG_LIVE_CMD:-}" ] || return 0
  export KERBDIAG_LIVE_READY="$LAB/live.ready"
  rm -f "$KERBDIAG_LIVE_READY"
  bash -c "$KERBDIAG_LIVE_CMD" &
  LIVE_PID=$!; PIDS+=("$LIVE_PID")
  for _ in $(seq 200); do
    [ -e "$KERBDIAG_LIVE_READY" ] && return 0
    kill -0 "$LIVE_PID" 2>/dev/null || break
    sleep 0.1
  done
  die "live command did not get ready"
}
live_stop() {
  [ -n "$LIVE_PID" ] || return 0
  local rc=0
  for _ in $(seq $(( ${KERBDIAG_LIVE_WAIT:-10} * 10 ))); do
    kill -0 "$LIVE_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill "$LIVE_PID" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$LIVE_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$LIVE_PID" 2>/dev/null || true
  wait "$LIVE_PID" || rc=$?
  forget_pid "$LIVE_PID"
  LIVE_PID=
  [ "$rc" = 0 ] || [ "$rc" = 143 ] || die "live command failed (exit $rc)"
}

CAP_FILTER='(port 53 or port 88 or port 80 or port 8080 or icmp) and net 127.0.0.0/8'
CAP_TMP=
cap_start() {  # cap_start NAME
  CAP_NAME=$1
  CAP_TMP="$LAB/$1.pcapng"
  dumpcap_start "$CAP_TMP" "$CAP_FILTER"
  live_start
  echo "=== $1" >> "$CURL_LOG"
}
cap_stop() {
  sleep 0.5
  live_stop
  dumpcap_stop "$CAP_TMP" "$OUT/$CAP_NAME.pcapng"
}

# ---------------------------------------------------------------------------
# Scenarios
# ---------------------------------------------------------------------------
# Run a command as the web server host (traffic to DNS and KDC leaves from
# web01's address), e.g. the back-end requests of a delegating web app.
as_web01() {
  ip route add local "$IP_KDC/32" dev lo src "$IP_WEB01" table local
  ip route add local "$IP_DNS/32" dev lo src "$IP_WEB01" table local
  local rc=0
  "$@" || rc=$?
  ip route del local "$IP_KDC/32" dev lo table local
  ip route del local "$IP_DNS/32" dev lo table local
  return $rc
}
server_env() {  # the web server's Kerberos environment (its own ccache)
  env KRB5_CONFIG="$LAB/krb5.conf" KRB5CCNAME="FILE:${SERVER_CCACHE:-$LAB/ccache-web01}" \
    GSS_MECH_CONFIG="$LAB/gss-mech-none" "$@"
}

# One curl as a browser would do it: anonymous request first, then the
# authentication scheme the server offers.
browse() { lab_curl --anyauth -u : "$@"; }

# record NAME APACHE-NAME [client-conf args...] -- runs "body_NAME" between
# cap_start and cap_stop with Apache started from "vhosts_NAME" (or defaults).
sc_healthy_udp() {
  client_conf udp_limit=65535
  alice_kinit
  start_apache healthy < <(default_vhosts)
  cap_start healthy_udp
  browse "http://web01.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_healthy_tcp() {
  # kinit inside the capture: AS-REQ, PREAUTH_REQUIRED (25), AS-REQ with
  # encrypted timestamp, AS-REP; then the HTTP exchange; KDC over TCP.
  client_conf udp_limit=1
  rm -f "$CCACHE"
  start_apache healthy < <(default_vhosts)
  cap_start healthy_tcp
  echo "$ALICE_PW" | client_env kinit alice@$REALM > "$LAB/kinit.out" 2>&1 || die "kinit failed"
  browse "http://web01.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_healthy_cached_ticket() {
  client_conf
  alice_kinit
  start_apache healthy < <(default_vhosts)
  browse "http://web01.$DOMAIN/"          # gets and caches the service ticket
  cap_start healthy_cached_ticket
  browse "http://web01.$DOMAIN/"          # reuses it: no TGS exchange
  cap_stop
  stop_apache
}

sc_s1_spn_unknown() {
  client_conf
  alice_kinit
  start_apache s1 < <(default_vhosts)
  cap_start s1_spn_unknown
  browse "http://nospn.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_s1_spn_unknown_ntlm() {
  # NTLMSSP available on both sides: SPNEGO falls back to NTLM inside Negotiate.
  client_conf
  alice_kinit
  start_apache s1ntlm "" "$LAB/gss-mech-ntlm" < <(
    vhost "$IP_NOSPN" 80 "nospn.$DOMAIN" "$LAB/keytabs/web01.keytab" gssapi-ntlm)
  cap_start s1_spn_unknown_ntlm
  CLIENT_MECH="$LAB/gss-mech-ntlm" browse "http://nospn.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_s2_wrong_account() {
  # HTTP/app.example.test is registered on svc_web, so the KDC encrypts the
  # ticket with svc_web's key. The site runs as the computer account: its
  # keytab names HTTP/app.example.test but holds WEB01$'s key (like IIS
  # kernel-mode authentication decrypting with the machine key).
  client_conf
  alice_kinit
  start_apache s2 < <(default_vhosts "$LAB/keytabs/web01.keytab" "$LAB/keytabs/web01_as_app.keytab")
  cap_start s2_wrong_account
  browse "http://app.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_s2_wrong_account_notus() {
  # The same mistake, but the site's keytab is the plain computer-account
  # keytab (no entry for HTTP/app.example.test): MIT answers KRB_AP_ERR_NOT_US.
  client_conf
  alice_kinit
  start_apache s2 < <(default_vhosts "$LAB/keytabs/web01.keytab" "$LAB/keytabs/web01.keytab")
  cap_start s2_wrong_account_notus
  browse "http://app.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_s12_stale_kvno() {
  client_conf
  alice_kinit
  start_apache s12 < <(default_vhosts "$LAB/keytabs/web01_stale.keytab")
  cap_start s12_stale_kvno
  browse "http://web01.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_s10_skew_server() {
  client_conf
  alice_kinit
  start_apache s10 "+10m" < <(default_vhosts)
  cap_start s10_skew_server
  browse "http://web01.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_s10_skew_kdc() {
  client_conf timesync=false
  alice_kinit                       # TGT from a KDC with the right time
  stop_kdc
  start_kdc "+10m"                  # then the KDC's clock runs 10 minutes ahead
  start_apache s10 < <(default_vhosts)
  cap_start s10_skew_kdc
  browse "http://web01.$DOMAIN/"
  cap_stop
  stop_apache
  stop_kdc
  start_kdc
}

sc_s4_cname_canon() {
  client_conf canon=true
  alice_kinit
  start_apache s4 < <(default_vhosts)
  cap_start s4_cname_canon
  browse "http://alias.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_s4_cname_nocanon() {
  client_conf canon=false
  alice_kinit
  start_apache s4 < <(default_vhosts)
  cap_start s4_cname_nocanon
  browse "http://alias.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_s5_port() {
  client_conf
  alice_kinit
  start_apache s5 < <(default_vhosts; vhost "$IP_WEB01" 8080 "web01.$DOMAIN" "$LAB/keytabs/web01.keytab")
  cap_start s5_port
  browse "http://web01.$DOMAIN:8080/"
  cap_stop
  stop_apache
}

sc_s6_ip_literal() {
  client_conf
  alice_kinit
  start_apache s6 < <(default_vhosts)
  cap_start s6_ip_literal
  browse "http://$IP_WEB01/"
  cap_stop
  stop_apache
}

sc_s7_basic_only() {
  # The site offers Basic only: a Negotiate-capable client has nothing to do.
  client_conf
  alice_kinit
  start_apache s7basic < <(vhost "$IP_WEB01" 80 "web01.$DOMAIN" "" basic)
  cap_start s7_basic_only
  lab_curl "http://web01.$DOMAIN/"      # a browser's first, anonymous request
  cap_stop
  stop_apache
}

# start_ntlm_server [--offer-negotiate]: the stand-in NTLM site on web01's
# address (lab/ntlm_only_server.py); NTLM_SERVER_PID is its process.
start_ntlm_server() {
  python3 "$HERE/ntlm_only_server.py" "$IP_WEB01" 80 "$@" &
  NTLM_SERVER_PID=$!; PIDS+=("$NTLM_SERVER_PID")
  wait_port tcp "$IP_WEB01" 80
}

sc_s7_ntlm_only() {
  # The site offers "WWW-Authenticate: NTLM" only. mod_auth_gssapi cannot do
  # that (it sends NTLM only next to Negotiate), so a small Python server
  # plays the site: NEGOTIATE -> CHALLENGE -> AUTHENTICATE -> 200 (the NTLM
  # response is not verified). curl authenticates with its own NTLM code and
  # Kerberos is never used.
  client_conf
  alice_kinit
  start_ntlm_server
  cap_start s7_ntlm_only
  lab_curl --anyauth -u "EXAMPLE\\alice:$ALICE_PW" "http://web01.$DOMAIN/"
  cap_stop
  stop_pid "$NTLM_SERVER_PID"
}

sc_s15_kdc_down() {
  client_conf
  alice_kinit
  stop_kdc
  start_apache s15 < <(default_vhosts)
  cap_start s15_kdc_down
  browse "http://web01.$DOMAIN/"
  cap_stop
  stop_apache
  start_kdc
}

sc_s15_nxdomain() {
  client_conf
  alice_kinit
  client_conf kdc="kdc-old.$DOMAIN"    # the configured KDC name no longer exists
  start_apache s15 < <(default_vhosts)
  cap_start s15_nxdomain
  browse "http://web01.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_s15_srv_nxdomain() {
  client_conf
  alice_kinit
  client_conf kdc= dns_lookup_kdc=true  # KDC discovery through DNS, no records
  start_apache s15 < <(default_vhosts)
  cap_start s15_srv_nxdomain
  browse "http://web01.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_s16_keepalive() {
  client_conf
  alice_kinit
  start_apache s16 < <(default_vhosts)
  cap_start s16_keepalive
  browse -o /dev/null -o /dev/null \
    "http://web01.$DOMAIN/" "http://web01.$DOMAIN/index.html" "http://web01.$DOMAIN/?page=3"
  cap_stop
  stop_apache
}

sc_s17_rc4() {
  client_conf extra="allow_weak_crypto = true"
  alice_kinit
  start_apache s17 < <(default_vhosts)
  cap_start s17_rc4
  browse "http://legacy.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_s13_large_token() {
  client_conf
  alice_kinit
  start_apache s13 "" "" "LimitRequestFieldSize 512" < <(default_vhosts)
  cap_start s13_large_token
  browse "http://web01.$DOMAIN/"
  cap_stop
  stop_apache
}

# S14: web01 as a front end. The site keeps delegated credentials in
# $LAB/deleg; web01's own Kerberos traffic leaves from its address.
start_delegating_site() {  # start_delegating_site APACHE-NAME
  rm -rf "$LAB/deleg"; mkdir -p "$LAB/deleg"; chmod 1777 "$LAB/deleg"
  start_apache "$1" < <(vhost "$IP_WEB01" 80 "web01.$DOMAIN" "$LAB/keytabs/web01.keytab" gssapi-deleg)
}
web01_uses_delegated_tgt() {  # web01_uses_delegated_tgt SPN: the user's forwarded TGT, for SPN
  local deleg; deleg=$(ls "$LAB/deleg/" 2>/dev/null | head -1)
  if [ -z "$deleg" ]; then log "$CAP_NAME: no delegated credentials stored"; return 0; fi
  SERVER_CCACHE="$LAB/deleg/$deleg" as_web01 server_env kvno "$1" >> "$CURL_LOG" 2>&1 || true
}
web01_constrained_delegation() {  # web01_constrained_delegation USER SPN
  # web01 logs on with its keytab, then S4U2Self for USER and S4U2Proxy to SPN.
  as_web01 server_env kinit -k -t "$LAB/keytabs/web01.keytab" "HTTP/web01.$DOMAIN" >> "$CURL_LOG" 2>&1 || true
  as_web01 server_env kvno -U "$1" -P "$2" >> "$CURL_LOG" 2>&1 || true
}

sc_s14_delegation() {
  # The client delegates its TGT to web01 (ok-as-delegate, curl --delegation
  # always); the web app uses it for the back end; then web01 tries
  # constrained delegation (S4U2Self + S4U2Proxy) which the KDC refuses.
  client_conf
  alice_kinit
  start_delegating_site s14
  cap_start s14_delegation
  browse --delegation always "http://web01.$DOMAIN/"
  web01_uses_delegated_tgt "MSSQLSvc/sql.$DOMAIN:1433"
  web01_constrained_delegation alice "MSSQLSvc/sql.$DOMAIN:1433"
  cap_stop
  stop_apache
}

sc_s14_backend_spn_unknown() {
  # Double hop with a delegated TGT, but the back-end SPN is not registered.
  client_conf
  alice_kinit
  start_delegating_site s14
  cap_start s14_backend_spn_unknown
  browse --delegation always "http://web01.$DOMAIN/"
  web01_uses_delegated_tgt "MSSQLSvc/sql2.$DOMAIN:1433"
  cap_stop
  stop_apache
}

sc_s9_prompt_loop() {
  # The S2 mistake seen from the user's side: every retry (a browser's
  # prompt, then the user clicking again) sends a ticket the server cannot
  # decrypt, to the same URL, and gets 401 again.
  client_conf
  alice_kinit
  start_apache s9 < <(default_vhosts "$LAB/keytabs/web01.keytab" "$LAB/keytabs/web01_as_app.keytab")
  cap_start s9_prompt_loop
  local attempt
  for attempt in 1 2 3; do browse "http://app.$DOMAIN/"; done
  cap_stop
  stop_apache
}

sc_s18_dns_mismatch() {
  # DNS says web01 is 127.0.0.21; the client still connects to 127.0.0.22
  # (a stale hosts entry or resolver cache, here curl --resolve). The
  # Kerberos library canonicalises the name through DNS, so the capture
  # shows the real answer; the ticket for HTTP/web01 goes to the app server.
  client_conf canon=true
  alice_kinit
  start_apache s18 < <(default_vhosts)
  cap_start s18_dns_mismatch
  browse --resolve "web01.$DOMAIN:80:$IP_APP" "http://web01.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_s18_realm_referral() {
  # web.other.test is in OTHER.TEST, which trusts EXAMPLE.TEST. The client
  # does not know that (no domain_realm entry), so it asks its own KDC, which
  # answers with a referral: a cross-realm TGT krbtgt/OTHER.TEST@EXAMPLE.TEST.
  # The client follows it to OTHER.TEST's KDC and the site accepts the ticket.
  make_kdc other "$OTHER_REALM" "$IP_KDC_OTHER" empty
  kadm_on other "$OTHER_REALM" "addprinc -e $KS_AES -pw $CROSS_PW krbtgt/$OTHER_REALM@$REALM"
  kadm_on other "$OTHER_REALM" "addprinc -e $KS_AES -pw $OTHER_WEB_PW HTTP/web.$OTHER_DOMAIN"
  mkdir -p "$LAB/other"
  kadm_on other "$OTHER_REALM" "ktadd -k $LAB/other/web.keytab HTTP/web.$OTHER_DOMAIN"
  chmod 644 "$LAB/other/web.keytab"
  start_extra_kdc other "$OTHER_REALM" "$IP_KDC_OTHER"
  client_conf
  alice_kinit
  start_apache s18r < <(vhost "$IP_WEB_OTHER" 80 "web.$OTHER_DOMAIN" "$LAB/other/web.keytab")
  cap_start s18_realm_referral
  browse "http://web.$OTHER_DOMAIN/"
  cap_stop
  stop_apache
  stop_extra_kdc
}

sc_s13_token_too_large() {
  # A token over Apache's default 8190-byte header limit: carol's logon
  # (over UDP, whose answers no longer fit: KRB-ERROR 52 RESPONSE_TOO_BIG,
  # then TCP), her service ticket, then 400 from the site.
  client_conf udp_limit=65535
  rm -f "$CCACHE"
  start_apache s13big < <(default_vhosts)
  cap_start s13_token_too_large
  user_kinit "$CAROL" "$CAROL_PW"
  browse "http://web01.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_s3_duplicate_spn() {
  # Two KDCs of EXAMPLE.TEST disagree on which account holds
  # HTTP/web01.example.test, like two DCs when the SPN is on WEB01$ and on
  # svc_web: the second KDC encrypts tickets for it with svc_web's key
  # (kvno 1). The first request (via kdc) works; after the service ticket is
  # gone (klist purge, another workstation) the next one (via kdc2) fails.
  make_kdc dup "$REALM" "$IP_KDC2" copy
  kadm_on dup "$REALM" "cpw -e $KS_AES -pw $SVC_PW HTTP/web01.$DOMAIN"
  kadm_on dup "$REALM" "modprinc -kvno 1 HTTP/web01.$DOMAIN"
  start_extra_kdc dup "$REALM" "$IP_KDC2"
  client_conf
  alice_kinit
  cp "$CCACHE" "$LAB/ccache-alice-tgt"
  start_apache s3 < <(default_vhosts)
  cap_start s3_duplicate_spn
  browse "http://web01.$DOMAIN/"
  cp "$LAB/ccache-alice-tgt" "$CCACHE"
  client_conf kdc="kdc2.$DOMAIN"
  browse "http://web01.$DOMAIN/"
  cap_stop
  stop_apache
  stop_extra_kdc
}

sc_s14_not_delegatable() {
  # bob cannot be delegated: his ticket for web01 is not forwardable. web01
  # then tries constrained delegation for him (S4U2Self, S4U2Proxy with that
  # kind of ticket as evidence) and the KDC refuses.
  client_conf
  user_kinit bob "$BOB_PW"
  start_apache s14nd < <(default_vhosts)
  cap_start s14_not_delegatable
  browse "http://web01.$DOMAIN/"
  web01_constrained_delegation bob "MSSQLSvc/sql.$DOMAIN:1433"
  cap_stop
  stop_apache
}

sc_s12_stale_key_same_kvno() {
  # web01's password changes and its kvno is set back to 2 (an export with
  # an explicit kvno, or a password change that does not track the kvno).
  # The site still has the old keytab: same kvno, old key, so it cannot
  # decrypt (KRB-ERROR 31). web01_rekeyed.keytab holds the current keys.
  client_conf
  alice_kinit
  set_web01_password "$WEB01_PW_NEW" 2
  start_apache s12k < <(default_vhosts)
  cap_start s12_stale_key_same_kvno
  browse "http://web01.$DOMAIN/"
  cap_stop
  stop_apache
  set_web01_password "$WEB01_PW" 2
}

sc_s6_ip_then_name() {
  # The user opens the site by its address, fails (no HTTP/<ip>), then
  # retypes the URL with the host name and gets in.
  client_conf
  alice_kinit
  start_apache s6n < <(default_vhosts)
  cap_start s6_ip_then_name
  browse "http://$IP_WEB01/"
  browse "http://web01.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_s10_skew_tgs_after_as() {
  # A logon inside the capture while the KDC's clock is right, then the
  # KDC's clock jumps 10 minutes ahead: the TGS-REQ with the TGT from that
  # logon is answered KRB-ERROR 37.
  client_conf
  rm -f "$CCACHE"
  start_apache s10t < <(default_vhosts)
  cap_start s10_skew_tgs_after_as
  alice_kinit
  stop_kdc
  start_kdc "+10m"
  browse "http://web01.$DOMAIN/"
  cap_stop
  stop_apache
  stop_kdc
  start_kdc
}

sc_s10_skew_client_as() {
  # The client's clock is 10 minutes behind and it does not sync with the
  # KDC's time (kdc_timesync = false): its logon (PA-ENC-TIMESTAMP, readable
  # with alice.keytab) is answered KRB-ERROR 37, so it has no TGT and the
  # site ends with 401.
  client_conf timesync=false
  rm -f "$CCACHE"
  start_apache s10c < <(default_vhosts)
  CLIENT_FAKETIME=-10m
  cap_start s10_skew_client_as
  echo "$ALICE_PW" | client_env kinit "alice@$REALM" >> "$CURL_LOG" 2>&1 || true
  browse "http://web01.$DOMAIN/"
  cap_stop
  CLIENT_FAKETIME=
  stop_apache
}

sc_s10_skew_client_after_as() {
  # A logon inside the capture with all clocks right, then the client's
  # clock goes back 10 minutes: the time offset MIT keeps in the ticket cache
  # (kdc_timesync) is from the logon, so the TGS-REQ's authenticator (readable
  # with alice.keytab through the AS-REP) is 600 s behind: KRB-ERROR 37.
  client_conf
  rm -f "$CCACHE"
  start_apache s10a < <(default_vhosts)
  cap_start s10_skew_client_after_as
  alice_kinit
  CLIENT_FAKETIME=-10m
  browse "http://web01.$DOMAIN/"
  CLIENT_FAKETIME=
  cap_stop
  stop_apache
}

# ntlm_after_anonymous URL: a client set up for NTLM only (curl --ntlm, as a
# script or a browser without Kerberos for the site would): an anonymous
# request, then NTLM on the same connection.
ntlm_after_anonymous() {
  lab_curl "$1" --next "${CURL_OPTS[@]}" --ntlm -u "EXAMPLE\\alice:$ALICE_PW" "$1"
}

sc_s7_ntlm_rejected() {
  # The site accepts Kerberos only (mod_auth_gssapi, krb5 mechanism alone):
  # it answers the NTLM NEGOTIATE message with 401 and no challenge.
  client_conf
  alice_kinit
  start_apache s7r < <(default_vhosts)
  cap_start s7_ntlm_rejected
  ntlm_after_anonymous "http://web01.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_s8_ntlm_despite_negotiate() {
  # The site offers Negotiate and NTLM (two headers, as IIS with its default
  # providers); the client has a TGT but answers with NTLM on the same
  # connection (as a browser that does not allow Kerberos for the site).
  # The site is the stand-in server: mod_auth_gssapi's NTLM (gss-ntlmssp)
  # rejects curl's NTLM NEGOTIATE message as undecodable.
  client_conf
  alice_kinit
  start_ntlm_server --offer-negotiate
  cap_start s8_ntlm_despite_negotiate
  ntlm_after_anonymous "http://web01.$DOMAIN/"
  cap_stop
  stop_pid "$NTLM_SERVER_PID"
}

sc_s1_ntlm_fallback_rejected() {
  # No SPN (KRB-ERROR 7); SPNEGO on the client falls back to NTLMSSP inside
  # Negotiate, but the site accepts the krb5 mechanism only.
  client_conf
  alice_kinit
  start_apache s1r < <(default_vhosts)
  cap_start s1_ntlm_fallback_rejected
  CLIENT_MECH="$LAB/gss-mech-ntlm" browse "http://nospn.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_healthy_ticket_reuse() {
  # Three visits, three connections, one TGS exchange: the second and third
  # AP-REQ reuse the cached service ticket.
  client_conf
  alice_kinit
  start_apache healthyr < <(default_vhosts)
  cap_start healthy_ticket_reuse
  local visit
  for visit in 1 2 3; do browse "http://web01.$DOMAIN/"; done
  cap_stop
  stop_apache
}

sc_s4_cname_canonical_unknown() {
  # portal is a CNAME of nospn; HTTP/portal is registered on svc_web, which
  # runs the site. The client canonicalises the name and asks for
  # HTTP/nospn.example.test, which no account holds: KRB-ERROR 7.
  client_conf canon=true
  alice_kinit
  start_apache s4u < <(default_vhosts
    vhost "$IP_NOSPN" 80 "portal.$DOMAIN" "$LAB/keytabs/svc_web_sites.keytab")
  cap_start s4_cname_canonical_unknown
  browse "http://portal.$DOMAIN/"
  cap_stop
  stop_apache
}

sc_s4_cname_wrong_account() {
  # shop is a CNAME of web01; the shop site on web01 runs as svc_web, which
  # holds HTTP/shop. The client canonicalises the name and gets a ticket for
  # HTTP/web01.example.test (WEB01$'s key), which the site cannot use.
  client_conf canon=true
  alice_kinit
  start_apache s4w < <(default_vhosts
    vhost "$IP_WEB01" 80 "shop.$DOMAIN" "$LAB/keytabs/svc_web_sites.keytab")
  cap_start s4_cname_wrong_account
  browse "http://shop.$DOMAIN/"
  cap_stop
  stop_apache
}

# ---------------------------------------------------------------------------
start_dns
setup_realm
setup_more_principals
start_kdc
T0=$(date +%s)
for s in "${SCENARIOS[@]}"; do
  log "scenario $s"
  "sc_$s"
done
log "done in $(( $(date +%s) - T0 ))s"
# The synthetic captures are derived from real ones: rebuild them when their
# sources are in the output directory.
if [ -f "$OUT/s2_wrong_account.pcapng" ] && [ -f "$OUT/s1_spn_unknown_ntlm.pcapng" ] &&
   [ -f "$OUT/s1_spn_unknown.pcapng" ] && [ -f "$OUT/s14_delegation.pcapng" ] &&
   [ -f "$OUT/s13_large_token.pcapng" ]; then
  python3 "$HERE/make_synthetic.py" "$OUT" >&2
fi
cat "$CURL_LOG" >&2
