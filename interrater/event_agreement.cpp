#include "interrater/event_agreement.h"

#include <algorithm>
#include <numeric>
#include <queue>
#include <stdexcept>
#include <unordered_map>

namespace irr {

namespace {

using Cost = __int128; // weights reach m^2 T; duals need headroom beyond int64

// One connected cluster of candidate pairs: rows = A events (sorted by onset), columns =
// a contiguous range of B events (sorted by onset). Row r may pair with columns
// [lo[r], hi[r]); column nb + r is row r's private "unmatched" dummy with weight 0.
class ClusterAssignment {
public:
    ClusterAssignment(const std::vector<int64_t>& onA, const std::vector<int32_t>& codeA,
                      const std::vector<int64_t>& onB, const std::vector<int32_t>& codeB,
                      std::vector<size_t> lo, std::vector<size_t> hi, int64_t toleranceMs)
        : m_onA(onA), m_codeA(codeA), m_onB(onB), m_codeB(codeB), m_lo(std::move(lo)), m_hi(std::move(hi))
    {
        const Cost m = static_cast<Cost>(std::min(onA.size(), onB.size()));
        m_P = m * toleranceMs + 1;
        m_A = m * m_P + 1;
    }

    // Returns, for each row, its matched column or -1.
    std::vector<long> solve()
    {
        const size_t na = m_onA.size(), nb = m_onB.size(), nc = nb + na;
        m_v.assign(nc, 0);
        m_rowOf.assign(nc, -1);
        m_colOf.assign(na, -1);
        m_dist.assign(nc, 0);
        m_prevRow.assign(nc, -1);
        m_state.assign(nc, 0);
        for (size_t r = 0; r < na; ++r)
            augment(r);
        std::vector<long> out(na, -1);
        for (size_t r = 0; r < na; ++r)
            if (m_colOf[r] >= 0 && static_cast<size_t>(m_colOf[r]) < nb)
                out[r] = m_colOf[r];
        return out;
    }

private:
    Cost cost(size_t r, size_t c) const
    {
        if (c >= m_onB.size())
            return 0; // dummy: unmatched
        int64_t dt = m_onA[r] - m_onB[c];
        if (dt < 0)
            dt = -dt;
        Cost w = m_P - dt + (m_codeA[r] == m_codeB[c] ? m_A : 0);
        return -w;
    }

    template <class F>
    void forEdges(size_t r, F&& f) const
    {
        for (size_t c = m_lo[r]; c < m_hi[r]; ++c)
            f(c);
        f(m_onB.size() + r);
    }

    void augment(size_t r0)
    {
        Cost u0 = 0;
        bool first = true;
        forEdges(r0, [&](size_t c) {
            Cost x = cost(r0, c) - m_v[c];
            if (first || x < u0)
                u0 = x;
            first = false;
        });
        // Heap storage and the finalized list are members so that no augmentation allocates.
        m_heap.clear();
        m_finalized.clear();
        m_touched.clear();
        // Among equal distances a free column pops first: it ends the search at once.
        auto push = [&](Cost d, size_t c) {
            m_heap.push_back({d, {m_rowOf[c] >= 0 ? 1 : 0, c}});
            std::push_heap(m_heap.begin(), m_heap.end(), std::greater<>());
        };
        auto relax = [&](size_t c, Cost d, long row) {
            if (m_state[c] == 2)
                return;
            if (m_state[c] == 0 || d < m_dist[c]) {
                if (m_state[c] == 0)
                    m_touched.push_back(c);
                m_state[c] = 1;
                m_dist[c] = d;
                m_prevRow[c] = row;
                push(d, c);
            }
        };
        forEdges(r0, [&](size_t c) { relax(c, cost(r0, c) - m_v[c] - u0, static_cast<long>(r0)); });
        size_t end = SIZE_MAX;
        Cost D = 0;
        while (!m_heap.empty()) {
            std::pop_heap(m_heap.begin(), m_heap.end(), std::greater<>());
            const Cost d = m_heap.back().first;
            const size_t c = m_heap.back().second.second;
            m_heap.pop_back();
            if (m_state[c] == 2 || d != m_dist[c])
                continue;
            m_state[c] = 2;
            m_finalized.push_back(c);
            if (m_rowOf[c] < 0) {
                end = c;
                D = d;
                break;
            }
            const size_t i = static_cast<size_t>(m_rowOf[c]);
            const Cost ui = cost(i, c) - m_v[c];
            forEdges(i, [&](size_t c2) { relax(c2, d + cost(i, c2) - m_v[c2] - ui, static_cast<long>(i)); });
        }
        if (end == SIZE_MAX)
            throw std::logic_error("event matching: no augmenting path (dummy column missing)");
        for (size_t c : m_finalized)
            m_v[c] += m_dist[c] - D;
        for (size_t c = end;;) {
            const size_t i = static_cast<size_t>(m_prevRow[c]);
            const long prev = m_colOf[i];
            m_colOf[i] = static_cast<long>(c);
            m_rowOf[c] = static_cast<long>(i);
            if (i == r0)
                break;
            c = static_cast<size_t>(prev);
        }
        for (size_t c : m_touched)
            m_state[c] = 0;
    }

