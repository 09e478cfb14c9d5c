#pragma once
// Krippendorff's alpha from the coincidence matrix (Krippendorff 2011), with missing
// data: every unit with at least two values is used, units with one value are not
// pairable. Metrics nominal, ordinal, interval and ratio (docs/reliability.md, alpha).
#include <cstdint>

#include "interrater/stat.h"

namespace irr {

struct RatingsTable;

enum class Level { Nominal, Ordinal, Interval, Ratio };
const char* levelName(Level l); // "nominal", "ordinal", "interval", "ratio"

struct AlphaResult {
    Level level = Level::Nominal;
    Stat alpha;
    int64_t pairableValues = 0; // n: values in units with >= 2 values
    int64_t units = 0;          // pairable units
};

// Ordinal, interval and ratio need numeric values (throws std::invalid_argument).
AlphaResult krippendorffAlpha(const RatingsTable& t, Level level);

} // namespace irr
