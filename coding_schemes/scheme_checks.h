#pragma once
// Internal to coding_schemes: the cross-reference checks that run on the model after
// the TOML reader has filled it, and the functions they share with the reader.
#include <map>
#include <string>
#include <unordered_map>
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
    // Edit-distance cells did-you-mean may still spend on this file, so that a huge file
    // full of unknown references stays linear (suggestions simply stop).
    mutable long long suggestionBudget = 20'000'000;
    void error(SourceLoc loc, std::string message) const;
};

// " (did you mean 'x'?)" for the closest candidate within a small edit distance, else "".
// With a sink, the work is charged to its suggestion budget.
std::string didYouMean(std::string_view word, const std::vector<std::string>& candidates,
                       const DiagSink* budget = nullptr);

// Hash lookups by id (the first of duplicates), so checks stay linear in the file size.
// Holds pointers into `scheme`, which must outlive it and not change.
struct SchemeIndex {
    explicit SchemeIndex(const Scheme& scheme);
    std::unordered_map<std::string_view, const Target*> targets;
    std::unordered_map<std::string_view, const Scale*> scales;
    std::unordered_map<std::string_view, const Dimension*> dimensions;
    std::unordered_map<std::string_view, const Item*> items;
    std::unordered_map<std::string_view, size_t> scores; // id -> position
    std::unordered_map<std::string_view, std::vector<const Item*>> itemsByDimension;

    template <class T>
    static const T* get(const std::unordered_map<std::string_view, const T*>& m, std::string_view id)
    {
        auto it = m.find(id);
        return it == m.end() ? nullptr : it->second;
    }
    const std::vector<const Item*>& itemsOf(std::string_view dimension) const;
};

// Ids, references, ranges and consistency across the whole scheme.
void checkScheme(const Scheme& scheme, const FieldLocs& locs, const DiagSink& sink);

} // namespace schemes::detail
