// Zip archives (PKWARE APPNOTE 6.3: end of central directory, central directory headers,
// local headers) with zlib's raw inflate for method 8.
#include "projects/zip_reader.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace projects::zip {

namespace {

uint32_t u16(const std::string& s, size_t at)
{
    return static_cast<uint32_t>(static_cast<unsigned char>(s[at])) | static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8;
}

uint32_t u32(const std::string& s, size_t at) { return u16(s, at) | u16(s, at + 2) << 16; }

} // namespace

std::optional<std::vector<Member>> list(const std::string& a, std::string* why)
{
    // The end-of-central-directory record: 22 bytes plus a comment of up to 64 KiB.
    constexpr size_t kEocd = 22;
    if (a.size() < kEocd || a.compare(0, 2, "PK") != 0) {
        *why = "not a zip archive";
        return std::nullopt;
    }
    size_t eocd = std::string::npos;
    const size_t lowest = a.size() > kEocd + 0xffff ? a.size() - kEocd - 0xffff : 0;
    for (size_t i = a.size() - kEocd + 1; i-- > lowest;)
        if (u32(a, i) == 0x06054b50) {
            eocd = i;
            break;
        }
    if (eocd == std::string::npos) {
        *why = "damaged zip archive (no end of central directory; truncated?)";
        return std::nullopt;
    }
    const uint32_t count = u16(a, eocd + 10);
    const uint64_t cdSize = u32(a, eocd + 12), cdOffset = u32(a, eocd + 16);
    if (count == 0xffff || cdOffset == 0xffffffffu) {
        *why = "zip64 archives are not supported";
        return std::nullopt;
    }
    if (cdOffset + cdSize > eocd) {
        *why = "damaged zip archive (central directory out of range)";
        return std::nullopt;
    }
    std::vector<Member> out;
    size_t at = cdOffset;
    for (uint32_t i = 0; i < count; ++i) {
        if (at + 46 > eocd || u32(a, at) != 0x02014b50) {
            *why = "damaged zip archive (central directory entry " + std::to_string(i + 1) + ")";
            return std::nullopt;
        }
        const uint32_t flags = u16(a, at + 8);
        Member m;
        m.method = static_cast<uint16_t>(u16(a, at + 10));
        m.compressedSize = u32(a, at + 20);
        m.size = u32(a, at + 24);
        const uint32_t nameLen = u16(a, at + 28), extraLen = u16(a, at + 30), commentLen = u16(a, at + 32);
        const uint64_t local = u32(a, at + 42);
        if (at + 46 + nameLen > eocd) {
            *why = "damaged zip archive (central directory entry " + std::to_string(i + 1) + ")";
            return std::nullopt;
        }
        m.name = a.substr(at + 46, nameLen);
        at += 46 + nameLen + extraLen + commentLen;
        if (flags & 1) {
            *why = "member " + m.name + " is encrypted";
            return std::nullopt;
        }
        if (local + 30 > a.size() || u32(a, local) != 0x04034b50) {
            *why = "damaged zip archive (member " + m.name + " has no local header)";
            return std::nullopt;
        }
        m.dataOffset = local + 30 + u16(a, local + 26) + u16(a, local + 28);
        if (m.dataOffset + m.compressedSize > a.size()) {
            *why = "damaged zip archive (member " + m.name + " is cut short)";
            return std::nullopt;
        }
        out.push_back(std::move(m));
    }
    return out;
}

std::optional<std::string> read(const std::string& a, const Member& m, std::string* why, uint64_t maxSize)
{
    if (m.size > maxSize) {
        *why = "member " + m.name + " is too large (" + std::to_string(m.size) + " bytes)";
        return std::nullopt;
    }
    const char* data = a.data() + m.dataOffset;
    if (m.method == 0) {
        if (m.compressedSize != m.size) {
            *why = "damaged zip archive (member " + m.name + ": sizes differ)";
            return std::nullopt;
        }
        return std::string(data, m.compressedSize);
    }
    if (m.method != 8) {
        *why = "member " + m.name + " uses compression method " + std::to_string(m.method) + " (only stored and deflated are read)";
        return std::nullopt;
    }
    if (m.size == 0)
        return std::string();
    std::string out(m.size, '\0');
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) {
        *why = "out of memory";
        return std::nullopt;
    }
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
    z.avail_in = static_cast<uInt>(m.compressedSize);
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = inflate(&z, Z_FINISH);
    const uint64_t produced = z.total_out;
    inflateEnd(&z);
    if (rc != Z_STREAM_END || produced != m.size) {
        *why = "damaged zip archive (member " + m.name + " does not inflate to its size)";
        return std::nullopt;
    }
    return out;
}

} // namespace projects::zip
