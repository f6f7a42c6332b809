#include "frame_role.h"

#include "krb_errors.h"

namespace kerbdiag {

std::string_view msg_type_name(KrbMsgType type)
{
    switch (type) {
    case KrbMsgType::as_req: return "AS-REQ";
    case KrbMsgType::as_rep: return "AS-REP";
    case KrbMsgType::tgs_req: return "TGS-REQ";
    case KrbMsgType::tgs_rep: return "TGS-REP";
    case KrbMsgType::ap_req: return "AP-REQ";
    case KrbMsgType::ap_rep: return "AP-REP";
    case KrbMsgType::krb_error: return "KRB-ERROR";
    case KrbMsgType::unknown: return "";
    }
    return "";
}

std::string_view mech_name(Mech mech)
{
    switch (mech) {
    case Mech::none: return "none";
    case Mech::krb5_ap_req: return "krb5-ap-req";
    case Mech::krb5_ap_rep: return "krb5-ap-rep";
    case Mech::krb5_error: return "krb5-error";
    case Mech::ntlmssp_negotiate: return "ntlmssp-negotiate";
    case Mech::ntlmssp_challenge: return "ntlmssp-challenge";
    case Mech::ntlmssp_auth: return "ntlmssp-auth";
    case Mech::spnego_neg_result: return "spnego-neg-result";
    }
    return "none";
}

namespace {

std::string kerberos_role(const KerberosMessage& msg)
{
    std::string role(msg_type_name(msg.msg_type));
    if (msg.error_code) role += " " + krb_error_name(*msg.error_code);
    else if (!msg.sname.empty()) role += " " + msg.sname;
    return role;
}

std::string http_role(const HttpMessage& http)
{
    std::string role = http.is_request ? "HTTP " + http.method + " " + http.uri
                                       : "HTTP " + std::to_string(http.response_code);
    const AuthHeader* auth = http.authorization ? &*http.authorization
                             : http.www_authenticate.empty() ? nullptr
                                                             : &http.www_authenticate.front();
    if (auth && auth->mech != Mech::none) role += " " + std::string(mech_name(auth->mech));
    return role;
}

}  // namespace

std::string frame_role(const FrameObservation& frame)
{
    if (!frame.kerberos.empty()) return kerberos_role(frame.kerberos.front());
    if (!frame.http.empty()) return http_role(frame.http.front());
    if (!frame.dns.empty())
        return (frame.dns.front().is_response ? "DNS answer for " : "DNS query for ") + frame.dns.front().query_name;
    if (frame.transport.icmp_unreachable) return "ICMP unreachable";
    if (frame.transport.tcp_reset) return "TCP reset";
    return "";
}

}  // namespace kerbdiag
