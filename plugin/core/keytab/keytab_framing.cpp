#include "keytab_framing.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sys/stat.h>

namespace kerbdiag {
namespace {

constexpr size_t max_keytab_bytes = 64u << 20;

uint32_t read_be32(const std::string& data, size_t at)
{
    return static_cast<uint32_t>(static_cast<uint8_t>(data[at])) << 24 |
           static_cast<uint32_t>(static_cast<uint8_t>(data[at + 1])) << 16 |
           static_cast<uint32_t>(static_cast<uint8_t>(data[at + 2])) << 8 |
           static_cast<uint32_t>(static_cast<uint8_t>(data[at + 3]));
}

}  // namespace

FramingCheck check_keytab_framing(const std::string& data)
{
    if (data.empty()) return {"the file is empty", {}};
    if (data.size() < 2 || data[0] != 0x05 || (data[1] != 0x01 && data[1] != 0x02))
        return {"not a keytab (a keytab file starts with the bytes 05 01 or 05 02)", {}};
    if (data[1] == 0x01) return {};  // version 1 uses host byte order: let krb5 judge it
    size_t at = 2, entry = 0;
    while (at < data.size()) {
        if (data.size() - at < 4)
            return {{}, "truncated: " + std::to_string(data.size() - at) +
                            " stray bytes after the last complete entry", entry};
        int32_t size = static_cast<int32_t>(read_be32(data, at));
        at += 4;
        if (size == 0) break;
        uint64_t length = size < 0 ? -static_cast<int64_t>(size) : size;
        if (size > 0) ++entry;
        if (length > data.size() - at)
            return {{}, "truncated: entry " + std::to_string(entry) + " needs " + std::to_string(length) +
                            " bytes but only " + std::to_string(data.size() - at) +
                            " remain; the entries before it are used", entry - (size > 0 ? 1 : 0)};
        at += length;
    }
    if (entry == 0) return {"contains no keys", {}};
    return {};
}

FramingCheck check_keytab_file(const std::string& path)
{
    struct stat info {};
    if (stat(path.c_str(), &info) != 0) return {std::string("cannot open: ") + std::strerror(errno), {}};
    if (S_ISDIR(info.st_mode)) return {"is a directory, not a keytab file", {}};
    if (!S_ISREG(info.st_mode)) return {"is not a regular file", {}};
    if (static_cast<uint64_t>(info.st_size) > max_keytab_bytes) return {"too large to be a keytab", {}};
    std::ifstream file(path, std::ios::binary);
    if (!file) return {std::string("cannot open: ") + std::strerror(errno), {}};
    std::string data((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    return check_keytab_framing(data);
}

}  // namespace kerbdiag
