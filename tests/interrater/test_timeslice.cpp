#include <catch2/catch.hpp>

#include "interrater/timeslice.h"
#include "test_builders.h"

using namespace irr;
using irr::test::ev;

TEST_CASE("Time slices are anchored at the session start, midpoint rule", "[slices]")
{
    // A: x on [0, 2000), y on [2000, 4000). B: x on [0, 2500), y on [2500, 4000).
    // w = 1000, midpoints 500, 1500, 2500, 3500. A: x x y y; B: x x y y (B's y starts
    // exactly at 2500: onset <= t, active).
    std::vector<Event> a{ev("A", "x", 0, 2000), ev("A", "y", 2000, 4000)};
    std::vector<Event> b{ev("B", "x", 0, 2500), ev("B", "y", 2500, 4000)};
    AgreementTable t = timesliceAgreement(a, b, {0, 4000, 1000, true});
    CHECK(t.nSlices == 4);
    CHECK(t.agreements == 4);
    CHECK(t.kappa.value() == 1.0);
    // The same with the grid starting at 500 (S = 500): midpoints 1000, 2000, 3000 ->
    // A: x y y, B: x x y: a boundary on a midpoint belongs to the state that starts there.
    AgreementTable s = timesliceAgreement(a, b, {500, 3500, 1000, true});
    CHECK(s.nSlices == 3);
    REQUIRE(s.labels == std::vector<std::string>{"x", "y", "(none)"});
    CHECK(s.at(0, 0) == 1);
    CHECK(s.at(1, 0) == 1);
    CHECK(s.at(1, 1) == 1);
}

TEST_CASE("Time slices: (none), include_none, overlaps and point events", "[slices]")
{
    std::vector<Event> a{ev("A", "x", 1000, 3000), ev("A", "pt", 500), ev("A", "y", 2000, 2600), ev("A", "b", 2000, 2600)};
    std::vector<Event> b{ev("B", "x", 1000, 2000)};
    // w = 1000 over [0, 4000): midpoints 500 1500 2500 3500.
    // A: none (the point event is ignored), x, b (latest onset 2000; b < y), none.
    // B: none, x, none, none.
    AgreementTable t = timesliceAgreement(a, b, {0, 4000, 1000, true});
    REQUIRE(t.labels == std::vector<std::string>{"b", "x", "(none)"});
    CHECK(t.nSlices == 4);
    CHECK(t.at(2, 2) == 2);
    CHECK(t.at(1, 1) == 1);
    CHECK(t.at(0, 2) == 1);
    CHECK(t.agreements == 3);
    CHECK(t.pairs == 1);
    CHECK(t.unmatchedA == 1);
    CHECK(t.nA == 2);
    CHECK(t.nB == 1);
    // rows b 1, x 1, none 2; cols b 0, x 1, none 3: p_o = 3/4, p_e = (0 + 1 + 6)/16 = 7/16,
    // kappa = (12/16 - 7/16)/(9/16) = 5/9.
    CHECK(t.kappa.value() == Approx(5.0 / 9.0));
    AgreementTable u = timesliceAgreement(a, b, {0, 4000, 1000, false});
    CHECK(u.nSlices == 2);
    CHECK(u.at(2, 2) == 0);
}

TEST_CASE("Time slices: parameter checks and undefined kappa", "[slices]")
{
    std::vector<Event> a{ev("A", "x", 0, 1000)};
    CHECK_THROWS_AS(timesliceAgreement(a, a, {0, 1000, 0, true}), std::invalid_argument);
    CHECK_THROWS_AS(timesliceAgreement(a, a, {1000, 1000, 100, true}), std::invalid_argument);
    CHECK_THROWS_AS(timesliceAgreement(a, a, {0, 1050, 100, true}), std::invalid_argument);
    CHECK_THROWS_AS(timesliceAgreement(a, a, {0, kMaxSlices + 1, 1, true}), std::invalid_argument);
    // Both coders code x in every slice: a single label, p_e = 1, kappa undefined.
    AgreementTable t = timesliceAgreement(a, a, {0, 1000, 250, true});
    CHECK(t.kappa.isUndefined());
    CHECK(t.po.value() == 1.0);
}

TEST_CASE("Time slices: the result does not depend on where the first event is", "[slices]")
{
    // BORIS #228: anchoring the grid at the first event makes kappa jump with the unit.
    // Anchored at the session start, shifting both coders' first events does not move the
    // grid: identical codings stay in perfect agreement for every slice width.
    std::vector<Event> a{ev("A", "x", 1300, 4100), ev("A", "y", 4100, 9000)};
    std::vector<Event> b{ev("B", "x", 1300, 4100), ev("B", "y", 4100, 9000)};
    for (int64_t w : {100, 250, 500, 1000, 2000, 3000}) {
        INFO(w);
        AgreementTable t = timesliceAgreement(a, b, {0, 18000, w, true});
        CHECK(t.kappa.value() == 1.0);
        CHECK(t.nSlices == 18000 / w);
    }
}
