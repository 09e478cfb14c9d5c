#include "interrater/fleiss.h"

#include <cmath>

#include "interrater/distributions.h"
#include "interrater/ratings_table.h"

namespace irr {

FleissResult fleissKappa(const RatingsTable& t)
{
    FleissResult r;
    const size_t m = t.raterCount(), k = t.categories.size();
    r.raters = static_cast<int64_t>(m);
    std::vector<int64_t> total(k, 0);   // sum_i n_ij
    std::vector<int64_t> sumSq(k, 0);   // sum_i n_ij^2
    std::vector<int64_t> counts(k, 0);
    int64_t N = 0;
    for (size_t u = 0; u < t.unitCount(); ++u) {
        bool complete = true;
        for (size_t j = 0; j < m && complete; ++j)
            complete = t.at(u, j) != RatingsTable::kMissing;
        if (!complete) {
            ++r.droppedUnits;
            continue;
        }
        for (size_t j = 0; j < m; ++j)
            ++counts[static_cast<size_t>(t.at(u, j))];
        for (size_t j = 0; j < m; ++j) {
            size_t c = static_cast<size_t>(t.at(u, j));
            if (counts[c] == 0)
                continue;
            total[c] += counts[c];
            sumSq[c] += counts[c] * counts[c];
            counts[c] = 0;
        }
        ++N;
    }
    r.n = N;
    if (N == 0 || m < 2) {
        const char* why = N == 0 ? "no unit was rated by every rater" : "fewer than two raters";
        r.kappa = r.se0 = r.z = r.p = Stat::undefined(why);
        return r;
    }
    const double n = static_cast<double>(m);
    const double Nn = static_cast<double>(N) * n;
    // P-bar = (sum_ij n_ij^2 - N n) / (N n (n - 1)); exact integer numerator.
    int64_t sumAllSq = 0;
    size_t used = 0;
    for (size_t c = 0; c < k; ++c) {
        sumAllSq += sumSq[c];
        used += total[c] > 0;
    }
    const double pBar = static_cast<double>(sumAllSq - N * static_cast<int64_t>(m)) / (Nn * (n - 1.0));
    double sumP2 = 0, sumPQ = 0, sumPQQP = 0;
    for (size_t c = 0; c < k; ++c) {
        if (total[c] == 0)
            continue;
        double p = total[c] / Nn, q = 1.0 - p;
        sumP2 += p * p;
        sumPQ += p * q;
        sumPQQP += p * q * (q - p);
    }
    const double base = std::sqrt(2.0 / (Nn * (n - 1.0)));
    if (used < 2) {
        const char* why = "every rating is in the same category (chance agreement is 1)";
        r.kappa = r.se0 = r.z = r.p = Stat::undefined(why);
    } else {
        const bool perfect = sumAllSq == N * static_cast<int64_t>(m) * static_cast<int64_t>(m);
        const double kappa = perfect ? 1.0 : (pBar - sumP2) / (1.0 - sumP2);
        r.kappa = Stat::finite(kappa);
        double inner = sumPQ * sumPQ - sumPQQP;
        if (inner < 0.0)
            inner = 0.0;
        const double se0 = base * std::sqrt(inner) / sumPQ;
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
    }
    for (size_t c = 0; c < k; ++c) {
        if (total[c] == 0)
            continue;
        FleissCategory fc;
        fc.category = t.categories[c];
        // kappa_j = 1 - sum_i n_ij (n - n_ij) / (N n (n-1) p_j q_j); sum_i n_ij (n - n_ij)
        // = n total_j - sumSq_j, exact in integers.
        const int64_t disagree = static_cast<int64_t>(m) * total[c] - sumSq[c];
        const double p = total[c] / Nn, q = 1.0 - p;
        if (total[c] == N * static_cast<int64_t>(m)) {
            fc.kappa = Stat::undefined("category is used for every rating (p_j q_j = 0)");
        } else {
            fc.kappa = Stat::finite(disagree == 0 ? 1.0 : 1.0 - disagree / (Nn * (n - 1.0) * p * q));
        }
        fc.se0 = Stat::finite(base);
        r.perCategory.push_back(std::move(fc));
    }
    return r;
}

FleissResult fleissKappaGwet(const RatingsTable& t)
{
    FleissResult r;
    const size_t m = t.raterCount(), k = t.categories.size();
    r.raters = static_cast<int64_t>(m);
    std::vector<double> share(k, 0.0);
    std::vector<int64_t> counts(k, 0);
    double pa = 0.0;
    int64_t rated = 0, pairable = 0;
    bool perfect = true;
    size_t usedCategories = 0;
    std::vector<bool> used(k, false);
    for (size_t u = 0; u < t.unitCount(); ++u) {
        int64_t ri = 0;
        for (size_t j = 0; j < m; ++j)
            if (int32_t c = t.at(u, j); c != RatingsTable::kMissing) {
                ++counts[static_cast<size_t>(c)];
                ++ri;
            }
        if (ri == 0)
            continue;
        ++rated;
        int64_t same = 0;
        for (size_t j = 0; j < m; ++j) {
            int32_t c = t.at(u, j);
            if (c == RatingsTable::kMissing || counts[static_cast<size_t>(c)] == 0)
                continue;
            const size_t cc = static_cast<size_t>(c);
            const int64_t n = counts[cc];
            share[cc] += static_cast<double>(n) / static_cast<double>(ri);
            same += n * (n - 1);
            if (!used[cc]) {
                used[cc] = true;
                ++usedCategories;
            }
            if (ri >= 2 && n != ri)
                perfect = false;
            counts[cc] = 0;
        }
        if (ri >= 2) {
            ++pairable;
            pa += static_cast<double>(same) / static_cast<double>(ri * (ri - 1));
        } else {
            ++r.droppedUnits; // a single rating has no pair; it still counts in the shares
        }
    }
    r.n = pairable;
    r.se0 = r.z = r.p = Stat::undefined("not computed for Gwet's missing-data variant");
    if (pairable == 0) {
        r.kappa = Stat::undefined("no unit has two or more ratings");
        return r;
    }
    if (usedCategories < 2) {
        r.kappa = Stat::undefined("every rating is in the same category (chance agreement is 1)");
        return r;
    }
    pa /= static_cast<double>(pairable);
    double pe = 0.0;
    for (double s : share)
        pe += (s / static_cast<double>(rated)) * (s / static_cast<double>(rated));
    r.kappa = Stat::finite(perfect ? 1.0 : (pa - pe) / (1.0 - pe));
    return r;
}

} // namespace irr
