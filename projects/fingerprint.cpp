#include "projects/fingerprint.h"

#include <fstream>
#include <vector>

#include "coding_schemes/sha256.h"

namespace projects {

std::optional<std::string> mediaFingerprint(const std::filesystem::path& file)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec)
        return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return std::nullopt;
    constexpr uint64_t kPart = 1 << 20;
    schemes::Sha256 h;
    std::vector<char> buf;
    auto take = [&](uint64_t from, uint64_t n) {
        buf.resize(n);
        in.seekg(static_cast<std::streamoff>(from));
        in.read(buf.data(), static_cast<std::streamsize>(n));
        h.update(std::string_view(buf.data(), static_cast<size_t>(in.gcount())));
        return in.gcount() == static_cast<std::streamsize>(n);
    };
    bool ok = size <= 2 * kPart ? take(0, size) : (take(0, kPart) && take(size - kPart, kPart));
    if (!ok)
        return std::nullopt;
    auto digest = h.finish();
    static const char* kHex = "0123456789abcdef";
    std::string hex;
    for (uint8_t b : digest) {
        hex += kHex[b >> 4];
        hex += kHex[b & 15];
    }
    return "size:" + std::to_string(size) + ":sha256:" + hex;
}

int64_t fingerprintSize(const std::string& fp)
{
    if (fp.rfind("size:", 0) != 0)
        return -1;
    try {
        return std::stoll(fp.substr(5));
    } catch (...) {
        return -1;
    }
}

} // namespace projects
