#include "interrater/icc.h"

#include <cmath>
#include <stdexcept>
#include <vector>

#include "interrater/distributions.h"
#include "interrater/ratings_table.h"

namespace irr {

AnovaResult twoWayAnova(const RatingsTable& t)
{
    if (!t.numeric)
        throw std::invalid_argument("ICC needs numeric values");
    AnovaResult a;
    const size_t k = t.raterCount();
    a.k = static_cast<int64_t>(k);
    std::vector<double> x; // complete targets, row-major n x k
    for (size_t u = 0; u < t.unitCount(); ++u) {
        bool complete = true;
        for (size_t j = 0; j < k && complete; ++j)
            complete = t.at(u, j) != RatingsTable::kMissing;
        if (!complete) {
            ++a.droppedUnits;
            continue;
        }
        for (size_t j = 0; j < k; ++j)
            x.push_back(t.values[static_cast<size_t>(t.at(u, j))]);
    }
    const size_t n = x.size() / (k ? k : 1);
    a.n = static_cast<int64_t>(n);
    if (n < 2 || k < 2) {
        const char* why = k < 2 ? "fewer than two raters" : "fewer than two targets rated by every rater";
        a.msb = a.msw = a.msj = a.mse = Stat::undefined(why);
        return a;
    }
    // Exact zero tests in the data's own arithmetic, so that a sum of squares that is 0
    // in exact arithmetic is 0 here and not rounding residue (which would give F ~ 1e30).
    bool rowsConstant = true;  // SSW = 0
    bool additive = true;      // SSE = 0: x_ij - x_i1 == x_1j - x_11 for all i, j
    bool rowMeansEqual = true; // SSB = 0
    bool colMeansEqual = true; // SSJ = 0
    std::vector<double> rowSum(n, 0.0), colSum(k, 0.0);
    double grand = 0.0;
    for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < k; ++j) {
            const double v = x[i * k + j];
            rowSum[i] += v;
            colSum[j] += v;
            grand += v;
            if (v != x[i * k])
                rowsConstant = false;
            if (v - x[i * k] != x[j] - x[0])
                additive = false;
        }
    for (size_t i = 1; i < n; ++i)
        rowMeansEqual = rowMeansEqual && rowSum[i] == rowSum[0];
    for (size_t j = 1; j < k; ++j)
        colMeansEqual = colMeansEqual && colSum[j] == colSum[0];
    const double N = static_cast<double>(n), K = static_cast<double>(k);
    const double mean = grand / (N * K);
    double ssb = 0, ssj = 0, sst = 0;
    for (size_t i = 0; i < n; ++i) {
        double d = rowSum[i] / K - mean;
        ssb += d * d;
    }
    ssb *= K;
    for (size_t j = 0; j < k; ++j) {
        double d = colSum[j] / N - mean;
        ssj += d * d;
    }
    ssj *= N;
    for (double v : x)
        sst += (v - mean) * (v - mean);
    if (rowMeansEqual)
        ssb = 0.0;
    if (colMeansEqual)
        ssj = 0.0;
    double ssw = rowsConstant ? 0.0 : std::max(0.0, sst - ssb);
    double sse = additive ? 0.0 : std::max(0.0, sst - ssb - ssj);
    if (rowsConstant)
        sse = 0.0; // constant rows are additive too
    a.dfb = N - 1;
    a.dfw = N * (K - 1);
    a.dfj = K - 1;
    a.dfe = (N - 1) * (K - 1);
    a.msb = Stat::finite(ssb / a.dfb);
    a.msw = Stat::finite(ssw / a.dfw);
    a.msj = Stat::finite(ssj / a.dfj);
    a.mse = Stat::finite(sse / a.dfe);
    return a;
}

namespace {

// F = num/den with exact zero handling; p = upper tail.
void fTest(IccResult& r, double num, double den, double df1, double df2)
{
    r.df1 = df1;
    r.df2 = df2;
    if (den == 0.0) {
        if (num == 0.0) {
            r.F = r.p = Stat::undefined("both mean squares are 0 (all ratings equal)");
        } else {
            r.F = Stat::infinite();
            r.p = Stat::finite(0.0);
        }
        return;
    }
    const double F = num / den;
    r.F = Stat::finite(F);
    r.p = Stat::finite(dist::fUpperTail(F, df1, df2));
}

Stat ratio(double num, double den, const char* why)
{
    if (den == 0.0)
        return Stat::undefined(why);
    return finiteOr(num / den, why);
}

} // namespace

