// A decrypted EncTicketPart as a forged or corrupted ticket may hold it,
// authorization data and PAC of any size included; and the PA-ENC-TS-ENC
// decoder on the same bytes. What decodes must encode again.
#include "enc_ticket_part.h"

#include <cstddef>
#include <cstdint>

using namespace kerbdiag;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    der::Bytes plaintext(data, size);
    if (auto part = decode_enc_ticket_part(plaintext)) {
        if (part->pac_size && *part->pac_size > size) __builtin_trap();  // a PAC lies inside the ticket
        part->has(TicketFlag::forwardable);
    }
    if (auto time = decode_pa_enc_ts_enc(plaintext)) {
        auto again = decode_pa_enc_ts_enc(encode_pa_enc_ts_enc(*time, 0));
        if (!again || *again != *time) __builtin_trap();
    }
    return 0;
}
