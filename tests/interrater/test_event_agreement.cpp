#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <random>
#include <tuple>

#include "interrater/event_agreement.h"
#include "test_builders.h"

using namespace irr;
using irr::test::ev;

TEST_CASE("Event matching is optimal, not greedy (the counter-example in docs/reliability.md)", "[events][published]")
{
    // T = 2 s; A at 10.0 and 12.0, B at 11.6 and 13.8. Nearest-first takes 12.0-11.6 and
    // strands the rest (1 pair); the optimum is 10.0-11.6 and 12.0-13.8 (2 pairs).
    std::vector<Event> a{ev("A", "x", 10000), ev("A", "x", 12000)};
    std::vector<Event> b{ev("B", "x", 11600), ev("B", "x", 13800)};
    EventMatch m = matchEvents(a, b, 2000);
    CHECK(m.table.pairs == 2);
    CHECK(m.table.agreements == 2);
    CHECK(m.table.unmatchedA == 0);
    CHECK(m.table.unmatchedB == 0);
    CHECK(m.table.sumAbsDtMs == 1600 + 1800);
    // Chronological matching fails the same way in mirror image.
    std::vector<Event> a2{ev("A", "x", 11600), ev("A", "x", 13800)};
    std::vector<Event> b2{ev("B", "x", 10000), ev("B", "x", 12000)};
    CHECK(matchEvents(a2, b2, 2000).table.pairs == 2);
}

TEST_CASE("Event matching prefers identical codes, then more pairs, then smaller |dt|", "[events]")
{
    SECTION("identical code beats a nearer different code")
    {
        std::vector<Event> a{ev("A", "x", 10000)};
        std::vector<Event> b{ev("B", "y", 10100), ev("B", "x", 11000)};
        EventMatch m = matchEvents(a, b, 1500);
        CHECK(m.table.agreements == 1);
        CHECK(m.table.pairs == 1);
        CHECK(m.table.unmatchedB == 1);
        CHECK(m.table.sumAbsDtMs == 1000);
    }
    SECTION("more pairs beat a smaller summed |dt|")
    {
        // A1 can pair with B1 (dt 0) or B2 (dt 900); A2 only with B1 (dt 900).
        std::vector<Event> a{ev("A", "x", 1000), ev("A", "x", 100)};
        std::vector<Event> b{ev("B", "x", 1000), ev("B", "x", 1900)};
        EventMatch m = matchEvents(a, b, 900);
        CHECK(m.table.pairs == 2);
        CHECK(m.table.sumAbsDtMs == 1800);
    }
    SECTION("among equal counts the smallest summed |dt| wins")
    {
        std::vector<Event> a{ev("A", "x", 1000), ev("A", "x", 2000)};
        std::vector<Event> b{ev("B", "x", 1100), ev("B", "x", 2100)};
        CHECK(matchEvents(a, b, 1500).table.sumAbsDtMs == 200);
    }
}

TEST_CASE("Tolerance is inclusive and exact in integer milliseconds", "[events]")
{
    int64_t on = 0;
    REQUIRE(secondsToMs("4.4", &on));
    CHECK(on == 4400);
    int64_t on2 = 0;
    REQUIRE(secondsToMs("2.4", &on2));
    // Seconds to ms is exact on the decimal digits, rounding half away from zero.
    const std::pair<const char*, int64_t> conversions[] = {
        {"2.0015", 2002}, {"0.0005", 1}, {"0.0004999", 0}, {"1e3", 1000000}, {"1.5E-3", 2}, {"+7", 7000},
        {"-0.0015", -2}, {"0012.3456", 12346}, {".25", 250}, {"3.", 3000}, {"0", 0}, {"0.00049", 0}};
    for (auto [text, want] : conversions) {
        INFO(text);
        int64_t got = -99;
        REQUIRE(secondsToMs(text, &got));
        CHECK(got == want);
    }
    for (const char* bad : {"", "-", ".", "1.2.3", "1e", "abc", "1s", "nan", "inf", "1e40", "12345678901234567"}) {
        INFO(bad);
        int64_t got = 0;
        CHECK_FALSE(secondsToMs(bad, &got));
    }
    // In binary 4.4 - 2.4 != 2.0; in milliseconds it is exactly 2000.
    std::vector<Event> a{ev("A", "x", on)};
    std::vector<Event> b{ev("B", "x", on2)};
    CHECK(matchEvents(a, b, 2000).table.pairs == 1);
    CHECK(matchEvents(a, b, 1999).table.pairs == 0);
}

