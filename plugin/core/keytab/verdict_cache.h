// The keytab oracle's verdicts by ciphertext.
#pragma once

#include "observations.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kerbdiag {

// Verdicts by ciphertext, so a ticket reused on a hundred requests is
// decrypted once. Keyed by a 64-bit digest of the ciphertext and confirmed by
// comparing the bytes: a collision, even a crafted one, costs a
// recomputation, never a wrong verdict. (A cryptographic digest would avoid
// keeping the bytes but costs more per frame than everything else kerbdiag
// does for that frame.) Two generations bound the memory by entries and
// bytes while recently used tickets survive a rollover.
class VerdictCache {
public:
    explicit VerdictCache(size_t max_entries) : max_entries_(max_entries) {}

    const KeyVerdict* find(const TicketObservation& ticket) const
    {
        uint64_t digest = digest_of(ticket);
        for (const Generation* generation : {&current_, &previous_}) {
            auto [first, last] = generation->equal_range(digest);
            for (auto it = first; it != last; ++it)
                if (it->second.matches(ticket)) return &it->second.verdict;
        }
        return nullptr;
    }

    void store(const TicketObservation& ticket, const KeyVerdict& verdict)
    {
        if (current_.size() >= max_entries_ || current_bytes_ >= max_bytes) {
            previous_ = std::move(current_);
            current_ = Generation();
            current_bytes_ = 0;
        }
        current_.emplace(digest_of(ticket), Slot{ticket.etype, ticket.kvno, ticket.cipher, verdict});
        current_bytes_ += ticket.cipher.size();
    }

    void clear()
    {
        current_.clear();
        previous_.clear();
        current_bytes_ = 0;
    }

private:
    static constexpr size_t max_bytes = 8u << 20;  // ciphertext kept per generation

    struct Slot {
        int32_t etype;
        std::optional<uint32_t> kvno;
        std::vector<uint8_t> cipher;
        KeyVerdict verdict;
        bool matches(const TicketObservation& ticket) const
        {
            return etype == ticket.etype && kvno == ticket.kvno && cipher == ticket.cipher;
        }
    };
    using Generation = std::unordered_multimap<uint64_t, Slot>;

    static uint64_t digest_of(const TicketObservation& ticket)
    {
        std::string_view bytes(reinterpret_cast<const char*>(ticket.cipher.data()), ticket.cipher.size());
        return std::hash<std::string_view>{}(bytes);
    }

    size_t max_entries_;
    Generation current_, previous_;
    size_t current_bytes_ = 0;
};

}  // namespace kerbdiag
