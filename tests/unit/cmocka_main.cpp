// The one main() of every unit test program: runs the tests that the
// program's KERBDIAG_TEST definitions registered.
#include "cmocka_cpp.h"

int main(void)
{
    auto& tests = kerbdiag_test::table();
    return _cmocka_run_group_tests("tests", tests.data(), tests.size(), nullptr, nullptr);
}
