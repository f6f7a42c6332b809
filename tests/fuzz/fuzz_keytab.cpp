// Arbitrary bytes as a keytab file (MIT's FILE: framing, read through the
// oracle's loader), then a ticket and an AS-REQ timestamp tried against
// whatever keys came out.
#include "keytab_oracle.h"

#include "fuzz_bytes.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

using namespace kerbdiag;

namespace {

// One in-memory file for the whole run: no disk traffic per input.
struct MemoryFile {
    int fd = memfd_create("kerbdiag-fuzz.keytab", 0);
    std::string path = "/proc/self/fd/" + std::to_string(fd);

    void hold(const uint8_t* data, size_t size)
    {
        if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != static_cast<ssize_t>(size)) __builtin_trap();
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static MemoryFile file;
    // The last 64 bytes (when there are more) describe a ticket to check.
    size_t ticket_bytes = size > 128 ? 64 : 0;
    file.hold(data, size - ticket_bytes);

    KeytabOracle oracle;
    auto report = oracle.load({file.path});
    report.message();
    oracle.account_labels();
    if (oracle.empty() || ticket_bytes == 0) return 0;

    fuzz::FuzzBytes rest(data + size - ticket_bytes, ticket_bytes);
    TicketObservation ticket;
    ticket.realm = rest.text(8);
    ticket.sname = rest.text(16);
    ticket.etype = static_cast<int8_t>(rest.byte());
    if (rest.flag()) ticket.kvno = rest.byte();
    ticket.cipher = rest.bytes(64);
    oracle.check(ticket);

    KerberosMessage as_req;
    as_req.msg_type = KrbMsgType::as_req;
    as_req.cname = ticket.sname;
    as_req.crealm = ticket.realm;
    as_req.realm = ticket.realm;
    as_req.pa_enc_timestamp_etype = ticket.etype;
    as_req.pa_enc_timestamp = ticket.cipher;
    oracle.open_pa_timestamp(as_req);
    return 0;
}
