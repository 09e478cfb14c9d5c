#include "interrater/timeslice.h"

#include <algorithm>
#include <queue>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_map>

namespace irr {

namespace {

// Label (index into `codes`, or -1 for none) per slice for one coder.
std::vector<int32_t> sliceLabels(const std::vector<Event>& events, const SliceParams& p,
                                 const std::unordered_map<std::string, int32_t>& ids, size_t nSlices)
{
    std::vector<const Event*> states;
    for (const Event& e : events)
        if (e.offsetMs)
            states.push_back(&e);
    std::sort(states.begin(), states.end(), [](const Event* x, const Event* y) { return x->onsetMs < y->onsetMs; });
    // Active states ordered by (latest onset first, smallest code, index).
    using Key = std::tuple<int64_t, const std::string*, size_t>;
    auto cmp = [](const Key& x, const Key& y) {
        if (std::get<0>(x) != std::get<0>(y))
            return std::get<0>(x) < std::get<0>(y);
        if (*std::get<1>(x) != *std::get<1>(y))
            return *std::get<1>(x) < *std::get<1>(y);
        return std::get<2>(x) < std::get<2>(y);
    };
    std::set<Key, decltype(cmp)> active(cmp);
    using Exp = std::pair<int64_t, size_t>; // (offset, index)
    std::priority_queue<Exp, std::vector<Exp>, std::greater<>> expiry;
    std::vector<int32_t> labels(nSlices, -1);
    size_t next = 0;
    for (size_t i = 0; i < nSlices; ++i) {
        // Twice the midpoint, so that a half-millisecond midpoint stays an exact integer.
        const int64_t t2 = 2 * p.startMs + static_cast<int64_t>(2 * i + 1) * p.sliceMs;
        while (next < states.size() && 2 * states[next]->onsetMs <= t2) {
            const Event* e = states[next];
            active.insert({-e->onsetMs, &e->code, next});
            expiry.push({*e->offsetMs, next});
            ++next;
        }
        while (!expiry.empty() && 2 * expiry.top().first <= t2) {
            const Event* e = states[expiry.top().second];
            active.erase({-e->onsetMs, &e->code, expiry.top().second});
            expiry.pop();
        }
        if (!active.empty())
            labels[i] = ids.at(*std::get<1>(*active.begin()));
    }
    return labels;
}

} // namespace

AgreementTable timesliceAgreement(const std::vector<Event>& a, const std::vector<Event>& b, const SliceParams& p)
{
    if (p.sliceMs <= 0)
        throw std::invalid_argument("slice width must be positive");
    if (p.endMs <= p.startMs)
        throw std::invalid_argument("end must be after start");
    if ((p.endMs - p.startMs) % p.sliceMs != 0)
        throw std::invalid_argument("end - start must be a multiple of the slice width");
    if ((p.endMs - p.startMs) / p.sliceMs > kMaxSlices)
        throw std::invalid_argument("more than " + std::to_string(kMaxSlices) + " slices");
    const size_t nSlices = static_cast<size_t>((p.endMs - p.startMs) / p.sliceMs);

    std::vector<std::string> codes;
    for (const auto* v : {&a, &b})
        for (const Event& e : *v)
            if (e.offsetMs)
                codes.push_back(e.code);
    std::vector<std::string> all = agreementLabels(codes);
    std::unordered_map<std::string, int32_t> ids;
    for (size_t i = 0; i + 1 < all.size(); ++i)
        ids.emplace(all[i], static_cast<int32_t>(i));
    std::vector<int32_t> la = sliceLabels(a, p, ids, nSlices), lb = sliceLabels(b, p, ids, nSlices);

    // Keep only codes that label at least one slice, so the matrix has no empty rows.
    std::vector<bool> usedCode(all.size() - 1, false);
    for (size_t i = 0; i < nSlices; ++i) {
        if (la[i] >= 0)
            usedCode[static_cast<size_t>(la[i])] = true;
        if (lb[i] >= 0)
            usedCode[static_cast<size_t>(lb[i])] = true;
    }
    AgreementTable t;
    std::vector<int32_t> remap(all.size() - 1, -1);
    for (size_t i = 0; i + 1 < all.size(); ++i)
        if (usedCode[i]) {
            remap[i] = static_cast<int32_t>(t.labels.size());
            t.labels.push_back(all[i]);
        }
    t.labels.emplace_back(kNoneLabel);
    const size_t L = t.labels.size(), none = L - 1;
    t.confusion.assign(L * L, 0);
    for (size_t i = 0; i < nSlices; ++i) {
        const bool hasA = la[i] >= 0, hasB = lb[i] >= 0;
        if (!hasA && !hasB && !p.includeNone)
            continue;
        const size_t r = hasA ? static_cast<size_t>(remap[la[i]]) : none;
        const size_t c = hasB ? static_cast<size_t>(remap[lb[i]]) : none;
        ++t.confusion[r * L + c];
        ++t.nSlices;
        t.nA += hasA;
        t.nB += hasB;
        if (hasA && hasB)
            ++t.pairs;
        else if (hasA)
            ++t.unmatchedA;
        else if (hasB)
            ++t.unmatchedB;
        if (r == c)
            ++t.agreements;
    }
    t.disagreements = t.nSlices - t.agreements;
    computeKappa(t);
    return t;
}

} // namespace irr
