#include "der.h"

#include <ctime>

namespace kerbdiag::der {

std::optional<size_t> Reader::read_length()
{
    if (pos_ >= data_.size()) return std::nullopt;
    uint8_t first = data_[pos_++];
    if (first < 0x80) return first;
    size_t count = first & 0x7f;
    // 0x80 is the indefinite form; more than 4 length bytes is never sane here.
    if (count == 0 || count > 4 || data_.size() - pos_ < count) return std::nullopt;
    size_t length = 0;
    for (size_t i = 0; i < count; ++i) length = (length << 8) | data_[pos_++];
    return length;
}

std::optional<Tlv> Reader::next()
{
    if (at_end()) return std::nullopt;
    uint8_t tag = data_[pos_++];
    if ((tag & 0x1f) == 0x1f) return std::nullopt;  // multi-byte tags: not Kerberos
    auto length = read_length();
    if (!length || *length > data_.size() - pos_) {
        pos_ = data_.size();
        return std::nullopt;
    }
    Tlv tlv{tag, data_.subspan(pos_, *length)};
    pos_ += *length;
    return tlv;
}

std::optional<Tlv> Reader::next_if(uint8_t tag)
{
    if (at_end() || data_[pos_] != tag) return std::nullopt;
    return next();
}

std::optional<Bytes> unwrap(Bytes data, uint8_t tag)
{
    Reader reader(data);
    auto tlv = reader.next_if(tag);
    if (!tlv) return std::nullopt;
    return tlv->value;
}

std::optional<int64_t> read_integer(Bytes value)
{
    if (value.empty() || value.size() > 8) return std::nullopt;
    // Sign-extend from the first byte, then shift the rest in.
    int64_t result = static_cast<int8_t>(value[0]);
    for (size_t i = 1; i < value.size(); ++i)
        result = static_cast<int64_t>(static_cast<uint64_t>(result) << 8 | value[i]);
    return result;
}

static std::optional<int> digits(Bytes value, size_t offset, size_t count)
{
    int result = 0;
    for (size_t i = offset; i < offset + count; ++i) {
        if (value[i] < '0' || value[i] > '9') return std::nullopt;
        result = result * 10 + (value[i] - '0');
    }
    return result;
}

std::optional<int64_t> read_generalized_time(Bytes value)
{
    if (value.size() != 15 || value[14] != 'Z') return std::nullopt;
    auto year = digits(value, 0, 4), month = digits(value, 4, 2), day = digits(value, 6, 2);
    auto hour = digits(value, 8, 2), minute = digits(value, 10, 2), second = digits(value, 12, 2);
    if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
    struct tm tm {};
    tm.tm_year = *year - 1900;
    tm.tm_mon = *month - 1;
    tm.tm_mday = *day;
    tm.tm_hour = *hour;
    tm.tm_min = *minute;
    tm.tm_sec = *second;
    return static_cast<int64_t>(timegm(&tm));
}

static void append_length(std::vector<uint8_t>& out, size_t length)
{
    if (length < 0x80) {
        out.push_back(static_cast<uint8_t>(length));
        return;
    }
    uint8_t count = 0;
    for (size_t rest = length; rest; rest >>= 8) ++count;
    out.push_back(static_cast<uint8_t>(0x80 | count));
    for (int shift = (count - 1) * 8; shift >= 0; shift -= 8)
        out.push_back(static_cast<uint8_t>(length >> shift));
}

std::vector<uint8_t> tlv(uint8_t tag, Bytes content)
{
    std::vector<uint8_t> out{tag};
    append_length(out, content.size());
    out.insert(out.end(), content.begin(), content.end());
    return out;
}

std::vector<uint8_t> integer(int64_t value)
{
    std::vector<uint8_t> bytes;
    // Minimal two's complement: drop leading bytes that only repeat the sign.
    for (int shift = 56; shift >= 0; shift -= 8) bytes.push_back(static_cast<uint8_t>(value >> shift));
    size_t start = 0;
    while (start + 1 < bytes.size() &&
           ((bytes[start] == 0x00 && !(bytes[start + 1] & 0x80)) ||
            (bytes[start] == 0xff && (bytes[start + 1] & 0x80))))
        ++start;
    return tlv(tag_integer, Bytes(bytes).subspan(start));
}

std::vector<uint8_t> generalized_time(int64_t epoch_seconds)
{
    time_t seconds = static_cast<time_t>(epoch_seconds);
    struct tm tm {};
    gmtime_r(&seconds, &tm);
    char text[16];
    strftime(text, sizeof text, "%Y%m%d%H%M%SZ", &tm);
    return tlv(tag_generalized_time, Bytes(reinterpret_cast<const uint8_t*>(text), 15));
}

std::vector<uint8_t> concat(std::initializer_list<Bytes> parts)
{
    std::vector<uint8_t> out;
    for (auto part : parts) out.insert(out.end(), part.begin(), part.end());
    return out;
}

}  // namespace kerbdiag::der
