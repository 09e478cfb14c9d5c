#pragma once
// Loading and validating scheme files (format: docs/schemes.md). The loader never
// throws for bad input and never stops at the first problem: every problem it finds is
// a Diagnostic with the file, 1-based line and column, and a one-line message, in file
// order. A scheme with diagnostics must not be used for coding.
// Threading: no shared state; any thread may load, results are plain values.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "coding_schemes/scheme.h"

namespace schemes {

struct Diagnostic {
    std::string file;
    int line = 0;   // 1-based; 0 when the problem has no position (e.g. unreadable file)
    int column = 0; // 1-based
    std::string message;

    // "file:line:col: message" (or "file: message" without a position).
    std::string toString() const;
};

struct LoadResult {
    Scheme scheme; // filled as far as the file allows, even when there are diagnostics
    std::vector<Diagnostic> diagnostics;
    bool ok() const { return diagnostics.empty(); }
};

// Reads and validates a scheme file. Never throws (I/O problems become a diagnostic).
LoadResult load(const std::filesystem::path& path);
// The same for text already in memory; `fileName` is used in diagnostics.
LoadResult loadFromString(std::string_view text, std::string fileName);

// Applies an override file (texts only: names, labels, descriptions, anchors, messages,
// in any language) to an already loaded scheme. Problems are appended to
// `result.diagnostics` naming the override file. The content hash does not change.
void applyOverride(LoadResult& result, const std::filesystem::path& overridePath);
void applyOverrideFromString(LoadResult& result, std::string_view text, std::string fileName);

// The bytes the content hash is computed over: the file without a UTF-8 byte-order
// mark, CRLF and lone CR turned into LF, and a final LF added when missing.
std::string normaliseForHash(std::string_view bytes);
// "sha256:" + hex SHA-256 of normaliseForHash(bytes).
std::string contentHash(std::string_view bytes);

// Where the shipped schemes are: $BONDLINE_SCHEMES_DIR when set, else a `schemes`
// directory next to the running executable or one level up, else the source directory
// compiled in. Returns an empty path when none exists.
std::filesystem::path shippedSchemesDir();
// The *.toml files directly in `dir`, sorted by name.
std::vector<std::filesystem::path> schemeFilesIn(const std::filesystem::path& dir);

} // namespace schemes
