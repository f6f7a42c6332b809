// HTTP: messages and their Authorization / WWW-Authenticate headers.
#include "decoders.h"

namespace kerbdiag::extract {
namespace {

AuthHeader parse_auth_header(const std::string& value)
{
    AuthHeader header;
    header.header_length = value.size();
    header.scheme = value.substr(0, value.find(' '));
    return header;
}

}  // namespace

Step decode_http(Field field, field_info* fi, WalkContext& ctx)
{
    FrameObservation& frame = *ctx.frame;
    switch (field) {
    case Field::proto_http:
        frame.http.emplace_back();
        ctx.http = &frame.http.back();
        ctx.auth = nullptr;
        break;
    case Field::http_request:
        if (ctx.http) ctx.http->is_request = bool_value(fi);
        break;
    case Field::http_method:
        if (ctx.http) {
            ctx.http->is_request = true;
            ctx.http->method = string_value(fi);
        }
        break;
    case Field::http_uri:
        if (ctx.http) ctx.http->uri = string_value(fi);
        break;
    case Field::http_host:
        if (ctx.http) ctx.http->host = string_value(fi);
        break;
    case Field::http_status:
        if (ctx.http) ctx.http->response_code = static_cast<uint16_t>(uint_value(fi));
        break;
    case Field::http_authorization:
        if (ctx.http) {
            ctx.http->authorization = parse_auth_header(string_value(fi));
            ctx.auth = &*ctx.http->authorization;
            ctx.krb = nullptr;
        }
        break;
    case Field::http_www_authenticate:
        if (ctx.http) {
            ctx.http->www_authenticate.push_back(parse_auth_header(string_value(fi)));
            ctx.auth = &ctx.http->www_authenticate.back();
            ctx.krb = nullptr;
        }
        break;
    default:
        return Step::not_mine;
    }
    return Step::descend;
}

Mech mech_of(const AuthHeader& auth)
{
    if (auth.mech != Mech::none) return auth.mech;  // NTLMSSP, set while walking
    for (const auto& msg : auth.kerberos) {
        switch (msg.msg_type) {
        case KrbMsgType::ap_req: return Mech::krb5_ap_req;
        case KrbMsgType::ap_rep: return Mech::krb5_ap_rep;
        case KrbMsgType::krb_error: return Mech::krb5_error;
        default: break;
        }
    }
    return auth.neg_result ? Mech::spnego_neg_result : Mech::none;
}

}  // namespace kerbdiag::extract
