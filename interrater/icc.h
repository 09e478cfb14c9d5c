#pragma once
// Intraclass correlations in all six Shrout & Fleiss (1979) forms with their McGraw &
// Wong (1996) names, from a two-way ANOVA without replication (docs/reliability.md, ICC).
// Incomplete targets are dropped (listwise). CIs as Shrout & Fleiss / R psych
// ICC(lmer = FALSE): F quantiles for ICC(1,.) and ICC(3,.), Satterthwaite df for
// ICC(2,1), Spearman-Brown of the ICC(2,1) limits for ICC(2,k).
#include <array>
#include <cstdint>
#include <string>

#include "interrater/stat.h"

namespace irr {

struct RatingsTable;

struct AnovaResult {
    int64_t n = 0;            // complete targets
    int64_t k = 0;            // raters
    int64_t droppedUnits = 0; // incomplete targets removed
    Stat msb, msw, msj, mse;  // mean squares: targets, within targets, raters, residual
    double dfb = 0, dfw = 0, dfj = 0, dfe = 0;
};

enum class IccForm { Icc11, Icc21, Icc31, Icc1k, Icc2k, Icc3k };

struct IccResult {
    IccForm form = IccForm::Icc11;
    std::string name;        // "ICC(1,1)" ... "ICC(3,k)"
    std::string mcgrawWong;  // "ICC(1)", "ICC(A,1)", "ICC(C,1)", "ICC(k)", "ICC(A,k)", "ICC(C,k)"
    std::string description; // "one-way random, single rater" ...
    Stat value;
    Stat F;
    double df1 = 0, df2 = 0;
    Stat p;                  // P(F(df1, df2) > F)
    Interval ci95;
    int64_t n = 0, k = 0;
};

AnovaResult twoWayAnova(const RatingsTable& t); // needs numeric values
std::array<IccResult, 6> iccAll(const AnovaResult& anova);

} // namespace irr
