#pragma once
// Output of `bondline-cli irr`: readable tables with the methods sentences, or the JSON
// contract documented in docs/reliability.md ({"results": [...]}, one object per result
// with "measure", "params" and the fields at top level; an undefined field is null with a
// sibling "undefined": "reason"; an infinite one is the string "inf").
#include <array>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "interrater/event_agreement.h"
#include "interrater/fleiss.h"
#include "interrater/icc.h"
#include "interrater/kappa.h"
#include "interrater/krippendorff.h"
#include "interrater/ratings_table.h"
#include "interrater/timeslice.h"

namespace app::cli {

// Everything `irr ratings` computed; optional parts are absent when they do not apply
// (Cohen and percent agreement need exactly two raters; weighted kappa, ordinal and
// interval alpha, ANOVA and ICC need numeric values).
struct RatingsReport {
    std::string file;
    std::optional<std::pair<double, double>> scale;
    const irr::RatingsTable* table = nullptr;
    std::optional<irr::PercentAgreement> percent;
    std::vector<irr::KappaResult> cohen;
    std::optional<irr::FleissResult> fleiss;
    std::optional<irr::FleissResult> fleissGwet; // only when some unit is incomplete
    std::vector<irr::AlphaResult> alpha;
    std::optional<irr::AnovaResult> anova;
    std::optional<std::array<irr::IccResult, 6>> icc;
};

struct EventsReport {
    std::string file;
    std::string coderA, coderB;
    int64_t toleranceMs = 0;
    irr::AgreementTable table;
    std::vector<irr::CurvePoint> curve;
};

struct SlicesReport {
    std::string file;
    std::string coderA, coderB;
    irr::SliceParams params;
    irr::AgreementTable table;
};

void writeRatingsText(std::ostream& os, const RatingsReport& r);
void writeRatingsJson(std::ostream& os, const RatingsReport& r);
void writeEventsText(std::ostream& os, const EventsReport& r);
void writeEventsJson(std::ostream& os, const EventsReport& r);
void writeSlicesText(std::ostream& os, const SlicesReport& r);
void writeSlicesJson(std::ostream& os, const SlicesReport& r);

} // namespace app::cli
