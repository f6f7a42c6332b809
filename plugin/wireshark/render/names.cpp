// Core enums in the words Wireshark and the kerbdiag fields use.
#include "render_parts.h"

using namespace kerbdiag;

namespace kerbdiag::render {

int ws_severity(Severity severity)
{
    switch (severity) {
    case Severity::chat: return PI_CHAT;
    case Severity::note: return PI_NOTE;
    case Severity::warn: return PI_WARN;
    case Severity::error: return PI_ERROR;
    }
    return PI_NOTE;
}

int ws_group(ExpertGroup group)
{
    switch (group) {
    case ExpertGroup::protocol: return PI_PROTOCOL;
    case ExpertGroup::security: return PI_SECURITY;
    case ExpertGroup::sequence: return PI_SEQUENCE;
    case ExpertGroup::response_code: return PI_RESPONSE_CODE;
    case ExpertGroup::request_code: return PI_REQUEST_CODE;
    case ExpertGroup::malformed: return PI_MALFORMED;
    }
    return PI_PROTOCOL;
}

std::string_view carrier_name(KrbCarrier carrier)
{
    switch (carrier) {
    case KrbCarrier::kdc_udp: return "kdc-udp";
    case KrbCarrier::kdc_tcp: return "kdc-tcp";
    case KrbCarrier::http: return "http";
    case KrbCarrier::other: return "other";
    }
    return "other";
}

std::string_view key_verdict_name(KeyVerdictKind kind)
{
    switch (kind) {
    case KeyVerdictKind::not_tried: return "";
    case KeyVerdictKind::decrypted: return "decrypted";
    case KeyVerdictKind::kvno_mismatch: return "kvno-mismatch";
    case KeyVerdictKind::no_matching_key: return "no-matching-key";
    case KeyVerdictKind::no_key_of_etype: return "no-key-of-etype";
    }
    return "";
}

}  // namespace kerbdiag::render
