#pragma once
// Media content fingerprints: identify a recording even after it was moved or renamed,
// without hashing gigabytes. "size:<bytes>:sha256:<hex>" where the hash covers the first
// and the last MiB (the whole file when it is smaller than 2 MiB).
#include <filesystem>
#include <optional>
#include <string>

namespace projects {

// nullopt when the file cannot be read.
std::optional<std::string> mediaFingerprint(const std::filesystem::path& file);

// The size part of a fingerprint (-1 when malformed): lets a relink search skip files
// of the wrong size without reading them.
int64_t fingerprintSize(const std::string& fingerprint);

} // namespace projects
