#include "interrater/krippendorff.h"

#include <cmath>
#include <stdexcept>
#include <vector>

#include "interrater/ratings_table.h"

namespace irr {

const char* levelName(Level l)
{
    switch (l) {
    case Level::Nominal: return "nominal";
    case Level::Ordinal: return "ordinal";
    case Level::Interval: return "interval";
    case Level::Ratio: return "ratio";
    }
    return "nominal";
}

AlphaResult krippendorffAlpha(const RatingsTable& t, Level level)
{
    AlphaResult r;
    r.level = level;
    const size_t m = t.raterCount(), k = t.categories.size();
    if (level != Level::Nominal && !t.numeric)
        throw std::invalid_argument(std::string(levelName(level)) + " alpha needs numeric values");

    // Pass 1: pairable marginals n_c.
    std::vector<int64_t> nc(k, 0);
    for (size_t u = 0; u < t.unitCount(); ++u) {
        size_t mu = 0;
        for (size_t j = 0; j < m; ++j)
            mu += t.at(u, j) != RatingsTable::kMissing;
        if (mu < 2)
            continue;
        ++r.units;
        for (size_t j = 0; j < m; ++j)
            if (int32_t c = t.at(u, j); c != RatingsTable::kMissing)
                ++nc[static_cast<size_t>(c)];
    }
    int64_t n = 0;
    size_t used = 0;
    for (int64_t v : nc) {
        n += v;
        used += v > 0;
    }
    r.pairableValues = n;
    if (n == 0) {
        r.alpha = Stat::undefined("no unit has two or more values");
        return r;
    }
    if (used < 2) {
        r.alpha = Stat::undefined("all pairable values are identical (expected disagreement is 0)");
        return r;
    }
    if (level == Level::Ratio)
        for (size_t c = 0; c < k; ++c)
            if (nc[c] > 0 && t.values[c] < 0.0) {
                r.alpha = Stat::undefined("ratio metric is undefined for negative values");
                return r;
            }

    // delta^2 between categories c and k.
    std::vector<double> cum; // ordinal: cumulative pairable counts by rank
    if (level == Level::Ordinal) {
        cum.assign(k + 1, 0.0);
        for (size_t c = 0; c < k; ++c)
            cum[c + 1] = cum[c] + static_cast<double>(nc[c]);
    }
    auto delta2 = [&](size_t a, size_t b) -> double {
        if (a == b)
            return 0.0;
        switch (level) {
        case Level::Nominal: return 1.0;
        case Level::Ordinal: {
            size_t lo = std::min(a, b), hi = std::max(a, b);
            double d = (cum[hi + 1] - cum[lo]) - (nc[lo] + nc[hi]) / 2.0;
            return d * d;
        }
        case Level::Interval: {
            double d = t.values[a] - t.values[b];
            return d * d;
        }
        case Level::Ratio: {
            double s = t.values[a] + t.values[b];
            double d = (t.values[a] - t.values[b]) / s; // s > 0: values >= 0 and distinct
            return d * d;
        }
        }
        return 0.0;
    };

    // Observed: sum_u 1/(m_u-1) sum over ordered pairs of values of delta^2.
    double observed = 0.0;
    bool anyDisagreement = false;
    std::vector<int32_t> vals;
    vals.reserve(m);
    for (size_t u = 0; u < t.unitCount(); ++u) {
        vals.clear();
        for (size_t j = 0; j < m; ++j)
            if (int32_t c = t.at(u, j); c != RatingsTable::kMissing)
                vals.push_back(c);
        if (vals.size() < 2)
            continue;
        double s = 0.0;
        for (size_t a = 0; a < vals.size(); ++a)
            for (size_t b = a + 1; b < vals.size(); ++b)
                if (vals[a] != vals[b]) {
                    s += 2.0 * delta2(static_cast<size_t>(vals[a]), static_cast<size_t>(vals[b]));
                    anyDisagreement = true;
                }
        observed += s / static_cast<double>(vals.size() - 1);
    }

    // Expected: sum_c sum_k n_c n_k delta^2_ck.
    double expected = 0.0;
    if (level == Level::Nominal) {
        double s2 = 0.0;
        for (int64_t v : nc)
            s2 += static_cast<double>(v) * static_cast<double>(v);
        expected = static_cast<double>(n) * static_cast<double>(n) - s2;
    } else if (level == Level::Interval) {
        double mean = 0.0;
        for (size_t c = 0; c < k; ++c)
            mean += nc[c] * t.values[c];
        mean /= static_cast<double>(n);
        double ss = 0.0;
        for (size_t c = 0; c < k; ++c) {
            double d = t.values[c] - mean;
            ss += nc[c] * d * d;
        }
        expected = 2.0 * static_cast<double>(n) * ss;
    } else {
        std::vector<size_t> idx;
        for (size_t c = 0; c < k; ++c)
            if (nc[c] > 0)
                idx.push_back(c);
        for (size_t a = 0; a < idx.size(); ++a)
            for (size_t b = a + 1; b < idx.size(); ++b)
                expected += 2.0 * static_cast<double>(nc[idx[a]]) * static_cast<double>(nc[idx[b]]) * delta2(idx[a], idx[b]);
    }
    if (!anyDisagreement) {
        r.alpha = Stat::finite(1.0);
        return r;
    }
    r.alpha = finiteOr(1.0 - static_cast<double>(n - 1) * observed / expected, "expected disagreement is 0");
    return r;
}

} // namespace irr
