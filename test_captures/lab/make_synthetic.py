#!/usr/bin/env python3
"""Build the synthetic captures: wire behaviour of Windows servers and
browsers that the MIT/Apache/curl lab cannot produce, derived from the real
lab captures by editing real recorded messages.

Every synthetic capture starts from one real capture and keeps its packets,
timestamps and real Kerberos/NTLM tokens; only the bytes named below change
(TCP sequence numbers and checksums are fixed up). Each edited frame carries
a pcapng comment starting with "synthetic:", and the section header says
which real capture it was derived from.

  synthetic_s2_iis_error41             from s2_wrong_account
  synthetic_s8_browser_ntlm_in_spnego  from s1_spn_unknown_ntlm
  synthetic_s3_principal_not_unique    from s1_spn_unknown
  synthetic_s14_s4u2proxy_badoption    from s14_delegation
  synthetic_s13_httpsys_400            from s13_large_token

usage: make_synthetic.py [TEST_CAPTURES_DIR]    (python3 standard library only)
"""
import base64
import os
import re
import struct
import sys

# ---------------------------------------------------------------------------
# pcapng
# ---------------------------------------------------------------------------


def read_pcapng(path):
    """Returns (linktype, [(ts_high, ts_low, data)]) for a single-interface file."""
    with open(path, "rb") as f:
        buf = f.read()
    off = 0
    linktype = None
    pkts = []
    endian = "<"
    while off < len(buf):
        btype, blen = struct.unpack_from(endian + "II", buf, off)
        if btype == 0x0A0D0D0A:
            bom = buf[off + 8:off + 12]
            endian = "<" if bom == b"\x4d\x3c\x2b\x1a" else ">"
            btype, blen = struct.unpack_from(endian + "II", buf, off)
        elif btype == 1:
            linktype = struct.unpack_from(endian + "H", buf, off + 8)[0]
        elif btype == 6:
            _, tsh, tsl, caplen, _ = struct.unpack_from(endian + "IIIII", buf, off + 8)
            pkts.append((tsh, tsl, buf[off + 28:off + 28 + caplen]))
        off += blen
    return linktype, pkts


def _opt(code, value):
    pad = (4 - len(value) % 4) % 4
    return struct.pack("<HH", code, len(value)) + value + b"\0" * pad


def _block(btype, body):
    blen = 12 + len(body)
    return struct.pack("<II", btype, blen) + body + struct.pack("<I", blen)


def write_pcapng(path, linktype, pkts, comment):
    out = bytearray()
    shb = struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)
    shb += _opt(1, comment.encode()) + _opt(4, b"kerbdiag make_synthetic.py") + _opt(0, b"")
    out += _block(0x0A0D0D0A, shb)
    idb = struct.pack("<HHI", linktype, 0, 262144) + _opt(2, b"lo") + _opt(9, b"\x09") + _opt(0, b"")
    out += _block(1, idb)
    for tsh, tsl, data, pcomment in pkts:
        body = struct.pack("<IIIII", 0, tsh, tsl, len(data), len(data))
        body += data + b"\0" * ((4 - len(data) % 4) % 4)
        if pcomment:
            body += _opt(1, pcomment.encode()) + _opt(0, b"")
        out += _block(6, body)
    with open(path, "wb") as f:
        f.write(out)


# ---------------------------------------------------------------------------
# Ethernet / IPv4 / TCP / UDP
# ---------------------------------------------------------------------------


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


class Pkt:
    """A parsed Ethernet/IPv4 TCP or UDP packet that can be re-serialised."""

    def __init__(self, tsh, tsl, data):
        self.tsh, self.tsl, self.comment = tsh, tsl, None
        self.eth = data[:14]
        ip = data[14:]
        ihl = (ip[0] & 0x0F) * 4
        self.iph = bytearray(ip[:ihl])
        self.proto = ip[9]
        self.src, self.dst = ip[12:16], ip[16:20]
        total = struct.unpack("!H", ip[2:4])[0]
        l4 = ip[ihl:total]
        if self.proto == 6:
            thl = (l4[12] >> 4) * 4
            self.l4h = bytearray(l4[:thl])
            self.payload = bytes(l4[thl:])
            self.sport, self.dport, self.seq, self.ack = struct.unpack("!HHII", l4[:12])
        elif self.proto == 17:
            self.l4h = bytearray(l4[:8])
            self.payload = bytes(l4[8:])
            self.sport, self.dport = struct.unpack("!HH", l4[:4])
        else:
            self.l4h = bytearray()
            self.payload = bytes(l4)
            self.sport = self.dport = 0

    @property
    def flags(self):
        return self.l4h[13] if self.proto == 6 else 0

    def serialise(self):
        l4h = bytearray(self.l4h)
        if self.proto == 6:
            struct.pack_into("!II", l4h, 4, self.seq & 0xFFFFFFFF, self.ack & 0xFFFFFFFF)
            l4h[16:18] = b"\0\0"
            pseudo = self.src + self.dst + struct.pack("!BBH", 0, 6, len(l4h) + len(self.payload))
            struct.pack_into("!H", l4h, 16, csum(pseudo + bytes(l4h) + self.payload))
        elif self.proto == 17:
            struct.pack_into("!HH", l4h, 4, 8 + len(self.payload), 0)
            pseudo = self.src + self.dst + struct.pack("!BBH", 0, 17, 8 + len(self.payload))
            c = csum(pseudo + bytes(l4h) + self.payload) or 0xFFFF
            struct.pack_into("!H", l4h, 6, c)
        iph = bytearray(self.iph)
        struct.pack_into("!H", iph, 2, len(iph) + len(l4h) + len(self.payload))
        iph[10:12] = b"\0\0"
        struct.pack_into("!H", iph, 10, csum(bytes(iph)))
        return self.eth + bytes(iph) + bytes(l4h) + self.payload


