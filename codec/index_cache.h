#pragma once
// The frame index kept on disk, so a second open of a file (in any process) skips the
// packet scan. One small file per video stream in the cache folder, named by the media
// fingerprint (the same "size:N:sha256:HEX" of the first and last MiB as
// projects::mediaFingerprint, so a moved or renamed recording keeps its index), and
// validated against the file's size and modification time and its own checksum: a stale
// or damaged cache file is rebuilt silently. Used by probeMedia / VideoDecoder through
// codec/media_open.cpp; nothing to call for normal use.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace codec {

// The cache folder: $BONDLINE_CACHE_DIR/frame-index when set, else
// $XDG_CACHE_HOME/bondline/frame-index, else ~/.cache/bondline/frame-index. Empty (no
// disk cache) when none can be determined or BONDLINE_CACHE_DIR is "off".
std::filesystem::path indexCacheDir();

// "size:<bytes>:sha256:<hex>" over the first and last MiB (the whole file below 2 MiB).
std::optional<std::string> mediaFingerprint(const std::string& path);

// Process-wide counts, for tests and benchmarks.
struct IndexCacheStats {
    uint64_t hits = 0;    // an index read from a valid cache file
    uint64_t misses = 0;  // no cache file
    uint64_t stale = 0;   // the file's size or modification time changed
    uint64_t damaged = 0; // unreadable, truncated or checksum mismatch
    uint64_t writes = 0;  // cache files written
};
IndexCacheStats indexCacheStats();

} // namespace codec
