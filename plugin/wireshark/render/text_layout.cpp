// Layout of long texts in the packet details.
#include <algorithm>

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

}  // namespace kerbdiag::render