def rewrite(pkts):
    """Fix TCP seq/ack after payload length changes (per direction of each
    connection), then serialise."""
    shift = {}   # (src, sport, dst, dport) -> list of (orig_seq_end, cumulative delta)
    out = []
    for p in pkts:
        if p.proto == 6:
            key = (p.src, p.sport, p.dst, p.dport)
            rkey = (p.dst, p.dport, p.src, p.sport)
            mine = shift.setdefault(key, [])
            delta = mine[-1][1] if mine else 0
            orig_len = getattr(p, "orig_len", len(p.payload))
            seq0 = p.seq
            p.seq = seq0 + delta
            if orig_len or len(p.payload):
                mine.append((seq0 + orig_len, delta + len(p.payload) - orig_len))
            if p.flags & 0x10:
                d = 0
                for end, cum in shift.get(rkey, []):
                    if (end - p.ack) & 0x80000000 or end == p.ack:
                        d = cum
                p.ack = p.ack + d
        out.append((p.tsh, p.tsl, p.serialise(), p.comment))
    return out


def load(tc, name):
    lt, raw = read_pcapng(os.path.join(tc, name + ".pcapng"))
    assert lt == 1, "expected Ethernet link type"
    return [Pkt(*r) for r in raw]


def set_payload(p, new, comment):
    if not hasattr(p, "orig_len"):
        p.orig_len = len(p.payload)
    p.payload = new
    p.comment = comment if p.comment is None else p.comment + "; " + comment


# ---------------------------------------------------------------------------
# DER helpers (definite lengths only, which is all Kerberos uses)
# ---------------------------------------------------------------------------


def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def der(tag, content):
    return bytes([tag]) + der_len(len(content)) + content


def der_read(buf, off):
    """Returns (tag, content_start, content_end) of the TLV at off."""
    tag = buf[off]
    l = buf[off + 1]
    off += 2
    if l & 0x80:
        n = l & 0x7F
        l = int.from_bytes(buf[off:off + n], "big")
        off += n
    return tag, off, off + l


def der_children(buf, start, end):
    out = []
    off = start
    while off < end:
        tag, cs, ce = der_read(buf, off)
        out.append((tag, off, cs, ce))
        off = ce
    return out


def krb_error_set_code(krb_error, code, e_data=None, drop=()):
    """krb_error: bytes of a KRB-ERROR ([APPLICATION 30]). Returns a new
    KRB-ERROR with error-code [6] replaced, optionally e-data [12] set and
    the fields whose tags are in drop removed."""
    tag, cs, ce = der_read(krb_error, 0)
    assert tag == 0x7E
    stag, scs, sce = der_read(krb_error, cs)
    assert stag == 0x30
    fields = []
    for t, o, c, e in der_children(krb_error, scs, sce):
        if t == 0xA6:
            fields.append((t, der(0xA6, der(0x02, bytes([code])))))
        elif t == 0xAC and e_data is not None:
            continue
        elif t in drop:
            continue
        else:
            fields.append((t, krb_error[o:e]))
    if e_data is not None:
        fields.append((0xAC, der(0xAC, der(0x04, e_data))))
        fields.sort(key=lambda f: f[0])
    return der(0x7E, der(0x30, b"".join(f[1] for f in fields)))


def find_krb_error(buf):
    """Offset of the KRB-ERROR inside buf (raw, GSS-wrapped or in SPNEGO)."""
    for m in re.finditer(b"\x7e", buf):
        off = m.start()
        try:
            tag, cs, ce = der_read(buf, off)
            stag, scs, sce = der_read(buf, cs)
        except IndexError:
            continue
        if stag == 0x30 and ce <= len(buf) and buf[scs:scs + 5] == b"\xa0\x03\x02\x01\x05":
            return off, ce
    raise ValueError("no KRB-ERROR found")


