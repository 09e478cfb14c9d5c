#pragma once
// Fleiss' kappa for m raters and nominal categories (Fleiss 1971), with per-category
// kappas and the null standard errors of Fleiss, Nee & Landis (1979); docs/reliability.md.
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

// Gwet's (2014) variant for missing ratings, which uses every available rating instead of
// deleting incomplete units: p_a is averaged over units with r_i >= 2 ratings,
// p_a = mean_i sum_k r_ik (r_ik - 1) / (r_i (r_i - 1)); the category shares average
// r_ik / r_i over all units with at least one rating; kappa = (p_a - p_e) / (1 - p_e)
// with p_e = sum_k pi_k^2 (as R irrCAC fleiss.kappa.raw). Equals Fleiss' kappa on complete
// data. Only kappa is computed (no se0, no per-category values); `n` counts the units
// with at least two ratings.
FleissResult fleissKappaGwet(const RatingsTable& t);

} // namespace irr
