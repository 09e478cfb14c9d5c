#pragma once
// The methods-section sentence for each result: it names the statistic, the form or
// weights, the unit, the tolerance or slice, and how missing data was treated, so that
// a reader can reproduce the number (docs/reliability.md, 'Commands').
#include <string>

#include "interrater/agreement_table.h"
#include "interrater/fleiss.h"
#include "interrater/icc.h"
#include "interrater/kappa.h"
#include "interrater/krippendorff.h"
#include "interrater/timeslice.h"

namespace irr {

std::string methodsPercentAgreement(const PercentAgreement& r, bool numeric);
std::string methodsCohen(const KappaResult& r);
std::string methodsFleiss(const FleissResult& r);
std::string methodsFleissGwet(const FleissResult& r);
std::string methodsAlpha(const AlphaResult& r);
std::string methodsIcc(const IccResult& r, const AnovaResult& anova);
std::string methodsEvents(const AgreementTable& t, int64_t toleranceMs);
std::string methodsSlices(const AgreementTable& t, const SliceParams& p);

// "0.743", "undefined (reason)", "inf".
std::string formatStat(const Stat& s, int decimals = 3);
// Milliseconds as seconds without trailing zeros: 1500 -> "1.5".
std::string formatSeconds(int64_t ms);

} // namespace irr
