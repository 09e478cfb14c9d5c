#pragma once
// Cohen's kappa (unweighted, linear and quadratic weights) and percent agreement for two
// raters, as in docs/reliability.md, 'Cohen's kappa (two raters)': pairwise deletion, weights from
// category values, Fleiss-Cohen-Everitt (1969) standard errors, unclipped 95% CI,
// se0/z/p under H0.
#include <cstdint>
#include <string>
#include <vector>

#include "interrater/stat.h"

namespace irr {

struct RatingsTable;

enum class Weights { None, Linear, Quadratic };
const char* weightsName(Weights w); // "none", "linear", "quadratic"

// Square table of counts of (rating by rater A, rating by rater B) over units rated by
// both. Categories are all categories of the source table (unused ones have zero
// margins and change nothing).
struct CrossTable {
    std::vector<std::string> categories;
    std::vector<double> values; // empty unless numeric
    std::vector<int64_t> counts; // k x k, row = rater A
    int64_t n = 0;
    size_t k() const { return categories.size(); }
    int64_t at(size_t i, size_t j) const { return counts[i * categories.size() + j]; }
};

CrossTable crossTabulate(const RatingsTable& t, size_t raterA, size_t raterB);

struct KappaResult {
    Weights weights = Weights::None;
    Stat kappa;
    Stat se;      // FCE 1969 non-null standard error
    Interval ci95; // kappa +/- 1.959963985 se, not clipped
    Stat se0;     // standard error under H0: kappa = 0
    Stat z;       // kappa / se0
    Stat p;       // two-sided normal p of z
    Stat po;      // (weighted) observed agreement
    Stat pe;      // (weighted) chance agreement
    int64_t n = 0;
};

// Weighted kappa needs numeric values (throws std::invalid_argument otherwise).
KappaResult cohenKappa(const CrossTable& table, Weights weights);

struct PercentAgreement {
    Stat value;      // share of units with identical ratings
    Stat withinOne;  // share with |difference| <= 1 (numeric data only)
    int64_t n = 0;
    int64_t agreements = 0;
    int64_t withinOneCount = 0;
};

PercentAgreement percentAgreement(const CrossTable& table);

} // namespace irr
