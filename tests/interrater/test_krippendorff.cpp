#include <catch2/catch.hpp>

#include "interrater/krippendorff.h"
#include "interrater/ratings_table.h"

using namespace irr;

namespace {
// Krippendorff (2011), "Computing Krippendorff's alpha-reliability", example C:
// 4 observers, 12 units, missing values (empty), unit 12 has a single value and is not
// pairable. Published: nominal .743, ordinal .815, interval .849, ratio .797.
RatingsTable krippendorff2011()
{
    const char* A[12] = {"1", "2", "3", "3", "2", "1", "4", "1", "2", "", "", ""};
    const char* B[12] = {"1", "2", "3", "3", "2", "2", "4", "1", "2", "5", "", "3"};
    const char* C[12] = {"", "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", ""};
    const char* D[12] = {"1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", ""};
    std::vector<std::vector<std::string>> rows;
    for (int u = 0; u < 12; ++u)
        rows.push_back({A[u], B[u], C[u], D[u]});
    return makeRatingsTable({"A", "B", "C", "D"}, rows);
}
} // namespace

TEST_CASE("Krippendorff's alpha: Krippendorff 2011 example with missing data", "[alpha][published]")
{
    RatingsTable t = krippendorff2011();
    CHECK(krippendorffAlpha(t, Level::Nominal).alpha.value() == Approx(0.743).margin(5e-4));
    CHECK(krippendorffAlpha(t, Level::Ordinal).alpha.value() == Approx(0.815).margin(5e-4));
    CHECK(krippendorffAlpha(t, Level::Interval).alpha.value() == Approx(0.849).margin(5e-4));
    CHECK(krippendorffAlpha(t, Level::Ratio).alpha.value() == Approx(0.797).margin(5e-4));
    AlphaResult r = krippendorffAlpha(t, Level::Nominal);
    CHECK(r.pairableValues == 40); // the paper's n.. = 40
    CHECK(r.units == 11);
}

TEST_CASE("Krippendorff's alpha: degenerate data", "[alpha]")
{
    SECTION("all values identical: undefined, not 1")
    {
        RatingsTable t = makeRatingsTable({"a", "b"}, {{"2", "2"}, {"2", "2"}});
        for (Level l : {Level::Nominal, Level::Ordinal, Level::Interval, Level::Ratio})
            CHECK(krippendorffAlpha(t, l).alpha.isUndefined());
    }
    SECTION("no pairable unit")
    {
        RatingsTable t = makeRatingsTable({"a", "b"}, {{"1", ""}, {"", "2"}});
        AlphaResult r = krippendorffAlpha(t, Level::Nominal);
        CHECK(r.alpha.isUndefined());
        CHECK(r.pairableValues == 0);
    }
    SECTION("ratio metric refuses negative values")
    {
        RatingsTable t = makeRatingsTable({"a", "b"}, {{"-1", "1"}, {"1", "1"}});
        CHECK(krippendorffAlpha(t, Level::Ratio).alpha.isUndefined());
    }
    SECTION("perfect agreement is exactly 1")
    {
        RatingsTable t = makeRatingsTable({"a", "b", "c"}, {{"1", "1", ""}, {"3", "3", "3"}, {"2", "", "2"}});
        for (Level l : {Level::Nominal, Level::Ordinal, Level::Interval, Level::Ratio})
            CHECK(krippendorffAlpha(t, l).alpha.value() == 1.0);
    }
    SECTION("ordinal on strings is refused")
    {
        RatingsTable t = makeRatingsTable({"a", "b"}, {{"x", "y"}});
        CHECK_THROWS_AS(krippendorffAlpha(t, Level::Ordinal), std::invalid_argument);
    }
}
