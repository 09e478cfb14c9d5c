#pragma once
// Multi-rater conventions of a scheme: the consensus value of several coders' ratings of
// one thing, and the training criterion against a gold standard. Pure functions.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "coding_schemes/scheme.h"

namespace schemes {

struct Consensus {
    double value = 0;
    std::string how; // e.g. "two of three agree", "outlier dropped, mean of the closest two"
};

// The consensus of `values` (one per coder) under `rule`; nullopt for no values.
// Mean / Median: as named. TwoOfThree (SOFTA-o manual):
//   1 value: that value; 2 values: their mean;
//   3 values: a value given by at least two coders; else drop the value farthest from the
//     others and average the closest two (-1, +1, +2 -> 1.5); when the middle value is
//     equally far from both (-1, 0, +1) no single outlier exists and the middle value wins;
//   4+ values: the most frequent value when it is unique and given at least twice,
//     else the median.
std::optional<Consensus> consensusOf(ConsensusRule rule, std::vector<double> values);

struct TrainingResult {
    int compared = 0;
    int within = 0;       // |trainee - gold| <= MultiRater::trainingWithin
    double proportion = 0;
    bool passes = false;  // proportion >= MultiRater::trainingProportion (and compared > 0)
};

// pairs: (trainee value, gold-standard value) for the same thing.
TrainingResult compareWithGold(const MultiRater& conventions, const std::vector<std::pair<double, double>>& pairs);

} // namespace schemes