def _rebuild(buf, start, end, inner_off, inner_end, new_inner):
    """Re-encode buf[start:end] (a sequence of TLVs / raw bytes) replacing the
    byte range [inner_off, inner_end) by new_inner."""
    if start == inner_off and end == inner_end:
        return new_inner
    out = b""
    off = start
    while off < end:
        if off == inner_off:
            out += new_inner
            off = inner_end
            continue
        tag, cs, ce = der_read(buf, off)
        if cs <= inner_off < ce:
            if tag == 0x60:   # GSS-API InitialContextToken: OID, tok_id, body
                otag, ocs, oce = der_read(buf, cs)
                head = buf[cs:oce + 2]
                body = _rebuild(buf, oce + 2, ce, inner_off, inner_end, new_inner)
                out += der(tag, head + body)
            else:
                out += der(tag, _rebuild(buf, cs, ce, inner_off, inner_end, new_inner))
        else:
            out += buf[off:ce]
        off = ce
    return out


def negotiate_tokens(payload):
    """[(start, end)] of base64 tokens after 'Negotiate ' in an HTTP message."""
    return [(m.start(1), m.end(1)) for m in
            re.finditer(rb"(?:WWW-Authenticate|Authorization): Negotiate ([A-Za-z0-9+/=]+)", payload)]


# ---------------------------------------------------------------------------
# Scenarios
# ---------------------------------------------------------------------------


def is_http(p):
    return p.proto == 6 and (p.sport in (80, 8080) or p.dport in (80, 8080)) and p.payload


def s2_iis_error41(tc):
    pkts = load(tc, "s2_wrong_account")
    for p in pkts:
        if not is_http(p) or not p.payload.startswith(b"HTTP/1.1 401"):
            continue
        body = p.payload
        toks = negotiate_tokens(body)
        if toks:
            s, e = toks[0]
            tok = base64.b64decode(body[s:e])
            ko, ke = find_krb_error(tok)
            new_err = krb_error_set_code(tok[ko:ke], 41)
            tok2 = _rebuild(tok, 0, len(tok), ko, ke, new_err)
            body = body[:s] + base64.b64encode(tok2) + body[e:]
            body = body.replace(b"Server: Apache\r\n", b"Server: Microsoft-IIS/10.0\r\n")
            set_payload(p, body, "synthetic: KRB-ERROR in the Negotiate token changed from 31 "
                                 "(MIT BAD_INTEGRITY) to 41 (KRB_AP_ERR_MODIFIED, as IIS/Windows "
                                 "answers); Server header set to IIS")
        else:
            body = body.replace(b"Server: Apache\r\n", b"Server: Microsoft-IIS/10.0\r\n")
            body = body.replace(b"WWW-Authenticate: Negotiate\r\n",
                                b"WWW-Authenticate: Negotiate\r\nWWW-Authenticate: NTLM\r\n")
            set_payload(p, body, "synthetic: IIS-style 401 offering Negotiate and NTLM")
    return pkts, "s2_wrong_account"


def s8_browser_ntlm_in_spnego(tc):
    pkts = load(tc, "s1_spn_unknown_ntlm")
    keep = []
    for p in pkts:
        if p.proto == 17 and 88 in (p.sport, p.dport):
            continue                                  # no Kerberos at all
        if p.proto == 17 and 53 in (p.sport, p.dport) and b"\x03kdc\x07example" in p.payload:
            continue                                  # nor the KDC lookup
        if p.proto == 1:
            continue
        keep.append(p)
    first = True
    for p in keep:
        if b"nospn" in p.payload:
            note = "name nospn -> intra"
            if first and is_http(p) and b"Negotiate" in p.payload:
                note += "; the real capture's Kerberos frames (TGS-REQ, KRB-ERROR 7) were removed"
                first = False
            set_payload(p, p.payload.replace(b"nospn", b"intra"), "synthetic: " + note)
    return keep, "s1_spn_unknown_ntlm"


def s3_principal_not_unique(tc):
    pkts = load(tc, "s1_spn_unknown")
    for p in pkts:
        changed = []
        body = p.payload
        if b"nospn" in body:
            body = body.replace(b"nospn", b"share")
            changed.append("name nospn -> share")
        if p.proto == 17 and p.sport == 88:
            ko, ke = find_krb_error(body)
            err = body[ko:ke]
            new_err = krb_error_set_code(err, 8)
            assert len(new_err) == len(err)
            body = body[:ko] + new_err + body[ke:]
            changed.append("KRB-ERROR 7 -> 8 (KDC_ERR_PRINCIPAL_NOT_UNIQUE)")
        if changed:
            set_payload(p, body, "synthetic: " + ", ".join(changed))
    return pkts, "s1_spn_unknown"


