#pragma once
// Ratings of units by raters, the input of every rating-based statistic (kappa, Fleiss,
// Krippendorff, ICC). Values are stored once as categories; cells hold category indices,
// so a 100 000 x 5 table is 500 000 int32 and the statistics work on small integers.
//
// Values are numeric when every value parses as a number; numeric categories are sorted
// by value (-3 < -2 < ... < 3, never as strings) and "1" and "1.0" are one category.
// Otherwise categories are strings sorted by byte order.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace irr {

class CsvReader;

struct RatingsTable {
    static constexpr int32_t kMissing = -1;

    std::vector<std::string> units;
    std::vector<std::string> raters;
    std::vector<std::string> categories;
    bool numeric = false;
    std::vector<double> values; // numeric value of each category (only when numeric)
    std::vector<int32_t> cells; // row-major units x raters; category index or kMissing

    size_t unitCount() const { return units.size(); }
    size_t raterCount() const { return raters.size(); }
    int32_t at(size_t unit, size_t rater) const { return cells[unit * raters.size() + rater]; }
};

struct RatingsOptions {
    bool wide = false;
    // --scale MIN:MAX: every value must be a number inside [min, max].
    std::optional<std::pair<double, double>> scale;
};

// Long format: header with columns unit, rater, value (any order, extra columns
// ignored); one row per rating; an absent row (or an empty value) is a missing rating.
// Wide format (options.wide): header unit,<rater1>,<rater2>,...; an empty cell is missing.
// Throws InputError ("file:line: problem") on malformed input, duplicate ratings, values
// outside --scale, or fewer than two raters.
RatingsTable readRatings(CsvReader& csv, const RatingsOptions& options);
RatingsTable readRatingsFile(const std::string& path, const RatingsOptions& options);

// Builds a table from rows of values (one row per unit, one column per rater; an empty
// string is missing). Used by tests and the benchmark.
RatingsTable makeRatingsTable(std::vector<std::string> raters,
                              const std::vector<std::vector<std::string>>& rows);

} // namespace irr
