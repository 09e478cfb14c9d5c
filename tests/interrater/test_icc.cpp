#include <catch2/catch.hpp>

#include "interrater/icc.h"
#include "interrater/ratings_table.h"

using namespace irr;

namespace {
RatingsTable numericTable(const std::vector<std::vector<double>>& rows)
{
    std::vector<std::vector<std::string>> s;
    for (const auto& r : rows) {
        std::vector<std::string> row;
        for (double v : r) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.17g", v);
            row.push_back(buf);
        }
        s.push_back(row);
    }
    std::vector<std::string> raters;
    for (size_t j = 0; j < rows.front().size(); ++j)
        raters.push_back(std::string("r").append(std::to_string(j + 1)));
    return makeRatingsTable(raters, s);
}
} // namespace

// Shrout & Fleiss (1979), Table 2: 6 targets x 4 judges. Table 4 gives ICC(1,1) = .17,
// ICC(2,1) = .29, ICC(3,1) = .71, ICC(1,4) = .44, ICC(2,4) = .62, ICC(3,4) = .91.
// More digits, F, p and the 95% limits from R psych 2.2.9 ICC(sf, lmer = FALSE), run on
// this machine.
TEST_CASE("ICC: Shrout & Fleiss 1979 Table 2", "[icc][published]")
{
    RatingsTable t = numericTable({{9, 2, 5, 8}, {6, 1, 3, 2}, {8, 4, 6, 8}, {7, 1, 2, 6}, {10, 5, 6, 9}, {6, 2, 4, 7}});
    AnovaResult a = twoWayAnova(t);
    CHECK(a.n == 6);
    CHECK(a.k == 4);
    // Shrout & Fleiss Table 3: BMS 11.24, WMS 6.26, JMS 32.49, EMS 1.02.
    CHECK(a.msb.value() == Approx(11.24).margin(0.005));
    CHECK(a.msw.value() == Approx(6.26).margin(0.005));
    CHECK(a.msj.value() == Approx(32.49).margin(0.005));
    CHECK(a.mse.value() == Approx(1.02).margin(0.005));
    auto icc = iccAll(a);
    struct Row {
        const char* name;
        const char* mw;
        double value, F, df2, p, lo, hi;
    };
    const Row expected[6] = {
        {"ICC(1,1)", "ICC(1)", 0.1657418, 1.794678, 18, 0.1647688083, -0.13293232, 0.7225601},
        {"ICC(2,1)", "ICC(A,1)", 0.2897638, 11.027248, 15, 0.0001345665, 0.01878651, 0.7610844},
        {"ICC(3,1)", "ICC(C,1)", 0.7148407, 11.027248, 15, 0.0001345665, 0.34246477, 0.9458583},
        {"ICC(1,k)", "ICC(k)", 0.4427971, 1.794678, 18, 0.1647688083, -0.88444216, 0.9124154},
        {"ICC(2,k)", "ICC(A,k)", 0.6200505, 11.027248, 15, 0.0001345665, 0.07113682, 0.9272320},
        {"ICC(3,k)", "ICC(C,k)", 0.9093155, 11.027248, 15, 0.0001345665, 0.67567471, 0.9858917},
    };
    for (int f = 0; f < 6; ++f) {
        INFO(expected[f].name);
        CHECK(icc[f].name == expected[f].name);
        CHECK(icc[f].mcgrawWong == expected[f].mw);
        CHECK(icc[f].value.value() == Approx(expected[f].value).margin(1e-6));
        CHECK(icc[f].F.value() == Approx(expected[f].F).margin(1e-5));
        CHECK(icc[f].df1 == 5);
        CHECK(icc[f].df2 == expected[f].df2);
        CHECK(icc[f].p.value() == Approx(expected[f].p).margin(1e-9));
        CHECK(icc[f].ci95.lo.value() == Approx(expected[f].lo).margin(1e-6));
        CHECK(icc[f].ci95.hi.value() == Approx(expected[f].hi).margin(1e-6));
    }
}

TEST_CASE("ICC: degenerate data is undefined or infinite, never NaN", "[icc]")
{
    SECTION("all ratings equal: every ICC and F undefined")
    {
        auto icc = iccAll(twoWayAnova(numericTable({{3, 3}, {3, 3}, {3, 3}})));
        for (const IccResult& r : icc) {
            INFO(r.name);
            CHECK(r.value.isUndefined());
            CHECK(r.F.isUndefined());
            CHECK(r.ci95.lo.isUndefined());
        }
    }
    SECTION("raters differ by a constant: zero residual, F infinite, ICC(3,1) = 1")
    {
        // 0.1 steps are not exact in binary; the zero test must still be exact.
        AnovaResult a = twoWayAnova(numericTable({{0.1, 1.1}, {0.7, 1.7}, {0.3, 1.3}, {2.5, 3.5}}));
        CHECK(a.mse.value() == 0.0);
        auto icc = iccAll(a);
        CHECK(icc[2].value.value() == 1.0);
        CHECK(icc[2].F.isInfinite());
        CHECK(icc[2].p.value() == 0.0);
        CHECK(icc[1].F.isInfinite());
        CHECK(icc[1].value.isFinite());
        CHECK(icc[1].value.value() < 1.0);
        CHECK(icc[0].F.isFinite());
    }
    SECTION("identical raters: F(1) infinite")
    {
        auto icc = iccAll(twoWayAnova(numericTable({{1, 1}, {2, 2}, {5, 5}})));
        for (const IccResult& r : icc) {
            INFO(r.name);
            CHECK(r.value.value() == 1.0);
            CHECK(r.F.isInfinite());
        }
    }
    SECTION("fewer than two complete targets")
    {
        RatingsTable t = makeRatingsTable({"a", "b"}, {{"1", "2"}, {"3", ""}});
        AnovaResult a = twoWayAnova(t);
        CHECK(a.n == 1);
        CHECK(a.droppedUnits == 1);
        for (const IccResult& r : iccAll(a))
            CHECK(r.value.isUndefined());
    }
}
