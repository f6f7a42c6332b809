#include "text_template.h"

namespace kerbdiag {

std::string fill_template(std::string_view text, const TemplateValues& values)
{
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        auto open = text.find('{');
        auto close = open == std::string_view::npos ? open : text.find('}', open);
        if (close == std::string_view::npos) {
            out += text;
            break;
        }
        out += text.substr(0, open);
        auto name = text.substr(open + 1, close - open - 1);
        if (auto it = values.find(name); it != values.end())
            out += it->second;
        else
            out += text.substr(open, close - open + 1);
        text.remove_prefix(close + 1);
    }
    return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator)
{
    std::string out;
    for (const auto& part : parts) {
        if (!out.empty()) out += separator;
        out += part;
    }
    return out;
}

void append_sentence(std::string& text, const std::string& sentence)
{
    if (sentence.empty()) return;
    if (!text.empty()) text += text.back() == '.' ? " " : ". ";
    text += sentence;
    if (text.back() != '.') text += '.';
}

}  // namespace kerbdiag