def kerb_ext_error(ntstatus):
    # MS-KILE KERB-ERROR-DATA { data-type [1] 3 (KERB_ERR_TYPE_EXTENDED),
    #                           data-value [2] KERB-EXT-ERROR (status, reserved, flags) }
    ext = struct.pack("<III", ntstatus, 0, 1)
    return der(0x30, der(0xA1, der(0x02, b"\x03")) + der(0xA2, der(0x04, ext)))


def s14_s4u2proxy_badoption(tc):
    pkts = load(tc, "s14_delegation")
    for p in pkts:
        if 88 not in (p.sport, p.dport) or p.sport != 88 or b"MSSQLSvc" not in p.payload:
            continue
        # over TCP the KRB-ERROR follows a 4-byte record mark
        rm = 4 if p.proto == 6 else 0
        msg = p.payload[rm:]
        if msg[:1] != b"\x7e" or b"\xa6\x03\x02\x01\x0d" not in msg:
            continue                      # only the refused S4U2Proxy (error 13)
        ko, ke = find_krb_error(msg)
        new_err = krb_error_set_code(msg[ko:ke], 13, e_data=kerb_ext_error(0xC00000BB),
                                     drop=(0xAB,))
        new = msg[:ko] + new_err + msg[ke:]
        if rm:
            new = struct.pack("!I", len(new)) + new
        set_payload(p, new,
                    "synthetic: MIT's e-text and FAST e-data replaced by what a Windows KDC "
                    "sends: e-data KERB-ERROR-DATA type 3 with KERB-EXT-ERROR NTSTATUS "
                    "0xC00000BB (STATUS_NOT_SUPPORTED)")
    return pkts, "s14_delegation"


HTTPSYS_400_BODY = (
    b'<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">\r\n'
    b'<HTML><HEAD><TITLE>Bad Request</TITLE>\r\n'
    b'<META HTTP-EQUIV="Content-Type" Content="text/html; charset=us-ascii"></HEAD>\r\n'
    b'<BODY><h2>Bad Request - Request Too Long</h2>\r\n'
    b'<hr><p>HTTP Error 400. The size of the request headers is too long.</p>\r\n'
    b'</BODY></HTML>\r\n')


def s13_httpsys_400(tc):
    pkts = load(tc, "s13_large_token")
    for p in pkts:
        if is_http(p) and p.payload.startswith(b"HTTP/1.1 400"):
            date = re.search(rb"Date: [^\r]*\r\n", p.payload).group(0)
            new = (b"HTTP/1.1 400 Bad Request\r\n"
                   b"Content-Type: text/html; charset=us-ascii\r\n"
                   b"Server: Microsoft-HTTPAPI/2.0\r\n" + date +
                   b"Connection: close\r\n"
                   b"Content-Length: " + str(len(HTTPSYS_400_BODY)).encode() + b"\r\n\r\n" +
                   HTTPSYS_400_BODY)
            set_payload(p, new, "synthetic: Apache's 400 replaced by HTTP.sys's "
                                "'Bad Request - Request Too Long' response")
        elif is_http(p) and p.payload.startswith(b"HTTP/1.1 401"):
            body = p.payload.replace(b"Server: Apache\r\n", b"Server: Microsoft-IIS/10.0\r\n")
            set_payload(p, body, "synthetic: Server header set to IIS")
    return pkts, "s13_large_token"


SCENARIOS = {
    "synthetic_s2_iis_error41": s2_iis_error41,
    "synthetic_s8_browser_ntlm_in_spnego": s8_browser_ntlm_in_spnego,
    "synthetic_s3_principal_not_unique": s3_principal_not_unique,
    "synthetic_s14_s4u2proxy_badoption": s14_s4u2proxy_badoption,
    "synthetic_s13_httpsys_400": s13_httpsys_400,
}


def main():
    tc = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(
        os.path.dirname(os.path.abspath(__file__)))
    for name, fn in SCENARIOS.items():
        pkts, source = fn(tc)
        out = rewrite(pkts)
        path = os.path.join(tc, name + ".pcapng")
        write_pcapng(path, 1, out,
                     "synthetic capture, derived from the real lab capture %s.pcapng by "
                     "test_captures/lab/make_synthetic.py; edited frames carry a "
                     "'synthetic:' comment" % source)
        print("%s: %d frames (from %s)" % (name, len(out), source))


if __name__ == "__main__":
    main()
