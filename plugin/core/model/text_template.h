// Fills "{name}" placeholders of catalogue texts.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kerbdiag {

using TemplateValues = std::map<std::string, std::string, std::less<>>;

// Unknown placeholders are left as written so a missing value is visible.
std::string fill_template(std::string_view text, const TemplateValues& values);

// Appends a sentence to a paragraph, with the full stops in between.
void append_sentence(std::string& text, const std::string& sentence);

// "a, b, c" for join({"a", "b", "c"}, ", ").
std::string join(const std::vector<std::string>& parts, std::string_view separator);

}  // namespace kerbdiag
