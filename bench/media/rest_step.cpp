// bench_rest_step: the first step back after an exact seek and a rest (issue 11 item 4),
// through codec::Player over codec::VideoFrameSource, as the window does it. Per target
// (seeded random frames): seek exactly, wait until presented, rest, then time step(-1)
// until frame T-1 is presented, and the next steps back (2..S). Two players on the same
// file, interleaved target by target so both meet the same machine load: the background
// refill on (the product) and off (refillDelayMs = -1: what it was before).
//
//   bench_rest_step [--targets 20] [--rest-ms 1000] [--steps 10] [--threads 2] [--seed N] FILE...
// REST_DEBUG=1 prints every target (its position in a 250-frame GOP) and its step times.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bench/media/stats.h"
#include "codec/player.h"
#include "codec/video_frame_source.h"

namespace {

struct Side {
    std::unique_ptr<codec::Player> player;
    std::vector<double> first, later;
    int exact = 0, steps = 0;
};

// Step back once and wait for the frame; returns ms, counts exactness.
double stepBack(Side& s, int64_t want)
{
    const double t0 = bench::nowMs();
    s.player->step(-1);
    s.player->waitIdle(120'000);
    const double ms = bench::nowMs() - t0;
    const auto snap = s.player->snapshot();
    ++s.steps;
    if (snap.presented.index == want && !snap.presented.damaged &&
        snap.presented.ptsUs == s.player->source().ptsOf(want))
        ++s.exact;
    return ms;
}

void report(const char* name, const Side& s, double frameMs)
{
    const auto f = bench::summarize(s.first), l = bench::summarize(s.later);
    std::printf("   %-22s first step: median %7.1f  p95 %7.1f  max %7.1f ms (%s one frame, %.0f ms)\n", name,
                f.median, f.p95, f.max, f.p95 <= frameMs ? "within" : "OVER", frameMs);
    std::printf("   %-22s steps 2..:  median %7.1f  p95 %7.1f  max %7.1f ms; exact %d/%d\n", "", l.median, l.p95,
                l.max, s.exact, s.steps);
}

} // namespace

int main(int argc, char** argv)
{
    int targets = 20, restMs = 1000, steps = 10, threads = 2;
    unsigned seed = 20261207;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto num = [&] { return i + 1 < argc ? std::atoi(argv[++i]) : -1; };
        if (a == "--targets")
            targets = num();
        else if (a == "--rest-ms")
            restMs = num();
        else if (a == "--steps")
            steps = num();
        else if (a == "--threads")
            threads = num();
        else if (a == "--seed")
            seed = static_cast<unsigned>(num());
        else if (!a.empty() && a[0] == '-') {
            std::fprintf(stderr, "usage: bench_rest_step [--targets N] [--rest-ms MS] [--steps S] [--threads T] "
                                 "[--seed N] FILE...\n");
            return 2;
        } else
            files.push_back(a);
    }
    if (files.empty() || targets <= 0 || steps <= 0 || threads <= 0 || restMs < 0) {
        std::fprintf(stderr, "usage: bench_rest_step [--targets N] [--rest-ms MS] [--steps S] [--threads T] "
                             "[--seed N] FILE...\n");
        return 2;
    }
    int failures = 0;
    for (const auto& file : files) {
        try {
            Side on, off;
            codec::PlayerOptions po;
            on.player = std::make_unique<codec::Player>(std::make_unique<codec::VideoFrameSource>(file, threads), po);
            po.refillDelayMs = -1;
            off.player = std::make_unique<codec::Player>(std::make_unique<codec::VideoFrameSource>(file, threads), po);
            on.player->waitIdle(120'000);
            off.player->waitIdle(120'000);
            const auto& src = on.player->source();
            const int64_t n = src.frameCount();
            const double frameMs = static_cast<double>(src.durationUs()) / static_cast<double>(n) / 1000.0;
            std::mt19937_64 rng(seed);
            std::uniform_int_distribution<int64_t> pick(steps + 1, n - 1);
            int refillsDone = 0; // targets whose refill finished within the rest
            for (int t = 0; t < targets; ++t) {
                const int64_t target = pick(rng);
                for (Side* s : {&on, &off}) {
                    const int64_t before = s->player->stats().refillsCompleted;
                    s->player->seek(target, codec::SeekMode::Exact);
                    s->player->waitIdle(120'000);
                    std::this_thread::sleep_for(std::chrono::milliseconds(restMs));
                    if (s == &on && s->player->stats().refillsCompleted > before)
                        ++refillsDone;
                    s->first.push_back(stepBack(*s, target - 1));
                    for (int k = 2; k <= steps; ++k)
                        s->later.push_back(stepBack(*s, target - k));
                    if (std::getenv("REST_DEBUG")) {
                        std::fprintf(stderr, "%s target %lld inGop %lld first %.1f later:", s == &on ? "on " : "off", (long long)target,
                                     (long long)(target % 250), s->first.back());
                        for (int k = 2; k <= steps; ++k)
                            std::fprintf(stderr, " %.0f", s->later[s->later.size() - static_cast<size_t>(steps - k + 1)]);
                        std::fprintf(stderr, "\n");
                    }
                }
            }
            std::printf("\n== %s\n   %lld frames, %.1f ms a frame; %d targets, rest %d ms, %d steps back each, "
                        "%d decoder threads; refill finished within the rest for %d of %d targets\n",
                        file.c_str(), static_cast<long long>(n), frameMs, targets, restMs, steps, threads,
                        refillsDone, targets);
            report("refill on (Player)", on, frameMs);
            report("refill off", off, frameMs);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "bench_rest_step: %s\n", e.what());
            ++failures;
        }
    }
    return failures ? 1 : 0;
}
