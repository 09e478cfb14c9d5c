#pragma once
// The confusion matrix of two coders' labels with a `(none)` row and column, and
// Cohen's kappa over the whole matrix (docs/reliability.md, 'Event agreement' items 3-5).
// Shared by event matching and time-slice agreement.
#include <cstdint>
#include <string>
#include <vector>

#include "interrater/stat.h"

namespace irr {

inline constexpr const char* kNoneLabel = "(none)";

struct AgreementTable {
    std::vector<std::string> labels; // codes in byte order, then "(none)" last
    std::vector<int64_t> confusion;  // labels x labels, row-major; rows = coder A
    int64_t nA = 0, nB = 0;          // events (or coded slices) of each coder
    int64_t pairs = 0;               // matched pairs (or slices both coders coded)
    int64_t agreements = 0;          // diagonal (for slices including (none)/(none))
    int64_t disagreements = 0;       // off-diagonal pairs
    int64_t unmatchedA = 0, unmatchedB = 0;
    int64_t N = 0;                   // sum of the matrix
    Stat po, pe, kappa;
    Stat kappaPairsOnly; // kappa over the code x code part of the matrix (matched pairs / slices both coded)
    int64_t sumAbsDtMs = 0;          // events: sum of |onset_a - onset_b| over pairs
    int64_t nSlices = 0;             // slices: slices used

    int64_t at(size_t i, size_t j) const { return confusion[i * labels.size() + j]; }
};

// Builds labels (sorted codes + "(none)") from the codes either coder used.
std::vector<std::string> agreementLabels(std::vector<std::string> codes);

// Fills N, p_o, p_e and kappa from `confusion` (exact integer tests for N = 0 and
// p_e = 1), and kappaPairsOnly from the matrix without the (none) row and column.
void computeKappa(AgreementTable& t);

} // namespace irr
