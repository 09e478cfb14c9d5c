#pragma once
// Fleiss' kappa for m raters and nominal categories (Fleiss 1971), with per-category
// kappas and the null standard errors of Fleiss, Nee & Landis (1979); RELIABILITY_SPEC B.
// Missing ratings: listwise deletion of incomplete units (as R irr kappam.fleiss).
#include <cstdint>
#include <string>
#include <vector>

#include "interrater/stat.h"

namespace irr {

struct RatingsTable;

struct FleissCategory {
    std::string category;
    Stat kappa;
    Stat se0;
};

struct FleissResult {
    Stat kappa;
    Stat se0;
    Stat z;
    Stat p;
    int64_t n = 0;        // complete units used
    int64_t raters = 0;   // ratings per unit
    int64_t droppedUnits = 0; // incomplete units removed (listwise)
    std::vector<FleissCategory> perCategory; // categories used in the complete units
};

FleissResult fleissKappa(const RatingsTable& t);

} // namespace irr