TEST_CASE("Confusion matrix with (none), kappa and counts", "[events]")
{
    // Hand example, T = 1 s. Pairs: x-x (dt 200), y-x (dt 300); A's y at 30 s and B's z at
    // 50 s are unmatched. Labels x, y, z, (none).
    std::vector<Event> a{ev("A", "x", 1000), ev("A", "y", 10000), ev("A", "y", 30000)};
    std::vector<Event> b{ev("B", "x", 1200), ev("B", "x", 10300), ev("B", "z", 50000)};
    EventMatch m = matchEvents(a, b, 1000);
    const AgreementTable& t = m.table;
    REQUIRE(t.labels == std::vector<std::string>{"x", "y", "z", "(none)"});
    CHECK(t.at(0, 0) == 1);
    CHECK(t.at(1, 0) == 1);
    CHECK(t.at(1, 3) == 1);
    CHECK(t.at(3, 2) == 1);
    CHECK(t.at(3, 3) == 0);
    CHECK(t.nA == 3);
    CHECK(t.nB == 3);
    CHECK(t.pairs == 2);
    CHECK(t.agreements == 1);
    CHECK(t.disagreements == 1);
    CHECK(t.unmatchedA == 1);
    CHECK(t.unmatchedB == 1);
    CHECK(t.N == 4);
    CHECK(t.sumAbsDtMs == 500);
    // rows: x 1, y 2, z 0, none 1; columns: x 2, y 0, z 1, none 1.
    // p_o = 1/4; p_e = (1*2 + 0 + 0 + 1*1)/16 = 3/16; kappa = (4/16 - 3/16)/(13/16) = 1/13.
    CHECK(t.po.value() == Approx(0.25));
    CHECK(t.pe.value() == Approx(3.0 / 16.0));
    CHECK(t.kappa.value() == Approx(1.0 / 13.0));
    // Pairs only: [[x-x 1, x-y 0], [y-x 1, y-y 0]] over labels x, y, z (hand): N = 2,
    // p_o = 1/2, rows x 1, y 1; cols x 2 -> p_e = (1*2)/4 = 1/2 -> kappa = 0.
    CHECK(t.kappaPairsOnly.value() == Approx(0.0).margin(1e-12));
}

TEST_CASE("Event agreement: undefined cases", "[events]")
{
    std::vector<Event> none;
    CHECK(matchEvents(none, none, 1000).table.kappa.isUndefined());
    // A single code matched perfectly: the (none) label is unused, p_e = 1.
    std::vector<Event> a{ev("A", "x", 0), ev("A", "x", 5000)};
    std::vector<Event> b{ev("B", "x", 100), ev("B", "x", 5100)};
    AgreementTable t = matchEvents(a, b, 500).table;
    CHECK(t.kappa.isUndefined());
    CHECK(t.po.value() == 1.0);
    CHECK_THROWS_AS(matchEvents(a, b, -1), std::invalid_argument);
}

namespace {
// Exhaustive search of the lexicographic objective for small instances.
std::tuple<int, int, int64_t> bruteForce(const std::vector<Event>& a, const std::vector<Event>& b, int64_t T)
{
    std::tuple<int, int, int64_t> best{-1, -1, 0};
    std::vector<bool> used(b.size(), false);
    std::function<void(size_t, int, int, int64_t)> go = [&](size_t i, int eq, int pairs, int64_t dt) {
        if (i == a.size()) {
            auto cand = std::make_tuple(eq, pairs, -dt);
            if (cand > best)
                best = cand;
            return;
        }
        go(i + 1, eq, pairs, dt);
        for (size_t j = 0; j < b.size(); ++j) {
            int64_t d = std::llabs(a[i].onsetMs - b[j].onsetMs);
            if (used[j] || d > T)
                continue;
            used[j] = true;
            go(i + 1, eq + (a[i].code == b[j].code), pairs + 1, dt + d);
            used[j] = false;
        }
    };
    go(0, 0, 0, 0);
    return {std::get<0>(best), std::get<1>(best), -std::get<2>(best)};
}
} // namespace

