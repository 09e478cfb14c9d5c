// The background refill before a paused frame (issue 11 item 4): after an exact seek the
// frames before the target are decoded into the cache while the player rests, so the
// first step back is a cache hit; any command cancels the refill.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "codec/player.h"
#include "codec/video_decoder.h"
#include "codec/video_frame_source.h"
#include "tests/codec/audio_fixtures.h"
#include "tests/codec/media_fixtures.h"
#include "tests/codec/raw_yuv_source.h"

using namespace codec;
using fixtures::Clip;

namespace {

template <class P>
bool eventually(P pred, int seconds = 20)
{
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < end) {
        if (pred())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return pred();
}

} // namespace

TEST_CASE("refillBefore decodes the frames before a seek target into the cache", "[codec][refill]")
{
    for (Clip c : {Clip::H264Cfr, Clip::Hevc, Clip::Mpeg2Ps, Clip::Vp9Webm}) {
        VideoDecoder dec(fixtures::path(c));
        INFO(dec.path());
        const int64_t target = dec.frameCount() * 2 / 3 + 7;
        REQUIRE(fixtures::readEncodedIndex(*dec.frameAt(target)) == target);
        const int64_t key = dec.index().keyframeAtOrBefore(target - 1);
        bool allCached = true;
        for (int64_t n = std::max(key, target - 16); n < target; ++n)
            allCached = allCached && dec.cached(n);
        if (c == Clip::H264Cfr)
            CHECK_FALSE(allCached); // the exact seek never sent the disposable B-frames
        REQUIRE(dec.refillBefore(target));
        for (int64_t n = std::max(key, target - 40); n < target; ++n)
            CHECK(dec.cached(n));
        const auto before = dec.stats();
        if (!allCached) {
            CHECK(before.refills == 1);
            CHECK(before.refillFrames >= static_cast<uint64_t>(target - key));
        }
        // The steps back are cache hits and exact.
        uint64_t steps = 0;
        for (int64_t n = target - 1; n >= std::max(key, target - 20); --n, ++steps)
            CHECK(fixtures::readEncodedIndex(*dec.frameAt(n)) == n);
        const auto after = dec.stats();
        CHECK(after.framesDecoded == before.framesDecoded);
        CHECK(after.cacheHits == before.cacheHits + steps);
        // Forward from there is still exact (the decoder moved).
        CHECK(fixtures::readEncodedIndex(*dec.frameAt(target + 3)) == target + 3);
        CHECK(dec.refillBefore(0));
    }
}

TEST_CASE("refillBefore stays within the cache budget and is cancellable", "[codec][refill]")
{
    VideoDecoder dec(fixtures::path(Clip::H264Cfr));
    (void)dec.frameAt(290);
    dec.setCacheFrameLimit(10);
    REQUIRE(dec.refillBefore(290));
    CHECK(dec.stats().cacheFrames <= 10);
    for (int64_t n = 280; n < 290; ++n)
        CHECK(dec.cached(n)); // the most recent frames before the target are the ones kept
    CHECK_FALSE(dec.cached(250));
    dec.clearCache();
    int polls = 0;
    CHECK_FALSE(dec.refillBefore(200, [&polls] { return ++polls > 3; }));
    CHECK(dec.stats().refillsCancelled == 1);
    CHECK(fixtures::readEncodedIndex(*dec.frameAt(199)) == 199); // usable after a cancel
}

