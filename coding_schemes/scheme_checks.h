#pragma once
// Internal to coding_schemes: the cross-reference checks that run on the model after
// the TOML reader has filled it, and the helpers they share with the reader.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "coding_schemes/scheme.h"
#include "coding_schemes/scheme_loader.h"

namespace schemes::detail {

// Positions of individual values, keyed like "items/3/dimension" or "scores/0/of/1",
// so reference errors point at the offending value rather than its table.
struct FieldLocs {
    std::map<std::string, SourceLoc> at;
    SourceLoc find(const std::string& key, SourceLoc fallback) const;
};

struct DiagSink {
    std::string file;
    std::vector<Diagnostic>* out;
    void error(SourceLoc loc, std::string message) const;
};

// " (did you mean 'x'?)" for the closest candidate within a small edit distance, else "".
std::string didYouMean(std::string_view word, const std::vector<std::string>& candidates);

// Ids, references, ranges and consistency across the whole scheme.
void checkScheme(const Scheme& scheme, const FieldLocs& locs, const DiagSink& sink);

} // namespace schemes::detail
