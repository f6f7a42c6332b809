// The DER reader on arbitrary bytes: walk every TLV, nested ones too, and
// decode each value as an INTEGER and a GeneralizedTime.
#include "der.h"

#include <cstddef>
#include <cstdint>

using namespace kerbdiag;

namespace {

void walk(der::Bytes data, int depth)
{
    der::Reader reader(data);
    while (auto tlv = reader.next()) {
        // A TLV always lies inside what was read.
        if (tlv->value.data() < data.data() || tlv->value.data() + tlv->value.size() > data.data() + data.size())
            __builtin_trap();
        der::read_integer(tlv->value);
        der::read_generalized_time(tlv->value);
        if ((tlv->tag & 0x20) != 0 && depth < 16) walk(tlv->value, depth + 1);  // constructed
    }
    for (uint8_t tag : {der::tag_sequence, der::application(3), der::context(0)}) der::unwrap(data, tag);
    der::Reader picky(data);
    while (picky.next_if(der::tag_sequence)) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    walk(der::Bytes(data, size), 0);
    return 0;
}
