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

void computeKappa(AgreementTable& t)
{
    const size_t k = t.labels.size();
    std::vector<int64_t> row(k, 0), col(k, 0);
    int64_t N = 0, trace = 0;
    for (size_t i = 0; i < k; ++i)
        for (size_t j = 0; j < k; ++j) {
            int64_t c = t.at(i, j);
            row[i] += c;
            col[j] += c;
            N += c;
            if (i == j)
                trace += c;
        }
    t.N = N;
    if (N == 0) {
        t.po = t.pe = t.kappa = Stat::undefined("no events or slices to compare");
        return;
    }
    // p_e = sum row*col / N^2; exactly 1 iff sum row*col == N^2 (integers; __int128
    // guards against overflow for very many slices).
    __int128 rc = 0;
    for (size_t i = 0; i < k; ++i)
        rc += static_cast<__int128>(row[i]) * col[i];
    const double n = static_cast<double>(N);
    t.po = Stat::finite(static_cast<double>(trace) / n);
    double pe = 0.0;
    for (size_t i = 0; i < k; ++i)
        pe += (static_cast<double>(row[i]) / n) * (static_cast<double>(col[i]) / n);
    if (rc == static_cast<__int128>(N) * N) {
        t.pe = Stat::finite(1.0);
        t.kappa = Stat::undefined("chance agreement p_e is 1 (both coders used a single label)");
        return;
    }
    t.pe = Stat::finite(pe);
    t.kappa = Stat::finite(trace == N ? 1.0 : (t.po.value() - pe) / (1.0 - pe));
}

} // namespace irr
