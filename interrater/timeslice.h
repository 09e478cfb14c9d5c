#pragma once
// Time-slice agreement for state events (docs/reliability.md, 'Time-slice agreement'). Slices
// [S + i w, S + (i+1) w) are anchored at the session start S, never at the first event.
// A coder's label for a slice is the code of the state active at the slice midpoint
// (active iff onset <= t < offset; several active: the latest onset wins, ties go to the
// byte-order smallest code), else "(none)". Point events are ignored.
//
// Counts in the returned table: n_slices = slices used; pairs = slices both coders
// labelled with a code; agreements = slices with equal labels (including (none)/(none)
// when include_none); disagreements = n_slices - agreements; unmatched_a / unmatched_b =
// slices only A / only B labelled; n_a / n_b = slices A / B labelled.
#include <cstdint>
#include <vector>

#include "interrater/agreement_table.h"
#include "interrater/events.h"

namespace irr {

struct SliceParams {
    int64_t startMs = 0;
    int64_t endMs = 0;
    int64_t sliceMs = 0;
    bool includeNone = true;
};

// At most this many slices (two int32 labels each); more is certainly a unit mistake.
inline constexpr int64_t kMaxSlices = 50'000'000;

// Throws std::invalid_argument when slice <= 0, end <= start, (end - start) is not a
// multiple of the slice width, or there would be more than kMaxSlices slices.
AgreementTable timesliceAgreement(const std::vector<Event>& a, const std::vector<Event>& b, const SliceParams& p);

} // namespace irr
