// KRB-ERROR e-data as a hostile KDC or server may send it: the NTSTATUS
// decoder, then the words for whatever status and error code came out.
#include "krb_errors.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

using namespace kerbdiag;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (auto status = decode_ntstatus({data, size})) {
        describe_ntstatus(status->code);
        ntstatus_meaning(status->flags);
    }
    if (size >= 4) {
        int32_t code = 0;
        std::memcpy(&code, data, sizeof code);
        krb_error_name(code);
        find_krb_error(code);
        is_normal_protocol_step(code);
    }
    return 0;
}
