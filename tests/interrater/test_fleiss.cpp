#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "interrater/fleiss.h"
#include "interrater/ratings_table.h"

using namespace irr;

namespace {
// Fleiss (1971), Table 1: 30 patients, 6 psychiatrists each, 5 diagnoses. Rows are the
// number of raters per category (depression, personality disorder, schizophrenia,
// neurosis, other), transcribed as in R package quadagree, data_raw/fleiss1971.csv.
const int kFleiss1971[30][5] = {
    {0, 0, 0, 6, 0}, {0, 3, 0, 0, 3}, {0, 1, 4, 0, 1}, {0, 0, 0, 0, 6}, {0, 3, 0, 3, 0}, {2, 0, 4, 0, 0},
    {0, 0, 4, 0, 2}, {2, 0, 3, 1, 0}, {2, 0, 0, 4, 0}, {0, 0, 0, 0, 6}, {1, 0, 0, 5, 0}, {1, 1, 0, 4, 0},
    {0, 3, 3, 0, 0}, {1, 0, 0, 5, 0}, {0, 2, 0, 3, 1}, {0, 0, 5, 0, 1}, {3, 0, 0, 1, 2}, {5, 1, 0, 0, 0},
    {0, 2, 0, 4, 0}, {1, 0, 2, 0, 3}, {0, 0, 0, 0, 6}, {0, 1, 0, 5, 0}, {0, 2, 0, 1, 3}, {2, 0, 0, 4, 0},
    {1, 0, 0, 4, 1}, {0, 5, 0, 1, 0}, {4, 0, 0, 0, 2}, {0, 2, 0, 4, 0}, {1, 0, 5, 0, 0}, {0, 0, 0, 0, 6}};
const char* kDiag[5] = {"depression", "personality disorder", "schizophrenia", "neurosis", "other"};

RatingsTable fleissTable()
{
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : kFleiss1971) {
        std::vector<std::string> row;
        for (int c = 0; c < 5; ++c)
            for (int i = 0; i < r[c]; ++i)
                row.push_back(kDiag[c]);
        rows.push_back(row);
    }
    return makeRatingsTable({"r1", "r2", "r3", "r4", "r5", "r6"}, rows);
}
} // namespace

// Fleiss (1971) reports kappa = .430 and per-category kappas .245, .245, .520, .471,
// .566. R irr kappam.fleiss on the same data (its `diagnoses`) prints z = 17.7, which uses
// the Fleiss, Nee & Landis (1979) null SE; the per-category null SE is
// sqrt(2 / (N n (n-1))) = sqrt(2 / (30 * 6 * 5)) = 0.04714 (hand computation).
TEST_CASE("Fleiss' kappa: Fleiss 1971 psychiatric diagnoses", "[fleiss][published]")
{
    FleissResult f = fleissKappa(fleissTable());
    CHECK(f.n == 30);
    CHECK(f.raters == 6);
    CHECK(f.kappa.value() == Approx(0.430).margin(5e-4));
    CHECK(f.z.value() == Approx(17.7).margin(0.05));
    CHECK(f.p.value() < 1e-10);
    REQUIRE(f.perCategory.size() == 5);
    std::map<std::string, double> expected{{"depression", 0.245}, {"personality disorder", 0.245},
                                           {"schizophrenia", 0.520}, {"neurosis", 0.471}, {"other", 0.566}};
    for (const FleissCategory& c : f.perCategory) {
        INFO(c.category);
        CHECK(c.kappa.value() == Approx(expected.at(c.category)).margin(5e-4));
        CHECK(c.se0.value() == Approx(std::sqrt(2.0 / 900.0)));
    }
}

TEST_CASE("Fleiss' kappa: listwise deletion and degenerate data", "[fleiss]")
{
    SECTION("incomplete units are dropped")
    {
        RatingsTable t = makeRatingsTable({"a", "b", "c"}, {{"x", "x", "x"}, {"y", "y", "y"}, {"x", "", "y"}});
        FleissResult f = fleissKappa(t);
        CHECK(f.n == 2);
        CHECK(f.droppedUnits == 1);
        CHECK(f.kappa.value() == 1.0);
    }
    SECTION("one category only: undefined, per-category undefined")
    {
        RatingsTable t = makeRatingsTable({"a", "b", "c"}, {{"x", "x", "x"}, {"x", "x", "x"}});
        FleissResult f = fleissKappa(t);
        CHECK(f.kappa.isUndefined());
        REQUIRE(f.perCategory.size() == 1);
        CHECK(f.perCategory[0].kappa.isUndefined());
    }
    SECTION("no complete unit")
    {
        RatingsTable t = makeRatingsTable({"a", "b"}, {{"x", ""}, {"", "y"}});
        CHECK(fleissKappa(t).kappa.isUndefined());
    }
    SECTION("two raters always disagreeing symmetrically: -1")
    {
        RatingsTable t = makeRatingsTable({"a", "b"}, {{"x", "y"}, {"y", "x"}});
        CHECK(fleissKappa(t).kappa.value() == Approx(-1.0));
    }
}

TEST_CASE("Fleiss' kappa, Gwet's all-available-ratings variant", "[fleiss]")
{
    SECTION("equals Fleiss' kappa on complete data")
    {
        RatingsTable t = fleissTable();
        CHECK(fleissKappaGwet(t).kappa.value() == Approx(fleissKappa(t).kappa.value()).margin(1e-12));
    }
    SECTION("hand example with missing ratings")
    {
        // Units (3 raters): {x,x,x}, {x,y,-}, {y,y,-}, {y,-,-}.
        // p_a over units with >= 2 ratings: (6/6 + 0/2 + 2/2)/3 = 2/3.
        // shares: x = (1 + 1/2 + 0 + 0)/4 = 3/8, y = 5/8; p_e = 9/64 + 25/64 = 34/64.
        // kappa = (2/3 - 34/64)/(1 - 34/64) = (128/192 - 102/192)/(30/64) = 26/90.
        RatingsTable t = makeRatingsTable({"a", "b", "c"}, {{"x", "x", "x"}, {"x", "y", ""}, {"y", "y", ""}, {"y", "", ""}});
        FleissResult g = fleissKappaGwet(t);
        CHECK(g.kappa.value() == Approx(26.0 / 90.0));
        CHECK(g.n == 3);
        CHECK(g.droppedUnits == 1);
        CHECK(fleissKappa(t).n == 1); // listwise keeps only the first unit
    }
    SECTION("undefined without pairable units or with one category")
    {
        CHECK(fleissKappaGwet(makeRatingsTable({"a", "b"}, {{"x", ""}, {"", "y"}})).kappa.isUndefined());
        CHECK(fleissKappaGwet(makeRatingsTable({"a", "b"}, {{"x", "x"}, {"x", ""}})).kappa.isUndefined());
    }
}
