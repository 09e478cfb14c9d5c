#include "interrater/methods_sentence.h"

#include <cstdio>

namespace irr {

std::string formatStat(const Stat& s, int decimals)
{
    if (s.isInfinite())
        return "inf";
    if (s.isUndefined())
        return "undefined (" + s.reason() + ")";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, s.value());
    std::string r = buf;
    if (r == "-0.000" || r == "-0.00" || r == "-0.0")
        r.erase(0, 1);
    return r;
}

std::string formatSeconds(int64_t ms)
{
    std::string sign = ms < 0 ? "-" : "";
    if (ms < 0)
        ms = -ms;
    std::string r = sign + std::to_string(ms / 1000);
    if (int64_t frac = ms % 1000) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "%03lld", static_cast<long long>(frac));
        std::string f = buf;
        while (f.back() == '0')
            f.pop_back();
        r += "." + f;
    }
    return r;
}

namespace {
std::string count(int64_t n, const char* one, const char* many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}
std::string ci(const Interval& c)
{
    if (!c.lo.isFinite() || !c.hi.isFinite())
        return "95% CI undefined";
    return "95% CI " + formatStat(c.lo) + " to " + formatStat(c.hi);
}
} // namespace

std::string methodsPercentAgreement(const PercentAgreement& r, bool numeric)
{
    std::string s = "Percent agreement (identical ratings) between the two raters was " + formatStat(r.value) +
                    " over " + count(r.n, "unit", "units") + " rated by both";
    if (numeric)
        s += "; agreement within one scale point was " + formatStat(r.withinOne);
    return s + ".";
}

std::string methodsCohen(const KappaResult& r)
{
    std::string kind = r.weights == Weights::None ? "Unweighted Cohen's kappa"
                       : r.weights == Weights::Linear
                           ? "Cohen's kappa with linear agreement weights 1 - |x_i - x_j|/(x_max - x_min) from the category values"
                           : "Cohen's kappa with quadratic agreement weights 1 - (x_i - x_j)^2/(x_max - x_min)^2 from the category values";
    std::string s = kind + " was " + formatStat(r.kappa);
    if (r.kappa.isFinite())
        s += " (SE " + formatStat(r.se) + " by Fleiss, Cohen & Everitt 1969, " + ci(r.ci95) + " not clipped; z = " +
             formatStat(r.z, 2) + " against the null SE, p = " + formatStat(r.p, 4) + ")";
    return s + ", computed over " + count(r.n, "unit", "units") + " rated by both raters (pairwise deletion).";
}

std::string methodsFleiss(const FleissResult& r)
{
    std::string s = "Fleiss' (1971) kappa for " + std::to_string(r.raters) + " raters was " + formatStat(r.kappa);
    if (r.kappa.isFinite())
        s += " (null SE " + formatStat(r.se0) + " by Fleiss, Nee & Landis 1979, z = " + formatStat(r.z, 2) +
             ", p = " + formatStat(r.p, 4) + ")";
    s += ", over " + count(r.n, "unit", "units") + " rated by every rater";
    if (r.droppedUnits > 0)
        s += " (" + count(r.droppedUnits, "incomplete unit", "incomplete units") + " removed listwise)";
    else
        s += " (missing ratings: listwise deletion; none were missing)";
    return s + ".";
}

std::string methodsFleissGwet(const FleissResult& r)
{
    return "Fleiss' kappa with Gwet's (2014) treatment of missing ratings (all available ratings; agreement averaged "
           "over the " + count(r.n, "unit", "units") + " with at least two ratings) was " + formatStat(r.kappa) + ".";
}

std::string methodsAlpha(const AlphaResult& r)
{
    return std::string("Krippendorff's alpha (") + levelName(r.level) + " metric, exact coincidence-matrix computation, Krippendorff 2011) was " +
           formatStat(r.alpha) + ", using all " + count(r.pairableValues, "pairable value", "pairable values") + " in " +
           count(r.units, "unit", "units") + " with at least two values (missing values are allowed).";
}

std::string methodsIcc(const IccResult& r, const AnovaResult& a)
{
    std::string s = r.name + " (McGraw & Wong " + r.mcgrawWong + ": " + r.description + "; Shrout & Fleiss 1979) was " +
                    formatStat(r.value);
    if (r.value.isFinite()) {
        const bool integralDf2 = r.df2 == static_cast<double>(static_cast<int64_t>(r.df2));
        s += " (" + ci(r.ci95) + "; F(" + formatStat(Stat::finite(r.df1), 0) + ", " +
             formatStat(Stat::finite(r.df2), integralDf2 ? 0 : 2) + ") = " + formatStat(r.F, 2) + ", p = " +
             formatStat(r.p, 4) + ")";
    }
    s += ", from a two-way ANOVA of " + count(r.n, "target", "targets") + " x " + count(r.k, "rater", "raters");
    if (a.droppedUnits > 0)
        s += " (" + count(a.droppedUnits, "incomplete target", "incomplete targets") + " removed listwise)";
    return s + ".";
}

std::string methodsEvents(const AgreementTable& t, int64_t toleranceMs)
{
    return "Events of the two coders were matched one-to-one by onset within a tolerance of +/-" + formatSeconds(toleranceMs) +
           " s (inclusive), choosing the optimal matching that maximises first the number of pairs with identical codes, "
           "then the number of pairs, then minimises the summed onset difference (not greedy); unmatched events were "
           "counted against a (none) category. Of " + std::to_string(t.nA) + " and " + std::to_string(t.nB) + " events, " +
           count(t.pairs, "pair was", "pairs were") + " matched (" + std::to_string(t.agreements) +
           " with identical codes); Cohen's kappa over the " + std::to_string(t.labels.size()) + "-label confusion matrix including (none) was " +
           formatStat(t.kappa) + " (p_o = " + formatStat(t.po) + ", p_e = " + formatStat(t.pe) + ", N = " + std::to_string(t.N) +
           "); over matched pairs only, without (none), kappa was " + formatStat(t.kappaPairsOnly) + ".";
}

std::string methodsSlices(const AgreementTable& t, const SliceParams& p)
{
    return "State codes were compared in " + std::to_string(t.nSlices) + " time slices of " + formatSeconds(p.sliceMs) +
           " s anchored at the session start (" + formatSeconds(p.startMs) + " s to " + formatSeconds(p.endMs) +
           " s); each coder's label for a slice is the state active at the slice midpoint (latest onset wins), else (none)" +
           (p.includeNone ? "; slices where neither coder had a state were included"
                          : "; slices where neither coder had a state were excluded") +
           ". Cohen's kappa over the slice confusion matrix was " + formatStat(t.kappa) + " (p_o = " + formatStat(t.po) +
           ", p_e = " + formatStat(t.pe) + ").";
}

} // namespace irr
