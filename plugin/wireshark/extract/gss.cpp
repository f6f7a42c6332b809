// SPNEGO / GSS-API facts of an HTTP auth token (the Kerberos token inside
// is the Kerberos decoder's).
#include "decoders.h"

namespace kerbdiag::extract {

Step decode_spnego(Field field, field_info* fi, AuthHeader& auth)
{
    switch (field) {
    case Field::gss_oid:
    case Field::spnego_supported_mech:
        return Step::descend;
    case Field::spnego_neg_result:
        auth.neg_result = uint_value(fi);
        return Step::descend;
    default:
        return Step::not_mine;
    }
}

}  // namespace kerbdiag::extract