    const std::vector<int64_t>& m_onA;
    const std::vector<int32_t>& m_codeA;
    const std::vector<int64_t>& m_onB;
    const std::vector<int32_t>& m_codeB;
    std::vector<size_t> m_lo, m_hi;
    Cost m_P = 1, m_A = 1;
    std::vector<Cost> m_v, m_dist;
    std::vector<long> m_rowOf, m_colOf, m_prevRow;
    std::vector<unsigned char> m_state; // 0 untouched, 1 in heap, 2 finalized
    std::vector<size_t> m_touched;
    std::vector<std::pair<Cost, std::pair<int, size_t>>> m_heap; // (dist, (matched?, column))
    std::vector<size_t> m_finalized;
};

} // namespace

EventMatch matchEvents(const std::vector<Event>& a, const std::vector<Event>& b, int64_t toleranceMs)
{
    if (toleranceMs < 0)
        throw std::invalid_argument("tolerance must not be negative");
    EventMatch out;
    AgreementTable& t = out.table;
    std::vector<std::string> codes;
    for (const Event& e : a)
        codes.push_back(e.code);
    for (const Event& e : b)
        codes.push_back(e.code);
    t.labels = agreementLabels(std::move(codes));
    const size_t L = t.labels.size(), none = L - 1;
    std::unordered_map<std::string, int32_t> labelId;
    for (size_t i = 0; i + 1 < L; ++i)
        labelId.emplace(t.labels[i], static_cast<int32_t>(i));
    t.confusion.assign(L * L, 0);
    t.nA = static_cast<int64_t>(a.size());
    t.nB = static_cast<int64_t>(b.size());

    std::vector<size_t> ia(a.size()), ib(b.size());
    std::iota(ia.begin(), ia.end(), 0);
    std::iota(ib.begin(), ib.end(), 0);
    std::stable_sort(ia.begin(), ia.end(), [&](size_t x, size_t y) { return a[x].onsetMs < a[y].onsetMs; });
    std::stable_sort(ib.begin(), ib.end(), [&](size_t x, size_t y) { return b[x].onsetMs < b[y].onsetMs; });
    std::vector<int64_t> onA(a.size()), onB(b.size());
    std::vector<int32_t> codeA(a.size()), codeB(b.size());
    for (size_t i = 0; i < ia.size(); ++i) {
        onA[i] = a[ia[i]].onsetMs;
        codeA[i] = labelId.at(a[ia[i]].code);
    }
    for (size_t i = 0; i < ib.size(); ++i) {
        onB[i] = b[ib[i]].onsetMs;
        codeB[i] = labelId.at(b[ib[i]].code);
    }
    // Candidate ranges: monotone in both sorted orders.
    std::vector<size_t> lo(onA.size()), hi(onA.size());
    size_t p = 0, q = 0;
    for (size_t i = 0; i < onA.size(); ++i) {
        while (p < onB.size() && onB[p] < onA[i] - toleranceMs)
            ++p;
        if (q < p)
            q = p;
        while (q < onB.size() && onB[q] <= onA[i] + toleranceMs)
            ++q;
        lo[i] = p;
        hi[i] = q;
    }
    int64_t candidates = 0;
    for (size_t r = 0; r < onA.size(); ++r)
        candidates += static_cast<int64_t>(hi[r] - lo[r]);
    if (candidates > kMaxCandidatePairs)
        throw MatchingTooLarge("tolerance " + std::to_string(toleranceMs / 1000) + "." +
                               std::to_string(1000 + toleranceMs % 1000).substr(1) + " s gives " +
                               std::to_string(candidates) + " candidate pairs (more than " +
                               std::to_string(kMaxCandidatePairs) + "); use a smaller tolerance");
    std::vector<long> matchB(onA.size(), -1); // sorted-A index -> sorted-B index
    // Clusters: runs of A rows whose (non-empty) candidate ranges overlap.
    size_t i = 0;
    while (i < onA.size()) {
        if (lo[i] == hi[i]) {
            ++i;
            continue;
        }
        size_t j = i + 1, reach = hi[i];
        while (j < onA.size() && lo[j] < hi[j] && lo[j] < reach) {
            reach = std::max(reach, hi[j]);
            ++j;
        }
        const size_t b0 = lo[i];
        std::vector<int64_t> cOnA(onA.begin() + i, onA.begin() + j), cOnB(onB.begin() + b0, onB.begin() + reach);
        std::vector<int32_t> cCodeA(codeA.begin() + i, codeA.begin() + j), cCodeB(codeB.begin() + b0, codeB.begin() + reach);
        std::vector<size_t> cLo, cHi;
        for (size_t r = i; r < j; ++r) {
            cLo.push_back(lo[r] - b0);
            cHi.push_back(hi[r] - b0);
        }
        ClusterAssignment solver(cOnA, cCodeA, cOnB, cCodeB, std::move(cLo), std::move(cHi), toleranceMs);
        std::vector<long> sol = solver.solve();
        for (size_t r = 0; r < sol.size(); ++r)
            if (sol[r] >= 0)
                matchB[i + r] = static_cast<long>(b0) + sol[r];
        i = j;
    }
    std::vector<bool> bUsed(onB.size(), false);
    for (size_t r = 0; r < onA.size(); ++r) {
        const size_t ca = static_cast<size_t>(codeA[r]);
        if (matchB[r] < 0) {
            ++t.confusion[ca * L + none];
            ++t.unmatchedA;
            continue;
        }
        const size_t s = static_cast<size_t>(matchB[r]);
        bUsed[s] = true;
        const size_t cb = static_cast<size_t>(codeB[s]);
        ++t.confusion[ca * L + cb];
        ++t.pairs;
        if (ca == cb)
            ++t.agreements;
        else
            ++t.disagreements;
        t.sumAbsDtMs += onA[r] > onB[s] ? onA[r] - onB[s] : onB[s] - onA[r];
        out.pairs.push_back({ia[r], ib[s]});
    }
    for (size_t s = 0; s < onB.size(); ++s)
        if (!bUsed[s]) {
            ++t.confusion[none * L + static_cast<size_t>(codeB[s])];
            ++t.unmatchedB;
        }
    computeKappa(t);
    return out;
}

std::vector<CurvePoint> kappaToleranceCurve(const std::vector<Event>& a, const std::vector<Event>& b,
                                            const std::vector<int64_t>& tolerancesMs)
{
    std::vector<CurvePoint> out;
    for (int64_t tol : tolerancesMs) {
        try {
            EventMatch m = matchEvents(a, b, tol);
            out.push_back({tol, m.table.kappa, m.table.pairs, m.table.agreements});
        } catch (const MatchingTooLarge& e) {
            out.push_back({tol, Stat::undefined(e.what()), 0, 0});
        }
    }
    return out;
}

std::vector<int64_t> defaultCurveTolerancesMs(int64_t extraMs)
{
    std::vector<int64_t> t{40, 100, 250, 500, 1000, 2000, 3000, 5000};
    if (extraMs >= 0)
        t.push_back(extraMs);
    std::sort(t.begin(), t.end());
    t.erase(std::unique(t.begin(), t.end()), t.end());
    return t;
}

} // namespace irr
