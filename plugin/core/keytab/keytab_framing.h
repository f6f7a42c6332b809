// Keytab file checks that MIT krb5 does not make.
//
// krb5 reports a truncated keytab as a normal end of file and an empty one
// as "no keys", and leaks the principal of a truncated entry; these checks
// run before krb5 reads the file. Plain bytes in, a verdict out: no krb5.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace kerbdiag {

struct FramingCheck {
    std::string fatal;      // the file cannot be a keytab: skip it
    std::string warning;    // usable in part (truncated)
    // Entries to read. krb5 1.20 leaks the principal of a truncated entry,
    // so reading stops before it.
    size_t complete_entries = SIZE_MAX;
};

// The record framing of a keytab's bytes (0x05 0x0N, then int32 sizes; a
// negative size is a deleted hole, zero ends the table).
FramingCheck check_keytab_framing(const std::string& data);

// The same for a file: it must exist, be a regular file and not too large.
FramingCheck check_keytab_file(const std::string& path);

}  // namespace kerbdiag