std::array<IccResult, 6> iccAll(const AnovaResult& a)
{
    std::array<IccResult, 6> out;
    const char* names[6] = {"ICC(1,1)", "ICC(2,1)", "ICC(3,1)", "ICC(1,k)", "ICC(2,k)", "ICC(3,k)"};
    const char* mw[6] = {"ICC(1)", "ICC(A,1)", "ICC(C,1)", "ICC(k)", "ICC(A,k)", "ICC(C,k)"};
    const char* desc[6] = {"one-way random effects, absolute agreement, single rater",
                           "two-way random effects, absolute agreement, single rater",
                           "two-way mixed effects, consistency, single rater",
                           "one-way random effects, absolute agreement, mean of k raters",
                           "two-way random effects, absolute agreement, mean of k raters",
                           "two-way mixed effects, consistency, mean of k raters"};
    for (int f = 0; f < 6; ++f) {
        out[f].form = static_cast<IccForm>(f);
        out[f].name = names[f];
        out[f].mcgrawWong = mw[f];
        out[f].description = desc[f];
        out[f].n = a.n;
        out[f].k = a.k;
    }
    if (!a.msb.isFinite()) {
        for (IccResult& r : out) {
            r.value = r.F = r.p = Stat::undefined(a.msb.reason());
            r.ci95 = {r.value, r.value};
        }
        return out;
    }
    const double msb = a.msb.value(), msw = a.msw.value(), msj = a.msj.value(), mse = a.mse.value();
    const double n = static_cast<double>(a.n), k = static_cast<double>(a.k);
    const char* allEqual = "all ratings are equal (no variance between or within targets)";
    const char* noTarget = "no variance between targets (MSB = 0)";

    IccResult& i11 = out[0];
    IccResult& i21 = out[1];
    IccResult& i31 = out[2];
    IccResult& i1k = out[3];
    IccResult& i2k = out[4];
    IccResult& i3k = out[5];
    i11.value = ratio(msb - msw, msb + (k - 1) * msw, allEqual);
    i21.value = ratio(msb - mse, msb + (k - 1) * mse + k * (msj - mse) / n, allEqual);
    i31.value = ratio(msb - mse, msb + (k - 1) * mse, allEqual);
    i1k.value = ratio(msb - msw, msb, noTarget);
    i2k.value = ratio(msb - mse, msb + (msj - mse) / n, allEqual);
    i3k.value = ratio(msb - mse, msb, noTarget);
    for (IccResult* r : {&i11, &i1k})
        fTest(*r, msb, msw, a.dfb, a.dfw);
    for (IccResult* r : {&i21, &i31, &i2k, &i3k})
        fTest(*r, msb, mse, a.dfb, a.dfe);

    const double q = 0.975;
    auto undefinedCi = [](IccResult& r, const std::string& why) { r.ci95 = {Stat::undefined(why), Stat::undefined(why)}; };
    // One-way and consistency forms: F-based limits.
    auto fLimits = [&](IccResult& single, IccResult& mean, double df2) {
        if (!single.F.isFinite()) {
            std::string why = single.F.isInfinite() ? "F is infinite (zero error mean square)" : single.F.reason();
            undefinedCi(single, why);
            undefinedCi(mean, why);
            return;
        }
        const double F = single.F.value();
        if (F == 0.0) {
            undefinedCi(single, "F is 0");
            undefinedCi(mean, "F is 0");
            return;
        }
        const double FL = F / dist::fQuantile(q, a.dfb, df2);
        const double FU = F * dist::fQuantile(q, df2, a.dfb);
        single.ci95 = {finiteOr((FL - 1) / (FL + k - 1), "degenerate F"), finiteOr((FU - 1) / (FU + k - 1), "degenerate F")};
        mean.ci95 = {finiteOr(1 - 1 / FL, "degenerate F"), finiteOr(1 - 1 / FU, "degenerate F")};
    };
    fLimits(i11, i1k, a.dfw);
    fLimits(i31, i3k, a.dfe);

    // ICC(2,1): Satterthwaite df (Shrout & Fleiss 1979, eq. 9; as R psych).
    if (!i21.value.isFinite() || mse == 0.0) {
        std::string why = mse == 0.0 ? "zero error mean square (F is infinite or undefined)" : i21.value.reason();
        undefinedCi(i21, why);
        undefinedCi(i2k, why);
    } else {
        const double icc = i21.value.value();
        const double Fj = msj / mse;
        const double vn = (k - 1) * (n - 1) * std::pow(k * icc * Fj + n * (1 + (k - 1) * icc) - k * icc, 2);
        const double vd = (n - 1) * k * k * icc * icc * Fj * Fj + std::pow(n * (1 + (k - 1) * icc) - k * icc, 2);
        const double v = vn / vd;
        if (!(v > 0.0) || !std::isfinite(v)) {
            undefinedCi(i21, "Satterthwaite degrees of freedom are not positive");
            undefinedCi(i2k, "Satterthwaite degrees of freedom are not positive");
        } else {
            const double FU = dist::fQuantile(q, n - 1, v);
            const double FL = dist::fQuantile(q, v, n - 1);
            const double lo = n * (msb - FU * mse) / (FU * (k * msj + (k * n - k - n) * mse) + n * msb);
            const double hi = n * (FL * msb - mse) / (k * msj + (k * n - k - n) * mse + n * FL * msb);
            i21.ci95 = {finiteOr(lo, "degenerate limits"), finiteOr(hi, "degenerate limits")};
            i2k.ci95 = {finiteOr(lo * k / (1 + lo * (k - 1)), "degenerate limits"),
                        finiteOr(hi * k / (1 + hi * (k - 1)), "degenerate limits")};
        }
    }
    return out;
}

} // namespace irr
