#!/usr/bin/env python3
"""A web server that offers only "WWW-Authenticate: NTLM" (like an IIS site
whose providers list lacks Negotiate).

It runs the NTLM handshake on one keep-alive connection: NEGOTIATE is
answered with a CHALLENGE (domain EXAMPLE, server WEB01), AUTHENTICATE with
200. The NTLM response is NOT verified: the lab only needs the wire shape.

With --offer-negotiate its 401s offer "Negotiate" and "NTLM" (two headers,
in that order, as an IIS site with the default providers does). It cannot
accept Kerberos: a Negotiate token is answered with the same 401. This mode
is for clients that answer such an offer with NTLM (gss-ntlmssp, behind
mod_auth_gssapi, does not accept curl's 32-byte NTLM NEGOTIATE message).

usage: ntlm_only_server.py ADDR PORT [--offer-negotiate]
"""
import base64
import os
import struct
import sys
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

NETBIOS_DOMAIN = "EXAMPLE"
NETBIOS_HOST = "WEB01"
DNS_DOMAIN = "example.test"
DNS_HOST = "web01.example.test"

NTLMSSP_FLAGS = 0xE2898215  # unicode, request-target, sign, NTLM, always-sign,
                            # domain target, ESS, target-info, version, 128, key-exch, 56


def av_pair(av_id, value):
    return struct.pack("<HH", av_id, len(value)) + value


def challenge_message():
    target = NETBIOS_DOMAIN.encode("utf-16le")
    filetime = int((time.time() + 11644473600) * 10_000_000)
    info = (av_pair(2, NETBIOS_DOMAIN.encode("utf-16le"))
            + av_pair(1, NETBIOS_HOST.encode("utf-16le"))
            + av_pair(4, DNS_DOMAIN.encode("utf-16le"))
            + av_pair(3, DNS_HOST.encode("utf-16le"))
            + av_pair(5, DNS_DOMAIN.encode("utf-16le"))
            + av_pair(7, struct.pack("<Q", filetime))
            + av_pair(0, b""))
    header_len = 56
    msg = b"NTLMSSP\0" + struct.pack("<I", 2)
    msg += struct.pack("<HHI", len(target), len(target), header_len)
    msg += struct.pack("<I", NTLMSSP_FLAGS)
    msg += os.urandom(8)                      # server challenge
    msg += b"\0" * 8                          # reserved
    msg += struct.pack("<HHI", len(info), len(info), header_len + len(target))
    msg += bytes([10, 0]) + struct.pack("<H", 17763) + b"\0\0\0\x0f"  # version
    assert len(msg) == header_len
    return msg + target + info


class Handler(BaseHTTPRequestHandler):
    offers = ["NTLM"]
    protocol_version = "HTTP/1.1"
    server_version = "Microsoft-IIS/10.0"
    sys_version = ""

    def log_message(self, fmt, *args):
        pass

    def reply(self, code, auth_header=None):
        body = (b"<html><body>authenticated</body></html>\n" if code == 200
                else b"<html><body>401 - Unauthorized</body></html>\n")
        self.send_response(code)
        if auth_header == "offer":
            for scheme in self.offers:
                self.send_header("WWW-Authenticate", scheme)
        elif auth_header:
            self.send_header("WWW-Authenticate", auth_header)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        auth = self.headers.get("Authorization", "")
        if not auth.startswith("NTLM "):
            return self.reply(401, "offer")
        try:
            token = base64.b64decode(auth[5:].strip())
            msg_type = struct.unpack("<I", token[8:12])[0]
        except Exception:
            return self.reply(401, "offer")
        if token[:8] != b"NTLMSSP\0":
            return self.reply(401, "offer")
        if msg_type == 1:
            return self.reply(401, "NTLM " + base64.b64encode(challenge_message()).decode())
        if msg_type == 3:
            return self.reply(200)
        return self.reply(401, "offer")


def main():
    addr, port = sys.argv[1], int(sys.argv[2])
    if "--offer-negotiate" in sys.argv[3:]:
        Handler.offers = ["Negotiate", "NTLM"]
    HTTPServer((addr, port), Handler).serve_forever()


if __name__ == "__main__":
    main()
