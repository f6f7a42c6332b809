// Reads typed values off the front of a fuzzer's input. Past the end every
// read yields zero or empty, so a target never has to check lengths.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace kerbdiag::fuzz {

class FuzzBytes {
public:
    FuzzBytes(const uint8_t* data, size_t size) : rest_(data, size) {}

    bool empty() const { return rest_.empty(); }

    uint8_t byte()
    {
        if (rest_.empty()) return 0;
        uint8_t value = rest_[0];
        rest_ = rest_.subspan(1);
        return value;
    }
    uint16_t u16() { return static_cast<uint16_t>(byte() | byte() << 8); }
    uint32_t u32() { return static_cast<uint32_t>(u16()) | static_cast<uint32_t>(u16()) << 16; }
    bool flag() { return (byte() & 1) != 0; }

    // One of `count` choices.
    size_t pick(size_t count) { return count == 0 ? 0 : byte() % count; }

    // A run of up to `max` bytes, its length taken from the input.
    std::span<const uint8_t> run(size_t max)
    {
        size_t length = std::min<size_t>({byte(), max, rest_.size()});
        auto taken = rest_.first(length);
        rest_ = rest_.subspan(length);
        return taken;
    }
    std::vector<uint8_t> bytes(size_t max)
    {
        auto taken = run(max);
        return {taken.begin(), taken.end()};
    }
    std::string text(size_t max)
    {
        auto taken = run(max);
        return {taken.begin(), taken.end()};
    }

private:
    std::span<const uint8_t> rest_;
};

}  // namespace kerbdiag::fuzz
