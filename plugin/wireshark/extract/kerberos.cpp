// Kerberos messages (on the KDC ports or inside an auth token), their
// PA-DATA and tickets. Encrypted parts are never walked into.
#include "decoders.h"

namespace kerbdiag::extract {
namespace {

void append_name_component(std::string& name, const std::string& component)
{
    if (!name.empty()) name += '/';
    name += component;
}

KrbMsgType message_type_of(Field field)
{
    switch (field) {
    case Field::krb_as_req: return KrbMsgType::as_req;
    case Field::krb_as_rep: return KrbMsgType::as_rep;
    case Field::krb_tgs_req: return KrbMsgType::tgs_req;
    case Field::krb_tgs_rep: return KrbMsgType::tgs_rep;
    case Field::krb_ap_req: return KrbMsgType::ap_req;
    case Field::krb_ap_rep: return KrbMsgType::ap_rep;
    case Field::krb_error: return KrbMsgType::krb_error;
    default: return KrbMsgType::unknown;
    }
}

Step open_message(Field field, WalkContext& ctx)
{
    if (ctx.krb) {  // an AP-REQ carried inside another message's PA-DATA
        ctx.nested_message = true;
        return Step::descend;
    }
    auto& messages = ctx.auth ? ctx.auth->kerberos : ctx.frame->kerberos;
    messages.emplace_back();
    ctx.krb = &messages.back();
    ctx.krb->msg_type = message_type_of(field);
    ctx.krb->carrier = ctx.auth ? KrbCarrier::http : KrbCarrier::other;
    ctx.ticket = nullptr;
    ctx.nested_message = false;
    ctx.in_padata = false;
    ctx.in_additional = false;
    ctx.padata_type = 0;
    return Step::descend;
}

// Inside the AS-REQ's own PA-ENC-TIMESTAMP (not in a ticket, a nested
// message, or a KRB-ERROR's e-data, which lists padata 2 without a value).
bool pa_enc_timestamp_of(const WalkContext& ctx)
{
    return ctx.in_padata && ctx.padata_type == 2 && !ctx.nested_message && !ctx.ticket &&
           ctx.krb->msg_type == KrbMsgType::as_req;
}

void record_message_field(Field field, field_info* fi, KerberosMessage& msg)
{
    switch (field) {
    case Field::krb_kdc_options: msg.kdc_options = bytes_value(fi); break;
    case Field::krb_error_code: msg.error_code = int_value(fi); break;
    case Field::krb_e_text: msg.e_text = string_value(fi); break;
    case Field::krb_e_data: msg.e_data = bytes_value(fi); break;
    case Field::krb_stime: msg.stime = time_value(fi); break;
    case Field::krb_ctime: msg.ctime = time_value(fi); break;
    default: break;
    }
}

}  // namespace

// The last decoder asked: every field not claimed before is walked through.
Step decode_kerberos(Field field, field_info* fi, WalkContext& ctx)
{
    if (message_type_of(field) != KrbMsgType::unknown) return open_message(field, ctx);
    if (field == Field::krb_opaque) return Step::skip;
    if (!ctx.krb) return Step::descend;
    KerberosMessage& msg = *ctx.krb;
    bool own = !ctx.nested_message && !ctx.ticket;  // a field of the message itself
    switch (field) {
    case Field::krb_pa_data:
        ctx.in_padata = true;
        ctx.padata_type = 0;
        break;
    case Field::krb_additional_tickets: ctx.in_additional = true; break;
    case Field::krb_padata_type:
        ctx.padata_type = int_value(fi);
        break;
    case Field::krb_ticket:
        msg.tickets.emplace_back();
        ctx.ticket = &msg.tickets.back();
        ctx.ticket->in_padata = ctx.in_padata;
        ctx.ticket->additional = ctx.in_additional;
        break;
    case Field::krb_sname_string:
        if (ctx.ticket) append_name_component(ctx.ticket->sname, string_value(fi));
        else if (own) append_name_component(msg.sname, string_value(fi));
        break;
    case Field::krb_cname_string:
        if (own) append_name_component(msg.cname, string_value(fi));
        break;
    case Field::krb_realm:
        if (ctx.ticket) ctx.ticket->realm = string_value(fi);
        else if (own && msg.realm.empty()) msg.realm = string_value(fi);
        break;
    case Field::krb_crealm:
        if (own) msg.crealm = string_value(fi);
        break;
    case Field::krb_etype:
        if (ctx.ticket) ctx.ticket->etype = int_value(fi);
        else if (pa_enc_timestamp_of(ctx)) msg.pa_enc_timestamp_etype = int_value(fi);
        break;
    case Field::krb_kvno:
        if (ctx.ticket) ctx.ticket->kvno = uint_value(fi);
        break;
    case Field::krb_cipher:
        if (!ctx.read_ciphers) return Step::skip;
        if (ctx.ticket) ctx.ticket->cipher = bytes_value(fi);
        else if (pa_enc_timestamp_of(ctx)) msg.pa_enc_timestamp = bytes_value(fi);
        return Step::skip;  // decrypted contents hang below the cipher
    default:
        if (own) record_message_field(field, fi, msg);
        break;
    }
    return Step::descend;
}

}  // namespace kerbdiag::extract
