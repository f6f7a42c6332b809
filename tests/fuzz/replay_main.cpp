// Replays fuzz inputs through a fuzz target without libFuzzer, so that any
// compiler's build checks the kept corpus and the crash reproducers:
//   <target>-replay <file or folder>...
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

int replay(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", file.c_str());
        return 1;
    }
    std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    size_t replayed = 0;
    int failures = 0;
    for (int i = 1; i < argc; ++i) {
        std::filesystem::path path(argv[i]);
        if (std::filesystem::is_directory(path)) {
            for (const auto& entry : std::filesystem::recursive_directory_iterator(path))
                if (entry.is_regular_file()) failures += replay(entry.path()), ++replayed;
        } else {
            failures += replay(path), ++replayed;
        }
    }
    std::printf("%zu inputs replayed\n", replayed);
    return failures == 0 && replayed > 0 ? 0 : 1;
}
