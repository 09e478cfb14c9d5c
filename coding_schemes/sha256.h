#pragma once
// SHA-256 (FIPS 180-4), used for scheme content hashes. Small and self-contained so the
// hash needs no crypto library; verified against the FIPS test vectors in the tests.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace schemes {

class Sha256 {
public:
    Sha256();
    void update(std::string_view bytes);
    std::array<uint8_t, 32> finish(); // call once
    static std::string hex(std::string_view bytes); // 64 lower-case hex digits

private:
    void block(const uint8_t* p);

    std::array<uint32_t, 8> m_h;
    std::array<uint8_t, 64> m_buf{};
    size_t m_bufLen = 0;
    uint64_t m_totalLen = 0;
};

} // namespace schemes
