// cmocka.h needs these C headers first; C++ test files include this instead.
#pragma once
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <csetjmp>
extern "C" {
#include <cmocka.h>
}

#include <vector>

// A test is `KERBDIAG_TEST(name) { ... }`: it registers itself in the table
// that the one main() (cmocka_main.cpp) runs, in the order of the file.
namespace kerbdiag_test {

inline std::vector<CMUnitTest>& table()
{
    static std::vector<CMUnitTest> tests;
    return tests;
}

struct Registrar {
    Registrar(const char* name, CMUnitTestFunction function)
    {
        table().push_back(CMUnitTest{name, function, nullptr, nullptr, nullptr});
    }
};

}  // namespace kerbdiag_test

#define KERBDIAG_TEST(name)                                                  \
    static void name(void**);                                                \
    static const ::kerbdiag_test::Registrar name##_registrar{#name, &name}; \
    static void name(void**)
