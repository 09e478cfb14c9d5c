#include "interrater/agreement_table.h"

#include <algorithm>

namespace irr {

std::vector<std::string> agreementLabels(std::vector<std::string> codes)
{
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    codes.emplace_back(kNoneLabel);
    return codes;
}

namespace {

// Cohen's kappa of the top-left k x k block of a confusion matrix with stride L.
Stat blockKappa(const std::vector<int64_t>& m, size_t L, size_t k, Stat* po, Stat* pe, int64_t* total)
{
    std::vector<int64_t> row(k, 0), col(k, 0);
    int64_t N = 0, trace = 0;
    for (size_t i = 0; i < k; ++i)
        for (size_t j = 0; j < k; ++j) {
            int64_t c = m[i * L + j];
            row[i] += c;
            col[j] += c;
            N += c;
            if (i == j)
                trace += c;
        }
    if (total)
        *total = N;
    if (N == 0) {
        const char* why = "no events or slices to compare";
        if (po)
            *po = *pe = Stat::undefined(why);
        return Stat::undefined(why);
    }
    // p_e = sum row*col / N^2; exactly 1 iff sum row*col == N^2 (integers; __int128
    // guards against overflow for very many slices).
    __int128 rc = 0;
    for (size_t i = 0; i < k; ++i)
        rc += static_cast<__int128>(row[i]) * col[i];
    const double n = static_cast<double>(N);
    const double o = static_cast<double>(trace) / n;
    double e = 0.0;
    for (size_t i = 0; i < k; ++i)
        e += (static_cast<double>(row[i]) / n) * (static_cast<double>(col[i]) / n);
    if (po) {
        *po = Stat::finite(o);
        *pe = Stat::finite(rc == static_cast<__int128>(N) * N ? 1.0 : e);
    }
    if (rc == static_cast<__int128>(N) * N)
        return Stat::undefined("chance agreement p_e is 1 (both coders used a single label)");
    return Stat::finite(trace == N ? 1.0 : (o - e) / (1.0 - e));
}

} // namespace

void computeKappa(AgreementTable& t)
{
    const size_t L = t.labels.size();
    t.kappa = blockKappa(t.confusion, L, L, &t.po, &t.pe, &t.N);
    t.kappaPairsOnly = L > 1 ? blockKappa(t.confusion, L, L - 1, nullptr, nullptr, nullptr)
                             : Stat::undefined("no codes");
    if (t.kappaPairsOnly.isUndefined() && t.kappaPairsOnly.reason().starts_with("no events"))
        t.kappaPairsOnly = Stat::undefined("no matched pairs");
}

} // namespace irr
