#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "interrater/fleiss.h"
#include "interrater/icc.h"
#include "interrater/kappa.h"
#include "interrater/krippendorff.h"
#include "interrater/ratings_table.h"

using namespace irr;

namespace {
// Random ratings on 1..5 with some missing values; raters agree with a latent score.
std::vector<std::vector<std::string>> randomRows(std::mt19937& rng, size_t units, size_t raters, double missing)
{
    std::uniform_int_distribution<int> score(1, 5), noise(-1, 1);
    std::bernoulli_distribution miss(missing);
    std::vector<std::vector<std::string>> rows;
    for (size_t u = 0; u < units; ++u) {
        int s = score(rng);
        std::vector<std::string> row;
        for (size_t r = 0; r < raters; ++r)
            row.push_back(miss(rng) ? "" : std::to_string(std::clamp(s + noise(rng), 1, 5)));
        rows.push_back(row);
    }
    return rows;
}
} // namespace

TEST_CASE("Statistics are invariant to rater order", "[property]")
{
    std::mt19937 rng(11);
    for (int trial = 0; trial < 20; ++trial) {
        auto rows = randomRows(rng, 40, 4, trial % 2 ? 0.1 : 0.0);
        auto reversed = rows;
        for (auto& r : reversed)
            std::reverse(r.begin(), r.end());
        RatingsTable t = makeRatingsTable({"a", "b", "c", "d"}, rows);
        RatingsTable s = makeRatingsTable({"d", "c", "b", "a"}, reversed);
        CHECK(fleissKappa(t).kappa.value() == Approx(fleissKappa(s).kappa.value()));
        for (Level l : {Level::Nominal, Level::Ordinal, Level::Interval, Level::Ratio})
            CHECK(krippendorffAlpha(t, l).alpha.value() == Approx(krippendorffAlpha(s, l).alpha.value()));
        auto i1 = iccAll(twoWayAnova(t)), i2 = iccAll(twoWayAnova(s));
        for (int f = 0; f < 6; ++f)
            CHECK(i1[f].value.value() == Approx(i2[f].value.value()));
        for (Weights w : {Weights::None, Weights::Linear, Weights::Quadratic}) {
            KappaResult k1 = cohenKappa(crossTabulate(t, 0, 1), w), k2 = cohenKappa(crossTabulate(t, 1, 0), w);
            CHECK(k1.kappa.value() == Approx(k2.kappa.value()));
            CHECK(k1.se.value() == Approx(k2.se.value()));
            CHECK(k1.se0.value() == Approx(k2.se0.value()));
        }
    }
}

TEST_CASE("Nominal statistics are invariant to relabelling categories", "[property]")
{
    std::mt19937 rng(12);
    const char* names[6] = {"", "zebra", "apple", "mango", "kiwi", "fig"};
    for (int trial = 0; trial < 20; ++trial) {
        auto rows = randomRows(rng, 30, 3, 0.05);
        auto relabelled = rows;
        for (auto& r : relabelled)
            for (auto& v : r)
                if (!v.empty())
                    v = names[std::stoi(v)];
        RatingsTable t = makeRatingsTable({"a", "b", "c"}, rows);
        RatingsTable s = makeRatingsTable({"a", "b", "c"}, relabelled);
        CHECK(fleissKappa(t).kappa.value() == Approx(fleissKappa(s).kappa.value()));
        CHECK(krippendorffAlpha(t, Level::Nominal).alpha.value() == Approx(krippendorffAlpha(s, Level::Nominal).alpha.value()));
        KappaResult k1 = cohenKappa(crossTabulate(t, 0, 2), Weights::None), k2 = cohenKappa(crossTabulate(s, 0, 2), Weights::None);
        CHECK(k1.kappa.value() == Approx(k2.kappa.value()));
        CHECK(k1.se.value() == Approx(k2.se.value()));
    }
}

TEST_CASE("Two raters: Krippendorff's nominal alpha and Fleiss' kappa agree with their closed forms", "[property]")
{
    // Hand derivation: for two raters and complete data Fleiss' kappa is Scott's pi,
    // 1 - D/E with D the share of disagreeing units and E = 1 - sum p_c^2. Alpha's
    // coincidence sums are sum o delta = 2 N D and sum n_c n_k delta = n^2 E with n = 2N
    // values, so alpha = 1 - (n - 1) 2 N D / (n^2 E) = 1 - (n - 1)/n (1 - pi).
    std::mt19937 rng(13);
    for (int trial = 0; trial < 10; ++trial) {
        auto rows = randomRows(rng, 25, 2, 0.0);
        RatingsTable t = makeRatingsTable({"a", "b"}, rows);
        const double pi = fleissKappa(t).kappa.value();
        const double alpha = krippendorffAlpha(t, Level::Nominal).alpha.value();
        const double n = 2.0 * 25;
        CHECK(alpha == Approx(1.0 - (n - 1) / n * (1.0 - pi)));
    }
}
