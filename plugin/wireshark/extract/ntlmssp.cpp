// NTLMSSP in an HTTP auth token: which message, and who authenticates.
#include "decoders.h"

namespace kerbdiag::extract {

Step decode_ntlmssp(Field field, field_info* fi, AuthHeader& auth)
{
    switch (field) {
    case Field::ntlm_message_type:
        switch (uint_value(fi)) {
        case 1: auth.mech = Mech::ntlmssp_negotiate; break;
        case 2: auth.mech = Mech::ntlmssp_challenge; break;
        case 3: auth.mech = Mech::ntlmssp_auth; break;
        default: break;
        }
        return Step::descend;
    case Field::ntlm_user:
        auth.ntlm_user = string_value(fi);
        return Step::descend;
    case Field::ntlm_domain:
        auth.ntlm_domain = string_value(fi);
        return Step::descend;
    default:
        return Step::not_mine;
    }
}

}  // namespace kerbdiag::extract
