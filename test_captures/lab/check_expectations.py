#!/usr/bin/env python3
"""Sanity-check the expectations files against the captures using only
Wireshark's built-in dissectors (no kerbdiag plugin needed):

  * every .expect has its capture and vice versa, and parses;
  * every display filter is valid and selects at least one frame;
  * keytab lines name an existing keytab;
  * field lines whose value Wireshark can show itself agree with it
    (kerbdiag.krb.error ~ kerberos.error_code, kerbdiag.http.host ~ http.host,
    kerbdiag.spn ~ kerberos.SNameString, ticket etype/kvno ~ kerberos.etype/kvno).

usage: check_expectations.py [TEST_CAPTURES_DIR] [NAME...]
"""
import os
import subprocess
import sys

VERDICTS = {"kerberos-ok", "ntlm-fallback", "ntlm", "failed", "anonymous"}
MECHS = {"krb5-ap-req", "krb5-ap-rep", "krb5-error", "ntlmssp-negotiate",
         "ntlmssp-challenge", "ntlmssp-auth", "spnego-neg-result", "none"}
FIELDS = {"kerbdiag.spn", "kerbdiag.http.host", "kerbdiag.mech",
          "kerbdiag.krb.error", "kerbdiag.ticket.etype", "kerbdiag.ticket.kvno"}
# Fields only kerbdiag shows (decrypted ticket parts, e-data, DNS summaries):
# their filter must select a frame; the value is left to the plugin's tests.
PLUGIN_FIELDS = {"kerbdiag.krb.server", "kerbdiag.krb.ntstatus", "kerbdiag.dns.query",
                 "kerbdiag.ticket.decrypted_by", "kerbdiag.ticket.account",
                 "kerbdiag.ticket.client", "kerbdiag.ticket.flags",
                 "kerbdiag.ticket.key_verdict"}


def tshark_fields(pcap, dfilter, fields):
    cmd = ["tshark", "-r", pcap, "-Y", dfilter, "-T", "fields",
           "-E", "occurrence=a", "-E", "aggregator=|"]
    for f in fields:
        cmd += ["-e", f]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise ValueError(p.stderr.strip().splitlines()[-1] if p.stderr.strip() else "tshark failed")
    return [line.split("\t") for line in p.stdout.splitlines()]


def parse(path):
    out = []
    with open(path) as f:
        for n, raw in enumerate(f, 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            word, _, rest = line.partition(" ")
            out.append((n, word, rest.strip()))
    return out


def check(tc, name):
    errors = []
    exp = os.path.join(tc, "expectations", name + ".expect")
    capture = name
    for _, word, rest in parse(exp):
        if word == "capture":   # another expectations file of the same capture
            capture = rest
    pcap = os.path.join(tc, capture + ".pcapng")
    if not os.path.exists(pcap):
        return ["%s: capture missing" % name]
    seen = set()
    for n, word, rest in parse(exp):
        where = "%s.expect:%d" % (name, n)
        seen.add(word)
        try:
            if word == "scenario":
                if not rest:
                    errors.append("%s: empty scenario" % where)
            elif word == "produced":
                if rest not in ("real", "synthetic"):
                    errors.append("%s: produced must be real or synthetic" % where)
                if (rest == "synthetic") != name.startswith("synthetic_"):
                    errors.append("%s: synthetic captures must be named synthetic_*" % where)
            elif word == "keytab":
                if not os.path.exists(os.path.join(tc, "keytabs", rest)):
                    errors.append("%s: keytab %s missing" % (where, rest))
            elif word in ("quiet", "capture"):
                pass
            elif word in ("finding", "verdict"):
                value, _, dfilter = rest.partition(" ")
                if word == "verdict" and value not in VERDICTS:
                    errors.append("%s: unknown verdict %s" % (where, value))
                if not dfilter:
                    errors.append("%s: missing display filter" % where)
                elif not tshark_fields(pcap, dfilter, ["frame.number"]):
                    errors.append("%s: filter selects no frame: %s" % (where, dfilter))
            elif word == "field":
                field, _, rest2 = rest.partition(" ")
                value, _, dfilter = rest2.partition(" ")
                if field not in FIELDS | PLUGIN_FIELDS:
                    errors.append("%s: unknown field %s" % (where, field))
                    continue
                if field == "kerbdiag.mech" and value not in MECHS:
                    errors.append("%s: unknown mech %s" % (where, value))
                rows = tshark_fields(pcap, dfilter or "frame", [
                    "frame.number", "kerberos.error_code", "http.host",
                    "kerberos.SNameString", "kerberos.etype", "kerberos.kvno"])
                if not rows:
                    errors.append("%s: filter selects no frame: %s" % (where, dfilter))
                    continue
                col = {"kerbdiag.krb.error": 1, "kerbdiag.http.host": 2,
                       "kerbdiag.spn": 3, "kerbdiag.ticket.etype": 4,
                       "kerbdiag.ticket.kvno": 5}.get(field)
                if col is None:
                    continue
                ok = False
                for r in rows:
                    vals = r[col].split("|") if col < len(r) else []
                    if field == "kerbdiag.spn":
                        # SNameString lists name components; an SPN a/b shows as a|b
                        joined = "|".join(vals)
                        if "|".join(value.split("/")) in joined:
                            ok = True
                    elif value in vals:
                        ok = True
                if not ok:
                    errors.append("%s: no selected frame shows %s = %s in Wireshark's own fields"
                                  % (where, field, value))
            else:
                errors.append("%s: unknown directive %s" % (where, word))
        except ValueError as e:
            errors.append("%s: %s" % (where, e))
    for need in ("scenario", "produced"):
        if need not in seen:
            errors.append("%s.expect: no %s line" % (name, need))
    return errors


def main():
    args = sys.argv[1:]
    tc = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if args and os.path.isdir(args[0]):
        tc = args.pop(0)
    exps = sorted(f[:-7] for f in os.listdir(os.path.join(tc, "expectations")) if f.endswith(".expect"))
    caps = sorted(f[:-7] for f in os.listdir(tc) if f.endswith(".pcapng"))
    errors = []
    names = args or exps
    if not args:
        for c in caps:
            if c not in exps:
                errors.append("%s.pcapng: no expectations file" % c)
    for name in names:
        e = check(tc, name)
        print("%-40s %s" % (name, "ok" if not e else "FAIL"))
        errors += e
    for e in errors:
        print("  " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
