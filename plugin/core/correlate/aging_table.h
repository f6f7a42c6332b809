// A string-keyed table that forgets old entries, so state stays bounded on a
// capture that runs for days.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace kerbdiag {

struct AgingLimits {
    size_t max_entries = 4096;   // oldest dropped first beyond this, at the next expire()
    int64_t max_age_sec = 900;   // entries untouched for longer are forgotten
};

// Entries are kept in last-touched order; capture time only grows (mostly), so
// the front is always the oldest and expiry costs O(expired).
// Nothing is dropped between two expire() calls: the correlator expires once
// per frame, so a reference taken while analysing a frame stays valid for the
// whole frame, however many entries that frame adds (a table may exceed its
// cap by one frame's entries until the next frame).
template <typename Value>
class AgingTable {
public:
    explicit AgingTable(AgingLimits limits = {}) : limits_(limits) {}

    // The entry, or nullptr. Touching refreshes its age.
    Value* find(std::string_view key, int64_t now)
    {
        auto it = index_.find(std::string(key));
        if (it == index_.end()) return nullptr;
        touch(it->second, now);
        return &it->second->value;
    }

    // Lookup without refreshing the age.
    const Value* peek(std::string_view key) const
    {
        auto it = index_.find(std::string(key));
        return it == index_.end() ? nullptr : &it->second->value;
    }

    // The entry, created empty when missing.
    Value& upsert(std::string_view key, int64_t now)
    {
        if (Value* existing = find(key, now)) return *existing;
        order_.push_back(Slot{std::string(key), now, Value{}});
        index_.emplace(order_.back().key, std::prev(order_.end()));
        return order_.back().value;
    }

    void erase(std::string_view key)
    {
        auto it = index_.find(std::string(key));
        if (it == index_.end()) return;
        order_.erase(it->second);
        index_.erase(it);
    }

    // Forgets entries older than the age limit, then the oldest beyond the cap.
    void expire(int64_t now)
    {
        while (!order_.empty() && now - order_.front().last_seen > limits_.max_age_sec) drop_oldest();
        while (order_.size() > limits_.max_entries) drop_oldest();
    }

    void clear()
    {
        order_.clear();
        index_.clear();
    }

    size_t size() const { return order_.size(); }

    template <typename Fn>
    void for_each(Fn&& fn) const
    {
        for (const auto& slot : order_) fn(slot.key, slot.value);
    }

private:
    struct Slot {
        std::string key;
        int64_t last_seen = 0;
        Value value;
    };
    using Iterator = typename std::list<Slot>::iterator;

    void touch(Iterator slot, int64_t now)
    {
        // Out-of-order timestamps never make an entry younger than it was.
        if (now > slot->last_seen) slot->last_seen = now;
        order_.splice(order_.end(), order_, slot);
    }

    void drop_oldest()
    {
        index_.erase(order_.front().key);
        order_.pop_front();
    }

    AgingLimits limits_;
    std::list<Slot> order_;
    std::unordered_map<std::string, Iterator> index_;
};

}  // namespace kerbdiag