TEST_CASE("a paused player refills before the presented frame, so the first step back is a hit", "[player][refill]")
{
    auto src = std::make_unique<VideoFrameSource>(fixtures::path(Clip::H264Cfr));
    VideoFrameSource* s = src.get();
    PlayerOptions opt;
    opt.refillDelayMs = 50;
    Player p(std::move(src), opt);
    REQUIRE(p.waitIdle(10'000));
    p.seek(250, SeekMode::Exact); // keyframe 240: the seek decoded from there, skipping
    REQUIRE(p.waitIdle(10'000));
    REQUIRE(eventually([&] { return p.stats().refillsCompleted >= 1; }));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const auto before = s->decoderStats(); // the worker is idle now
    p.step(-1);
    REQUIRE(p.waitIdle(10'000));
    CHECK(p.presented().index == 249);
    CHECK(fixtures::readEncodedIndex(p.presented().planes[0], p.presented().pitches[0], p.presented().width,
                                     p.presented().height) == 249);
    REQUIRE(eventually([&] { return !p.busy(); }));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const auto after = s->decoderStats();
    CHECK(after.cacheHits > before.cacheHits);
}

namespace {
// A source whose refill runs until cancelled (to see commands cancel it).
class SlowRefill : public RawYuvSource {
public:
    SlowRefill() : RawYuvSource(lumaRampMp4(), 64, 48, 40'000, 25) {}
    std::atomic<int> started{0}, cancelled{0};
    bool refillBefore(int64_t, const std::atomic<bool>& cancel) override
    {
        ++started;
        const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (!cancel.load() && std::chrono::steady_clock::now() < end)
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        if (cancel.load())
            ++cancelled;
        return false;
    }
};
} // namespace

TEST_CASE("any command cancels the background refill at once; playing never refills", "[player][refill]")
{
    auto src = std::make_unique<SlowRefill>();
    SlowRefill* s = src.get();
    PlayerOptions opt;
    opt.refillDelayMs = 0;
    Player p(std::move(src), opt);
    REQUIRE(p.waitIdle(10'000));
    p.seek(60, SeekMode::Exact);
    REQUIRE(p.waitIdle(10'000));
    REQUIRE(eventually([&] { return s->started.load() >= 1; }));
    const auto t0 = std::chrono::steady_clock::now();
    p.seek(100, SeekMode::Exact);
    REQUIRE(p.waitIdle(10'000));
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
    CHECK(s->cancelled.load() >= 1);
    CHECK(p.presented().index == 100);
    // A step served from the decode-ahead queue cancels it too.
    REQUIRE(eventually([&] { return s->started.load() >= 2; }));
    p.step(+1);
    REQUIRE(eventually([&] { return s->cancelled.load() >= 2; }, 5));
    p.play();
    const int startedWhilePlaying = s->started.load();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    p.tick();
    CHECK(s->started.load() <= startedWhilePlaying + 1); // at most the one cancelled by play()
    p.pause();
}

TEST_CASE("the refill runs on its own decoder: the main position is kept, a cancelled refill is continued", "[codec][refill]")
{
    VideoDecoder dec(fixtures::path(Clip::H264Cfr)); // GOP 60
    (void)dec.frameAt(230);
    (void)dec.frameAt(235); // forward: the main decoder goes on, no seek
    const auto seeks = dec.stats().seeks;
    REQUIRE(dec.refillBefore(230));
    CHECK(dec.stats().seeks == seeks + 1); // the refill lane's own seek to keyframe 180
    CHECK(fixtures::readEncodedIndex(*dec.frameAt(236)) == 236);
    CHECK(dec.stats().seeks == seeks + 1); // the main decoder went on from 235

    // Cancelled halfway, then the step back continues where the refill stopped.
    VideoDecoder d2(fixtures::path(Clip::H264Cfr));
    (void)d2.frameAt(290);
    int polls = 0;
    CHECK_FALSE(d2.refillBefore(290, [&polls] { return ++polls > 40; }));
    const auto mid = d2.stats();
    CHECK(mid.refillsCancelled == 1);
    CHECK(fixtures::readEncodedIndex(*d2.frameAt(289)) == 289);
    CHECK(d2.stats().seeks == mid.seeks); // no new seek: it decoded on
    for (int64_t n = 288; n > 270; --n)
        CHECK(fixtures::readEncodedIndex(*d2.frameAt(n)) == n);
}

TEST_CASE("deep in a long GOP the refill makes the last 16 frames ready first, then the window", "[codec][refill]")
{
    VideoDecoder dec(fixtures::path(Clip::H264LongGop)); // one GOP of 300 frames
    REQUIRE(dec.index().keyframeAtOrBefore(280) == 0);
    dec.setCacheFrameLimit(100); // the window: 100 frames
    REQUIRE(fixtures::readEncodedIndex(*dec.frameAt(280)) == 280);
    // The exact seek cached only its target (no reference picture on the way).
    CHECK(dec.stats().cacheFrames == 1);
    const auto seeks = dec.stats().seeks;
    // Cancelled during the second pass: the first 16 are ready all the same.
    int polls = 0;
    bool secondPass = false;
    REQUIRE(dec.refillBefore(280, [&] {
        if (!secondPass && dec.cached(279))
            secondPass = true; // the first pass is done
        return secondPass && ++polls > 20;
    }));
    for (int64_t n = 264; n < 280; ++n)
        CHECK(dec.cached(n));
    CHECK(dec.stats().seeks == seeks + 2); // one seek a pass, on the refill lane
    CHECK(dec.stats().refillsCancelled == 1);
    // Uncancelled: the window behind them too, and every step back to there is a hit.
    dec.clearCache();
    (void)dec.frameAt(280);
    REQUIRE(dec.refillBefore(280));
    const auto before = dec.stats();
    for (int64_t n = 279; n >= 280 - 60; --n)
        CHECK(fixtures::readEncodedIndex(*dec.frameAt(n)) == n);
    CHECK(dec.stats().framesDecoded == before.framesDecoded);
    CHECK(dec.stats().cacheFrames <= 100);
}
