// bench_irr: data generation and timing for bench/irr/run.sh.
//   bench_irr generate DIR        ratings_long.csv / ratings_wide.csv (100 000 units x 5
//                                 raters, values 1..7) and events.csv (two coders x 10 000)
//   bench_irr ratings FILE [--wide]  parse + every rating measure; prints "key ms" lines
//   bench_irr events FILE SECONDS    parse + optimal matching of coders A and B
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <string>

#include "interrater/event_agreement.h"
#include "interrater/events.h"
#include "interrater/fleiss.h"
#include "interrater/icc.h"
#include "interrater/kappa.h"
#include "interrater/krippendorff.h"
#include "interrater/ratings_table.h"

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

int generate(const std::string& dir)
{
    std::mt19937 rng(42);
    const int units = 100000, raters = 5;
    std::ofstream lng(dir + "/ratings_long.csv"), wide(dir + "/ratings_wide.csv");
    lng << "unit,rater,value\n";
    wide << "unit";
    for (int r = 0; r < raters; ++r)
        wide << ",r" << r + 1;
    wide << "\n";
    std::uniform_int_distribution<int> truth(1, 7), noise(-1, 1);
    for (int u = 0; u < units; ++u) {
        const int t = truth(rng);
        wide << "u" << u;
        for (int r = 0; r < raters; ++r) {
            int v = std::min(7, std::max(1, t + noise(rng) + (r == 4 ? 1 : 0)));
            lng << "u" << u << ",r" << r + 1 << "," << v << "\n";
            wide << "," << v;
        }
        wide << "\n";
    }
    // Two coders, 10 000 events each, one every 0.36 s on average (a 1-hour session coded
    // densely): with a 2 s tolerance the candidate graph is one long connected chain.
    std::ofstream ev(dir + "/events.csv");
    ev << "coder,code,onset,offset\n";
    const char* codes[6] = {"eng+", "eng-", "emo+", "emo-", "saf+", "ssp+"};
    std::uniform_int_distribution<int> code(0, 5), jitter(-700, 700), gap(200, 520);
    int64_t t = 0;
    for (int i = 0; i < 10000; ++i) {
        t += gap(rng);
        const int c = code(rng);
        char buf[96];
        std::snprintf(buf, sizeof buf, "A,%s,%.3f,\n", codes[c], t / 1000.0);
        ev << buf;
        const int cb = (rng() % 4 == 0) ? code(rng) : c;
        std::snprintf(buf, sizeof buf, "B,%s,%.3f,\n", codes[cb], std::max<int64_t>(0, t + jitter(rng)) / 1000.0);
        ev << buf;
    }
    std::cout << "wrote " << dir << "/ratings_long.csv, ratings_wide.csv, events.csv\n";
    return 0;
}

int ratings(const std::string& file, bool wide)
{
    auto t0 = Clock::now();
    irr::RatingsOptions o;
    o.wide = wide;
    irr::RatingsTable t = irr::readRatingsFile(file, o);
    const double parse = msSince(t0);
    auto t1 = Clock::now();
    double checksum = 0;
    for (size_t a = 0; a < t.raterCount(); ++a)
        for (size_t b = a + 1; b < t.raterCount(); ++b) {
            irr::CrossTable x = irr::crossTabulate(t, a, b);
            checksum += irr::percentAgreement(x).value.value();
            for (irr::Weights w : {irr::Weights::None, irr::Weights::Linear, irr::Weights::Quadratic})
                checksum += irr::cohenKappa(x, w).kappa.value();
        }
    const double kappa = msSince(t1);
    auto t2 = Clock::now();
    checksum += irr::fleissKappa(t).kappa.value();
    const double fleiss = msSince(t2);
    auto t3 = Clock::now();
    for (irr::Level l : {irr::Level::Nominal, irr::Level::Ordinal, irr::Level::Interval})
        checksum += irr::krippendorffAlpha(t, l).alpha.value();
    const double alpha = msSince(t3);
    auto t4 = Clock::now();
    auto icc = irr::iccAll(irr::twoWayAnova(t));
    checksum += icc[1].value.value();
    const double iccMs = msSince(t4);
    std::printf("units %zu\nraters %zu\nparse_ms %.1f\ncohen_all_pairs_ms %.1f\nfleiss_ms %.1f\nalpha_ms %.1f\n"
                "icc_ms %.1f\ntotal_ms %.1f\nchecksum %.6f\nicc21 %.6f\n",
                t.unitCount(), t.raterCount(), parse, kappa, fleiss, alpha, iccMs, msSince(t0), checksum,
                icc[1].value.value());
    return 0;
}

int events(const std::string& file, double seconds)
{
    auto t0 = Clock::now();
    irr::EventLog log = irr::readEventsFile(file);
    std::vector<irr::Event> a = log.coder("A"), b = log.coder("B");
    const double parse = msSince(t0);
    auto t1 = Clock::now();
    irr::EventMatch m = irr::matchEvents(a, b, static_cast<int64_t>(seconds * 1000.0 + 0.5));
    const double match = msSince(t1);
    std::printf("events_a %zu\nevents_b %zu\nparse_ms %.1f\nmatch_ms %.1f\npairs %lld\nagreements %lld\nkappa %.6f\n",
                a.size(), b.size(), parse, match, static_cast<long long>(m.table.pairs),
                static_cast<long long>(m.table.agreements), m.table.kappa.isFinite() ? m.table.kappa.value() : -99.0);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    try {
        if (argc >= 3 && std::strcmp(argv[1], "generate") == 0)
            return generate(argv[2]);
        if (argc >= 3 && std::strcmp(argv[1], "ratings") == 0)
            return ratings(argv[2], argc >= 4 && std::strcmp(argv[3], "--wide") == 0);
        if (argc >= 4 && std::strcmp(argv[1], "events") == 0)
            return events(argv[2], std::atof(argv[3]));
    } catch (const std::exception& e) {
        std::cerr << "bench_irr: " << e.what() << "\n";
        return 1;
    }
    std::cerr << "usage: bench_irr generate DIR | ratings FILE [--wide] | events FILE SECONDS\n";
    return 2;
}
