#include "names.h"

#include "spn.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace kerbdiag {

bool iequals(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
               return std::tolower(x) == std::tolower(y);
           });
}

std::string netbios_domain(std::string_view realm)
{
    std::string domain(realm.substr(0, realm.find('.')));
    std::transform(domain.begin(), domain.end(), domain.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return domain.empty() ? "DOMAIN" : domain;
}

std::string spn_host(std::string_view sname)
{
    auto spn = parse_spn(sname);
    return spn ? spn->host : std::string();
}

bool is_tgs_name(std::string_view sname)
{
    return sname.size() > 7 && iequals(sname.substr(0, 7), "krbtgt/");
}

std::string krbtgt_target_realm(std::string_view sname)
{
    if (!is_tgs_name(sname)) return {};
    auto realm = sname.substr(7);
    return std::string(realm.substr(0, realm.find('/')));
}

std::string http_spn_for_host(std::string_view host)
{
    return "HTTP/" + normalize_host(host);
}

bool offers_negotiate(const HttpMessage& response)
{
    return std::any_of(response.www_authenticate.begin(), response.www_authenticate.end(),
                       [](const AuthHeader& header) { return iequals(header.scheme, "Negotiate"); });
}

std::string frames_text(const std::vector<uint32_t>& frames)
{
    if (frames.empty()) return {};
    std::string text = frames.size() == 1 ? "frame " : "frames ";
    for (size_t i = 0; i < frames.size(); ++i) {
        if (i > 0) text += i + 1 == frames.size() ? " and " : ", ";
        text += std::to_string(frames[i]);
    }
    return text;
}

}  // namespace kerbdiag
