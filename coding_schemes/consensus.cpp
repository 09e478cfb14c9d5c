#include "coding_schemes/consensus.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace schemes {

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double mean(const std::vector<double>& v)
{
    double s = 0;
    for (double x : v)
        s += x;
    return s / static_cast<double>(v.size());
}

} // namespace

std::optional<Consensus> consensusOf(ConsensusRule rule, std::vector<double> values)
{
    if (values.empty())
        return std::nullopt;
    if (values.size() == 1)
        return Consensus{values[0], "single coder"};
    switch (rule) {
    case ConsensusRule::Mean: return Consensus{mean(values), "mean"};
    case ConsensusRule::Median: return Consensus{median(values), "median"};
    case ConsensusRule::TwoOfThree: break;
    }
    if (values.size() == 2)
        return Consensus{mean(values), "mean of two"};
    std::sort(values.begin(), values.end());
    std::map<double, int> freq;
    for (double v : values)
        ++freq[v];
    if (values.size() == 3) {
        for (auto& [v, n] : freq)
            if (n >= 2)
                return Consensus{v, n == 3 ? "all agree" : "two of three agree"};
        double lowGap = values[1] - values[0], highGap = values[2] - values[1];
        if (lowGap < highGap)
            return Consensus{(values[0] + values[1]) / 2, "outlier dropped, mean of the closest two"};
        if (highGap < lowGap)
            return Consensus{(values[1] + values[2]) / 2, "outlier dropped, mean of the closest two"};
        return Consensus{values[1], "no single outlier, middle value"};
    }
    int best = 0, ties = 0;
    double bestValue = 0;
    for (auto& [v, n] : freq) {
        if (n > best) {
            best = n;
            bestValue = v;
            ties = 1;
        } else if (n == best) {
            ++ties;
        }
    }
    if (best >= 2 && ties == 1)
        return Consensus{bestValue, "most frequent value"};
    return Consensus{median(values), "median"};
}

TrainingResult compareWithGold(const MultiRater& conventions, const std::vector<std::pair<double, double>>& pairs)
{
    TrainingResult r;
    for (auto& [trainee, gold] : pairs) {
        if (!std::isfinite(trainee) || !std::isfinite(gold))
            continue;
        ++r.compared;
        if (std::fabs(trainee - gold) <= conventions.trainingWithin + 1e-9)
            ++r.within;
    }
    if (r.compared > 0) {
        r.proportion = static_cast<double>(r.within) / r.compared;
        r.passes = r.proportion + 1e-12 >= conventions.trainingProportion;
    }
    return r;
}

} // namespace schemes
