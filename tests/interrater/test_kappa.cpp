#include <catch2/catch.hpp>

#include "interrater/kappa.h"
#include "interrater/methods_sentence.h"
#include "interrater/ratings_table.h"
#include "test_builders.h"

using namespace irr;

// SAS/STAT PROC FREQ "Getting Started: Agreement Study" (skin condition data, two
// dermatologists, 88 patients). SAS prints: simple kappa 0.3449, ASE 0.0724,
// 95% CL 0.2030 to 0.4868. R psych 2.2.9 cohen.kappa gives the same unweighted numbers
// (0.3448753, SE 0.07239669). SAS's weighted kappa uses Cicchetti-Allison weights, i.e.
// our linear weights on the scores 1..4; the linear and quadratic values below are from
// R on this machine: kappa from psych cohen.kappa (0.5081600715 linear, 0.6607228916
// quadratic), SE/se0 from an independent R transcription of the FCE 1969 formulas in
// docs/reliability.md, 'Cohen's kappa (two raters)' (bench/irr/reference.R).
TEST_CASE("Cohen's kappa: SAS PROC FREQ agreement study", "[kappa][published]")
{
    RatingsTable t = test::fromCounts({"1", "2", "3", "4"},
                                      {{10, 4, 1, 0}, {5, 10, 12, 2}, {2, 4, 12, 5}, {0, 2, 6, 13}});
    CrossTable x = crossTabulate(t, 0, 1);
    REQUIRE(x.n == 88);
    KappaResult k = cohenKappa(x, Weights::None);
    CHECK(k.kappa.value() == Approx(0.3448753).margin(1e-6));
    CHECK(k.se.value() == Approx(0.07239669).margin(1e-7));
    CHECK(k.ci95.lo.value() == Approx(0.2029804).margin(1e-6));
    CHECK(k.ci95.hi.value() == Approx(0.4867702).margin(1e-6));
    CHECK(k.se0.value() == Approx(0.06118471913).margin(1e-9));
    CHECK(k.z.value() == Approx(0.34487534626 / 0.06118471913).margin(1e-6));
    KappaResult w = cohenKappa(x, Weights::Linear);
    CHECK(w.kappa.value() == Approx(0.5081600715).margin(1e-9));
    CHECK(w.se.value() == Approx(0.06550838103).margin(1e-9));
    CHECK(w.ci95.lo.value() == Approx(0.37976600400).margin(1e-9));
    CHECK(w.ci95.hi.value() == Approx(0.63655413908).margin(1e-9));
    CHECK(w.se0.value() == Approx(0.07389666803).margin(1e-9));
    KappaResult q = cohenKappa(x, Weights::Quadratic);
    CHECK(q.kappa.value() == Approx(0.6607228916).margin(1e-9));
    CHECK(q.se.value() == Approx(0.06164283242).margin(1e-9));
    CHECK(q.se0.value() == Approx(0.10649518215).margin(1e-9));
}

// Cohen (1960), Table 1: proportions for 200 units, p_o = .70, p_c = .41,
// kappa = (.70 - .41)/(1 - .41) = .492.
TEST_CASE("Cohen's kappa: Cohen 1960 worked example", "[kappa][published]")
{
    RatingsTable t = test::fromCounts({"a", "b", "c"}, {{88, 14, 18}, {10, 40, 10}, {2, 6, 12}});
    KappaResult k = cohenKappa(crossTabulate(t, 0, 1), Weights::None);
    CHECK(k.po.value() == Approx(0.70));
    CHECK(k.pe.value() == Approx(0.41));
    CHECK(k.kappa.value() == Approx(0.29 / 0.59));
    CHECK(formatStat(k.kappa) == "0.492");
}

