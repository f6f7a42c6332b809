#!/usr/bin/env python3
"""Directory changes for the Samba AD lab (record_ad.sh), made on the DC's
own sam.ldb through Samba's Python bindings, so that every check Samba makes
over LDAP (SPN uniqueness, password rules) applies. Much faster than one
samba-tool process per change.

  ad_admin.py SMB.CONF user NAME PASSWORD [ENCTYPES]
  ad_admin.py SMB.CONF computer NAME PASSWORD DNSHOSTNAME [ENCTYPES]
  ad_admin.py SMB.CONF spn add|del ACCOUNT SPN
  ad_admin.py SMB.CONF attr ACCOUNT ATTRIBUTE VALUE...   (no VALUE: delete)
  ad_admin.py SMB.CONF uac ACCOUNT +FLAG|-FLAG           (decimal flag)
  ad_admin.py SMB.CONF dns NAME A IP | CNAME TARGET | none
  ad_admin.py SMB.CONF mustchange ACCOUNT                (pwdLastSet = 0)
  ad_admin.py SMB.CONF disable ACCOUNT
  ad_admin.py SMB.CONF password ACCOUNT PASSWORD         (new keys, kvno + 1)
  ad_admin.py SMB.CONF groups ACCOUNT PREFIX COUNT       (COUNT new groups)
"""
import sys

import ldb
from samba.auth import system_session
from samba import WERRORError
from samba.dcerpc import dnsp
from samba.ndr import ndr_pack
from samba.param import LoadParm
from samba.samdb import SamDB


def main(argv):
    conf, cmd, args = argv[1], argv[2], argv[3:]
    lp = LoadParm()
    lp.load(conf)
    db = SamDB(url=lp.samdb_url(), session_info=system_session(), lp=lp)
    base = db.domain_dn()

    def account_dn(name):
        res = db.search(base, ldb.SCOPE_SUBTREE,
                        "(sAMAccountName=%s)" % ldb.binary_encode(name), ["dn"])
        if len(res) != 1:
            raise SystemExit("ad_admin: no account %s" % name)
        return res[0].dn

    def modify(dn, attr, values, flag=ldb.FLAG_MOD_REPLACE):
        m = ldb.Message(dn)
        m[attr] = ldb.MessageElement(values, flag, attr)
        db.modify(m)

    if cmd == "user":
        name, pw = args[0], args[1]
        db.newuser(name, pw)
        if len(args) > 2:
            modify(account_dn(name), "msDS-SupportedEncryptionTypes", [args[2]])
    elif cmd == "computer":
        name, pw, host = args[0], args[1], args[2]
        db.newcomputer(name)
        sam = name + "$"
        db.setpassword("(sAMAccountName=%s)" % ldb.binary_encode(sam), pw)
        dn = account_dn(sam)
        modify(dn, "dNSHostName", [host])
        modify(dn, "servicePrincipalName", ["HOST/%s" % host, "HOST/%s" % name.upper()])
        if len(args) > 3:
            modify(dn, "msDS-SupportedEncryptionTypes", [args[3]])
    elif cmd == "spn":
        op, name, spn = args
        modify(account_dn(name), "servicePrincipalName", [spn],
               ldb.FLAG_MOD_ADD if op == "add" else ldb.FLAG_MOD_DELETE)
    elif cmd == "attr":
        name, attr, values = args[0], args[1], args[2:]
        if values:
            modify(account_dn(name), attr, values)
        else:
            modify(account_dn(name), attr, [], ldb.FLAG_MOD_DELETE)
    elif cmd == "uac":
        name, change = args
        dn = account_dn(name)
        res = db.search(dn, ldb.SCOPE_BASE, attrs=["userAccountControl"])
        uac = int(res[0]["userAccountControl"][0])
        flag = int(change[1:])
        uac = uac | flag if change[0] == "+" else uac & ~flag
        modify(dn, "userAccountControl", [str(uac)])
    elif cmd == "dns":
        name, kind = args[0], args[1]
        recs = []
        if kind in ("A", "CNAME"):
            r = dnsp.DnssrvRpcRecord()
            r.wType = dnsp.DNS_TYPE_A if kind == "A" else dnsp.DNS_TYPE_CNAME
            r.rank = dnsp.DNS_RANK_ZONE
            r.dwSerial = 1
            r.dwTtlSeconds = 900
            r.dwTimeStamp = 0
            r.data = args[2]
            recs = [r]
        try:
            db.dns_replace(name, recs)
        except WERRORError:
            if not recs:
                return
            # A new name: create its dnsNode in the domain's zone.
            zone = str(db.domain_dns_name())
            label = name[:-len(zone) - 1] if name.endswith("." + zone) else name
            db.add({"dn": "DC=%s,DC=%s,CN=MicrosoftDNS,DC=DomainDnsZones,%s" % (label, zone, base),
                    "objectClass": ["top", "dnsNode"],
                    "dnsRecord": [ndr_pack(r) for r in recs]})
    elif cmd == "mustchange":
        modify(account_dn(args[0]), "pwdLastSet", ["0"])
    elif cmd == "password":
        db.setpassword("(sAMAccountName=%s)" % ldb.binary_encode(args[0]), args[1])
    elif cmd == "disable":
        db.disable_account("(sAMAccountName=%s)" % ldb.binary_encode(args[0]))
    elif cmd == "groups":
        name, prefix, count = args[0], args[1], int(args[2])
        member = str(account_dn(name))
        users = "CN=Users,%s" % base
        db.transaction_start()
        try:
            for i in range(1, count + 1):
                g = "%s%03d" % (prefix, i)
                db.add({"dn": "CN=%s,%s" % (g, users), "objectClass": "group",
                        "sAMAccountName": g, "member": member})
        except Exception:
            db.transaction_cancel()
            raise
        db.transaction_commit()
    else:
        raise SystemExit("ad_admin: unknown command %s" % cmd)


if __name__ == "__main__":
    main(sys.argv)
