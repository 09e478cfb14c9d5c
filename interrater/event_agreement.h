#pragma once
// Event agreement with a time tolerance by optimal one-to-one matching
// (docs/reliability.md, 'Event agreement'). a (coder A) and b (coder B) may pair iff
// |onset_a - onset_b| <= T.
// The matching maximises, in order, (1) pairs with identical codes, (2) pairs, and then
// minimises (3) the sum of |dt| in ms. It is solved exactly as a maximum-weight
// assignment with integer weights W = A [code_a == code_b] + P - |dt| (P = m T + 1,
// A = m P + 1, m = min(n_a, n_b) of the cluster), separately for each connected cluster
// of candidate pairs, by successive shortest augmenting paths (Dijkstra with dual
// potentials over the sparse candidate edges; each unmatched event is an assignment to
// its own zero-weight dummy). Greedy nearest-first or chronological matching is not
// optimal and is not used.
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "interrater/agreement_table.h"
#include "interrater/events.h"

namespace irr {

struct MatchedPair {
    size_t a; // index into coder A's events
    size_t b; // index into coder B's events
};

struct EventMatch {
    AgreementTable table;
    std::vector<MatchedPair> pairs; // one optimal matching (others may exist)
};

// The exact matching costs grow faster than the number of candidate pairs; beyond this
// many (e.g. 10 000 events per coder one every 0.36 s with T > 30 s) it would take
// minutes, so matchEvents refuses up front instead of appearing to hang.
inline constexpr int64_t kMaxCandidatePairs = 2'000'000;

class MatchingTooLarge : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Every event takes part, represented by its onset. toleranceMs >= 0. Throws
// MatchingTooLarge when there are more than kMaxCandidatePairs candidate pairs.
EventMatch matchEvents(const std::vector<Event>& a, const std::vector<Event>& b, int64_t toleranceMs);

struct CurvePoint {
    int64_t toleranceMs = 0;
    Stat kappa;
    int64_t pairs = 0;
    int64_t agreements = 0;
};

// Kappa versus tolerance (docs/reliability.md, 'Event agreement' item 7). A tolerance with
// too many candidate pairs gives an undefined point instead of an exception.
std::vector<CurvePoint> kappaToleranceCurve(const std::vector<Event>& a, const std::vector<Event>& b,
                                            const std::vector<int64_t>& tolerancesMs);

// One frame (40 ms) to 5 s, plus `extraMs` when >= 0; sorted, unique.
std::vector<int64_t> defaultCurveTolerancesMs(int64_t extraMs = -1);

} // namespace irr
