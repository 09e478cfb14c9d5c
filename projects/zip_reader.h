#pragma once
// Reads the members of a zip archive held in memory (the subset that project files of
// other tools use: stored or deflated members, no zip64, no encryption). Internal to
// projects/; zlib stays in zip_reader.cpp.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace projects::zip {

struct Member {
    std::string name;          // path inside the archive, '/'-separated
    uint16_t method = 0;       // 0 stored, 8 deflated
    uint64_t compressedSize = 0, size = 0;
    uint64_t dataOffset = 0;   // of the compressed bytes in the archive
};

// The members listed in the central directory; nullopt with `why` set when the bytes
// are not a zip archive this reader understands.
std::optional<std::vector<Member>> list(const std::string& archive, std::string* why);

// The uncompressed bytes of `m`; nullopt with `why` set when they cannot be had (damaged
// data, an unsupported method, larger than `maxSize`).
std::optional<std::string> read(const std::string& archive, const Member& m, std::string* why,
                                uint64_t maxSize = 256u << 20);

} // namespace projects::zip
