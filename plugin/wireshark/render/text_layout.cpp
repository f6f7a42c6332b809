// Layout of long texts in the packet details.
#include <algorithm>
#include <string_view>

#include "render_parts.h"

namespace kerbdiag::render {

// Wireshark cuts item labels at about 240 characters; a long fix is shown
// as several items, cut after a sentence or clause, so that none is cut.
std::vector<std::string> split_long_text(const std::string& text)
{
    constexpr size_t label_room = 200;
    std::vector<std::string> parts;
    std::string current;
    size_t start = 0;
    while (start < text.size()) {
        size_t stop = std::min(text.find(". ", start), text.find("; ", start));
        stop = stop == std::string::npos ? text.size() : stop + 1;  // keep the '.' or ';'
        std::string clause = text.substr(start, stop - start);
        if (!current.empty() && current.size() + 1 + clause.size() > label_room) {
            parts.push_back(current);
            current.clear();
        }
        while (clause.size() > label_room) {  // no clause break: wrap at a space
            size_t space = clause.rfind(' ', label_room);
            if (space == std::string::npos || space == 0) break;
            parts.push_back(clause.substr(0, space));
            clause.erase(0, space + 1);
        }
        current += (current.empty() ? "" : " ") + clause;
        start = text.find_first_not_of(' ', stop);
        if (start == std::string::npos) break;
    }
    if (!current.empty()) parts.push_back(current);
    return parts;
}

// An expert text longer than Wireshark's label (240 bytes with its NUL)
// would be cut mid-word; cut it at the last clause or word that fits and
// say so with an ellipsis. The full text stays in kerbdiag.finding.
std::string expert_text(const std::string& summary)
{
    constexpr size_t label_bytes = 239;
    constexpr std::string_view ellipsis = "\u2026";
    if (summary.size() <= label_bytes) return summary;
    size_t room = label_bytes - ellipsis.size();
    size_t cut = std::string::npos;
    for (std::string_view mark : {": ", "; ", ", "}) {
        size_t at = summary.rfind(mark, room - 1);
        if (at != std::string::npos && at >= room / 2) {
            cut = at;
            break;
        }
    }
    if (cut == std::string::npos) cut = summary.rfind(' ', room);  // a space never splits a UTF-8 character
    if (cut == std::string::npos || cut == 0) cut = room;
    while (cut > 0 && (static_cast<unsigned char>(summary[cut]) & 0xC0) == 0x80) --cut;
    return summary.substr(0, cut) + std::string(ellipsis);
}

}  // namespace kerbdiag::render