TEST_CASE("Event matching equals exhaustive search on random small sessions", "[events][property]")
{
    std::mt19937 rng(20261122);
    for (int trial = 0; trial < 400; ++trial) {
        std::uniform_int_distribution<int> nDist(0, 6), tDist(0, 8000), cDist(0, 2);
        std::vector<Event> a, b;
        const char* codes[3] = {"p", "q", "r"};
        for (int i = nDist(rng); i > 0; --i)
            a.push_back(ev("A", codes[cDist(rng)], tDist(rng)));
        for (int i = nDist(rng); i > 0; --i)
            b.push_back(ev("B", codes[cDist(rng)], tDist(rng)));
        const int64_t T = std::uniform_int_distribution<int>(0, 3000)(rng);
        auto [eq, pairs, dt] = bruteForce(a, b, T);
        AgreementTable t = matchEvents(a, b, T).table;
        INFO("trial " << trial);
        CHECK(t.agreements == eq);
        CHECK(t.pairs == pairs);
        CHECK(t.sumAbsDtMs == dt);
        CHECK(t.unmatchedA == static_cast<int64_t>(a.size()) - pairs);
        CHECK(t.unmatchedB == static_cast<int64_t>(b.size()) - pairs);
    }
}

TEST_CASE("Event matching: 10 000 events per coder in one dense cluster finishes", "[events]")
{
    std::mt19937 rng(7);
    std::vector<Event> a, b;
    const char* codes[4] = {"eng", "emo", "saf", "ssp"};
    for (int i = 0; i < 10000; ++i) {
        int64_t t = i * 360; // one event every 0.36 s: with T = 2 s everything is one cluster
        a.push_back(ev("A", codes[rng() % 4], t));
        b.push_back(ev("B", codes[rng() % 4], t + static_cast<int64_t>(rng() % 1500) - 750));
    }
    AgreementTable t = matchEvents(a, b, 2000).table;
    // Identical codes come first, so a few events may stay unmatched to free a partner.
    CHECK(t.pairs + t.unmatchedA == 10000);
    CHECK(t.pairs + t.unmatchedB == 10000);
    CHECK(t.pairs > 9000);
    CHECK(t.agreements > 2500); // random codes, but the optimum seeks identical ones
    CHECK(t.kappa.isFinite());
}

TEST_CASE("Kappa-versus-tolerance curve", "[events]")
{
    std::vector<Event> a{ev("A", "x", 1000), ev("A", "y", 5000)};
    std::vector<Event> b{ev("B", "x", 1300), ev("B", "y", 6500)};
    auto curve = kappaToleranceCurve(a, b, defaultCurveTolerancesMs(1500));
    REQUIRE(curve.size() == 9);
    CHECK(curve.front().toleranceMs == 40);
    CHECK(curve.front().pairs == 0);
    for (const CurvePoint& p : curve) {
        INFO(p.toleranceMs);
        CHECK(p.pairs == (p.toleranceMs >= 1500 ? 2 : p.toleranceMs >= 300 ? 1 : 0));
    }
}

TEST_CASE("Event matching refuses a tolerance with too many candidate pairs instead of hanging", "[events]")
{
    std::vector<Event> a, b;
    for (int i = 0; i < 1500; ++i) {
        a.push_back(ev("A", "x", i));
        b.push_back(ev("B", "x", i));
    }
    // 1500 x 1500 = 2.25 million candidate pairs at T = 10 s.
    CHECK_THROWS_AS(matchEvents(a, b, 10000), MatchingTooLarge);
    CHECK_THROWS_WITH(matchEvents(a, b, 10000), Catch::Contains("candidate pairs"));
    auto curve = kappaToleranceCurve(a, b, {0, 10000});
    CHECK(curve[0].pairs == 1500);
    CHECK(curve[1].kappa.isUndefined());
}
