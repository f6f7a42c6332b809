// Fills "{name}" placeholders of catalogue texts.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace kerbdiag {

using TemplateValues = std::map<std::string, std::string, std::less<>>;

// Unknown placeholders are left as written so a missing value is visible.
std::string fill_template(std::string_view text, const TemplateValues& values);

}  // namespace kerbdiag