TEST_CASE("Weighted kappa takes weights from values, not from observed levels", "[kappa]")
{
    // Ratings on -3..+3 where the raters never used -2..0: weights must come from the
    // values (range 6), and the same data shifted must give the same kappa. Numeric
    // categories sort as numbers (-3 < 1 < 2 < 3), not as strings.
    std::vector<std::vector<std::string>> rows{{"-3", "-3"}, {"-3", "1"}, {"1", "2"}, {"2", "2"}, {"3", "3"}, {"3", "2"}, {"1", "1"}};
    RatingsTable t = makeRatingsTable({"A", "B"}, rows);
    REQUIRE(t.categories == std::vector<std::string>{"-3", "1", "2", "3"});
    std::vector<std::vector<std::string>> shifted;
    for (auto& r : rows)
        shifted.push_back({std::to_string(std::stoi(r[0]) + 10), std::to_string(std::stoi(r[1]) + 10)});
    RatingsTable s = makeRatingsTable({"A", "B"}, shifted);
    for (Weights w : {Weights::Linear, Weights::Quadratic}) {
        double a = cohenKappa(crossTabulate(t, 0, 1), w).kappa.value();
        double b = cohenKappa(crossTabulate(s, 0, 1), w).kappa.value();
        CHECK(a == Approx(b));
    }
    // Hand check of the linear p_o: pairs (-3,-3)=1, (-3,1): 1-4/6, (1,2): 1-1/6, (2,2)=1,
    // (3,3)=1, (3,2): 1-1/6, (1,1)=1 -> (5 + 2/6 + 5/6 + 5/6)/7 = 7/7 - (4/6 + 2/6)/7.
    KappaResult lin = cohenKappa(crossTabulate(t, 0, 1), Weights::Linear);
    CHECK(lin.po.value() == Approx((7.0 - 1.0) / 7.0));
}

TEST_CASE("Kappa: undefined and degenerate cases", "[kappa]")
{
    SECTION("one category used by both raters: p_e = 1, kappa undefined")
    {
        RatingsTable t = makeRatingsTable({"A", "B"}, {{"x", "x"}, {"x", "x"}});
        KappaResult k = cohenKappa(crossTabulate(t, 0, 1), Weights::None);
        CHECK(k.kappa.isUndefined());
        CHECK(k.kappa.reason().find("p_e") != std::string::npos);
        CHECK(k.po.value() == 1.0);
    }
    SECTION("no unit rated by both")
    {
        RatingsTable t = makeRatingsTable({"A", "B"}, {{"x", ""}, {"", "y"}});
        KappaResult k = cohenKappa(crossTabulate(t, 0, 1), Weights::None);
        CHECK(k.kappa.isUndefined());
        CHECK(k.n == 0);
        CHECK(percentAgreement(crossTabulate(t, 0, 1)).value.isUndefined());
    }
    SECTION("perfect agreement: kappa exactly 1, SE exactly 0")
    {
        RatingsTable t = makeRatingsTable({"A", "B"}, {{"1", "1"}, {"2", "2"}, {"3", "3"}, {"1", "1"}});
        for (Weights w : {Weights::None, Weights::Linear, Weights::Quadratic}) {
            KappaResult k = cohenKappa(crossTabulate(t, 0, 1), w);
            CHECK(k.kappa.value() == 1.0);
            CHECK(k.se.value() == 0.0);
            CHECK(k.z.isFinite());
        }
    }
    SECTION("symmetric disagreement gives -1")
    {
        RatingsTable t = makeRatingsTable({"A", "B"}, {{"yes", "no"}, {"no", "yes"}, {"yes", "no"}, {"no", "yes"}});
        KappaResult k = cohenKappa(crossTabulate(t, 0, 1), Weights::None);
        CHECK(k.kappa.value() == Approx(-1.0));
        CHECK(k.ci95.lo.value() <= -1.0); // not clipped
    }
    SECTION("weighted kappa on strings is refused")
    {
        RatingsTable t = makeRatingsTable({"A", "B"}, {{"x", "y"}, {"y", "y"}});
        CHECK_THROWS_AS(cohenKappa(crossTabulate(t, 0, 1), Weights::Linear), std::invalid_argument);
    }
}

TEST_CASE("Percent agreement and within-one agreement", "[kappa]")
{
    RatingsTable t = makeRatingsTable({"A", "B"}, {{"1", "1"}, {"1", "2"}, {"1", "3"}, {"-3", "-2"}, {"", "1"}});
    PercentAgreement p = percentAgreement(crossTabulate(t, 0, 1));
    CHECK(p.n == 4);
    CHECK(p.agreements == 1);
    CHECK(p.value.value() == Approx(0.25));
    CHECK(p.withinOneCount == 3);
    CHECK(p.withinOne.value() == Approx(0.75));
    RatingsTable s = makeRatingsTable({"A", "B"}, {{"x", "x"}, {"x", "y"}});
    CHECK(percentAgreement(crossTabulate(s, 0, 1)).withinOne.isUndefined());
}
