// One rule = one catalogue entry + one registered function in its own file +
// one test file, checked both ways: expert_rules/<id>.rule,
// plugin/core/rules/<id>.cpp (KERBDIAG_REGISTER_RULE(<id>) and nothing else
// registered there) and tests/unit/rules/test_<id>.cpp.
#include "rules/rule.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include "cmocka_cpp.h"

using namespace kerbdiag;
namespace fs = std::filesystem;

namespace {

std::set<std::string> catalogue_ids()
{
    std::set<std::string> ids;
    for (const auto& rule : rule_catalogue()) ids.emplace(rule.id);
    return ids;
}

// The names of the files in `folder` that start with `prefix` and end with `suffix`, both cut off.
std::set<std::string> stems(const fs::path& folder, const std::string& prefix, const std::string& suffix)
{
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) {
        std::string name = entry.path().filename().string();
        if (name.size() > prefix.size() + suffix.size() && name.starts_with(prefix) && name.ends_with(suffix))
            names.insert(name.substr(prefix.size(), name.size() - prefix.size() - suffix.size()));
    }
    return names;
}

std::string read_text(const fs::path& file)
{
    std::ifstream in(file);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

size_t count_of(const std::string& text, const std::string& needle)
{
    size_t count = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
    return count;
}

const fs::path source_dir = KERBDIAG_SOURCE_DIR;

}  // namespace

KERBDIAG_TEST(rule_ids_follow_the_catalogue)
{
    auto catalogue = rule_catalogue();
    assert_int_equal(catalogue.size(), rule_count);
    for (size_t i = 0; i < rule_count; ++i) {
        assert_true(catalogue[i].id == rule_id_names[i]);
        assert_ptr_equal(&rule_info(static_cast<RuleId>(i)), &catalogue[i]);
    }
    assert_true(stems(source_dir / "expert_rules", "", ".rule") == catalogue_ids());
}

KERBDIAG_TEST(every_rule_has_exactly_one_registered_function)
{
    std::set<std::string> registered;
    for (const auto& rule : registered_rules()) {
        assert_true(rule.name == rule_id_name(rule.id));
        assert_true(registered.emplace(rule.name).second);
        assert_non_null(rule.function);
    }
    assert_true(registered == catalogue_ids());
}

KERBDIAG_TEST(every_rule_has_its_own_source_file)
{
    const fs::path rules = source_dir / "plugin/core/rules";
    std::set<std::string> files = stems(rules, "", ".cpp");
    files.erase("shared");  // helpers of several rules, no rule
    assert_true(files == catalogue_ids());
    for (const auto& id : files) {
        std::string text = read_text(rules / (id + ".cpp"));
        assert_int_equal(count_of(text, "KERBDIAG_REGISTER_RULE("), 1);
        assert_int_equal(count_of(text, "KERBDIAG_REGISTER_RULE(" + id + ")"), 1);
    }
}

KERBDIAG_TEST(every_rule_has_its_own_test_file)
{
    assert_true(stems(source_dir / "tests/unit/rules", "test_", ".cpp") == catalogue_ids());
}
