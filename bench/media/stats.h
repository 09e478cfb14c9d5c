#pragma once
// Small timing and order-statistics helpers shared by the media benchmark's parts.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <vector>

namespace bench {

inline double nowMs()
{
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

// Nearest-rank percentile (p in [0, 100]); 0 for an empty sample.
inline double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    auto rank = static_cast<size_t>(p / 100.0 * static_cast<double>(v.size()) + 0.5);
    rank = std::clamp<size_t>(rank, 1, v.size());
    return v[rank - 1];
}

struct Summary {
    double median = 0;
    double p95 = 0;
    double max = 0;
    size_t n = 0;
};

inline Summary summarize(const std::vector<double>& v)
{
    Summary s;
    s.n = v.size();
    if (v.empty())
        return s;
    s.median = percentile(v, 50);
    s.p95 = percentile(v, 95);
    s.max = *std::max_element(v.begin(), v.end());
    return s;
}

} // namespace bench
