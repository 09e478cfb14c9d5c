#pragma once
// Small builders shared by the interrater tests.
#include <string>
#include <vector>

#include "interrater/events.h"
#include "interrater/kappa.h"
#include "interrater/ratings_table.h"

namespace irr::test {

// A two-rater table from a k x k count matrix over the given category labels.
inline RatingsTable fromCounts(const std::vector<std::string>& cats, const std::vector<std::vector<int>>& counts)
{
    std::vector<std::vector<std::string>> rows;
    for (size_t i = 0; i < counts.size(); ++i)
        for (size_t j = 0; j < counts[i].size(); ++j)
            for (int c = 0; c < counts[i][j]; ++c)
                rows.push_back({cats[i], cats[j]});
    return makeRatingsTable({"A", "B"}, rows);
}

inline Event ev(const std::string& coder, const std::string& code, int64_t onMs, int64_t offMs = -1)
{
    Event e;
    e.coder = coder;
    e.code = code;
    e.onsetMs = onMs;
    if (offMs >= 0)
        e.offsetMs = offMs;
    return e;
}

} // namespace irr::test
