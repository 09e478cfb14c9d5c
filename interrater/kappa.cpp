#include "interrater/kappa.h"

#include <cmath>
#include <stdexcept>

#include "interrater/distributions.h"
#include "interrater/ratings_table.h"

namespace irr {

const char* weightsName(Weights w)
{
    switch (w) {
    case Weights::None: return "none";
    case Weights::Linear: return "linear";
    case Weights::Quadratic: return "quadratic";
    }
    return "none";
}

CrossTable crossTabulate(const RatingsTable& t, size_t raterA, size_t raterB)
{
    CrossTable x;
    x.categories = t.categories;
    x.values = t.values;
    const size_t k = t.categories.size();
    x.counts.assign(k * k, 0);
    for (size_t u = 0; u < t.unitCount(); ++u) {
        int32_t a = t.at(u, raterA), b = t.at(u, raterB);
        if (a == RatingsTable::kMissing || b == RatingsTable::kMissing)
            continue;
        ++x.counts[static_cast<size_t>(a) * k + static_cast<size_t>(b)];
        ++x.n;
    }
    return x;
}

namespace {

// Agreement weights from category values (docs/reliability.md, Cohen's kappa): 1 on equal values.
std::vector<double> weightMatrix(const CrossTable& x, Weights w)
{
    const size_t k = x.k();
    std::vector<double> m(k * k, 0.0);
    if (w == Weights::None) {
        for (size_t i = 0; i < k; ++i)
            m[i * k + i] = 1.0;
        return m;
    }
    if (x.values.size() != k)
        throw std::invalid_argument("weighted kappa needs numeric category values");
    double lo = x.values.front(), hi = x.values.front();
    for (double v : x.values) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    const double range = hi - lo;
    for (size_t i = 0; i < k; ++i)
        for (size_t j = 0; j < k; ++j) {
            double d = x.values[i] - x.values[j];
            if (d == 0.0 || range == 0.0)
                m[i * k + j] = 1.0;
            else if (w == Weights::Linear)
                m[i * k + j] = 1.0 - std::fabs(d) / range;
            else
                m[i * k + j] = 1.0 - (d * d) / (range * range);
        }
    return m;
}

} // namespace

KappaResult cohenKappa(const CrossTable& x, Weights weights)
{
    KappaResult r;
    r.weights = weights;
    r.n = x.n;
    const size_t k = x.k();
    std::vector<double> w = weightMatrix(x, weights);
    if (x.n == 0) {
        const char* why = "no unit was rated by both raters";
        r.kappa = r.se = r.se0 = r.z = r.p = r.po = r.pe = Stat::undefined(why);
        r.ci95 = {Stat::undefined(why), Stat::undefined(why)};
        return r;
    }
    const double n = static_cast<double>(x.n);
    std::vector<double> row(k, 0.0), col(k, 0.0);
    std::vector<int64_t> rowN(k, 0), colN(k, 0);
    for (size_t i = 0; i < k; ++i)
        for (size_t j = 0; j < k; ++j) {
            rowN[i] += x.at(i, j);
            colN[j] += x.at(i, j);
        }
    for (size_t i = 0; i < k; ++i) {
        row[i] = rowN[i] / n;
        col[i] = colN[i] / n;
    }
    // Exact degeneracy tests on counts, not on floating-point sums.
    bool chanceIsOne = true; // every used (row, column) pair has weight 1
    bool perfect = true;     // every observed pair has weight 1
    for (size_t i = 0; i < k; ++i)
        for (size_t j = 0; j < k; ++j) {
            if (w[i * k + j] == 1.0)
                continue;
            if (rowN[i] > 0 && colN[j] > 0)
                chanceIsOne = false;
            if (x.at(i, j) > 0)
                perfect = false;
        }
    double po = 0, pe = 0;
    std::vector<double> wRow(k, 0.0), wCol(k, 0.0); // w-bar_i. and w-bar_.j
    for (size_t i = 0; i < k; ++i)
        for (size_t j = 0; j < k; ++j) {
            const double wij = w[i * k + j];
            po += wij * x.at(i, j) / n;
            pe += wij * row[i] * col[j];
            wRow[i] += col[j] * wij;
            wCol[j] += row[i] * wij;
        }
    r.po = Stat::finite(perfect ? 1.0 : po);
    if (chanceIsOne) {
        const char* why = "chance agreement p_e is 1 (both raters used a single category)";
        r.pe = Stat::finite(1.0);
        r.kappa = r.se = r.se0 = r.z = r.p = Stat::undefined(why);
        r.ci95 = {Stat::undefined(why), Stat::undefined(why)};
        return r;
    }
    r.pe = Stat::finite(pe);
    const double kappa = perfect ? 1.0 : (po - pe) / (1.0 - pe);
    r.kappa = Stat::finite(kappa);

    double var = 0.0;
    if (!perfect) {
        double s = 0.0;
        for (size_t i = 0; i < k; ++i)
            for (size_t j = 0; j < k; ++j) {
                if (x.at(i, j) == 0)
                    continue;
                double d = w[i * k + j] - (wRow[i] + wCol[j]) * (1.0 - kappa);
                s += x.at(i, j) / n * d * d;
            }
        double c = kappa - pe * (1.0 - kappa);
        var = (s - c * c) / (n * (1.0 - pe) * (1.0 - pe));
        if (var < 0.0) // rounding residue of a variance that is 0 in exact arithmetic
            var = 0.0;
    }
    const double se = std::sqrt(var);
    r.se = Stat::finite(se);
    r.ci95 = {Stat::finite(kappa - dist::kZ975 * se), Stat::finite(kappa + dist::kZ975 * se)};

    double s0 = 0.0;
    for (size_t i = 0; i < k; ++i)
        for (size_t j = 0; j < k; ++j) {
            if (rowN[i] == 0 || colN[j] == 0)
                continue;
            double d = w[i * k + j] - (wRow[i] + wCol[j]);
            s0 += row[i] * col[j] * d * d;
        }
    double var0 = (s0 - pe * pe) / (n * (1.0 - pe) * (1.0 - pe));
    if (var0 < 0.0)
        var0 = 0.0;
    const double se0 = std::sqrt(var0);
    r.se0 = Stat::finite(se0);
    if (se0 > 0.0) {
        r.z = Stat::finite(kappa / se0);
        r.p = Stat::finite(dist::normalTwoSided(kappa / se0));
    } else if (kappa != 0.0) {
        r.z = Stat::infinite();
        r.p = Stat::finite(0.0);
    } else {
        r.z = r.p = Stat::undefined("kappa and its null standard error are both 0");
    }
    return r;
}

PercentAgreement percentAgreement(const CrossTable& x)
{
    PercentAgreement r;
    r.n = x.n;
    const size_t k = x.k();
    for (size_t i = 0; i < k; ++i) {
        r.agreements += x.at(i, i);
        if (x.values.size() == k)
            for (size_t j = 0; j < k; ++j)
                if (std::fabs(x.values[i] - x.values[j]) <= 1.0)
                    r.withinOneCount += x.at(i, j);
    }
    if (x.n == 0) {
        r.value = r.withinOne = Stat::undefined("no unit was rated by both raters");
        return r;
    }
    r.value = Stat::finite(static_cast<double>(r.agreements) / x.n);
    if (x.values.size() == k)
        r.withinOne = Stat::finite(static_cast<double>(r.withinOneCount) / x.n);
    else
        r.withinOne = Stat::undefined("ratings are not numeric");
    return r;
}

} // namespace irr
