#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <random>

#include "codec/media_error.h"
#include "codec/video_decoder.h"
#include "tests/codec/media_fixtures.h"

using codec::MediaError;
using codec::VideoDecoder;
using fixtures::Clip;

namespace {

int64_t decodedIndex(VideoDecoder& dec, int64_t n)
{
    auto f = dec.frameAt(n);
    REQUIRE(f.has_value());
    CHECK(f->index() == n);
    return fixtures::readEncodedIndex(*f);
}

} // namespace

TEST_CASE("200 random exact seeks return the requested frame", "[codec][seek]")
{
    auto clip = GENERATE(Clip::H264Cfr, Clip::H264Vfr, Clip::Hevc, Clip::Mpeg2Ps, Clip::MjpegAvi, Clip::Vp9Webm, Clip::H264Ts);
    VideoDecoder dec(fixtures::path(clip));
    INFO(dec.path());
    REQUIRE(dec.frameCount() == fixtures::frameCount(clip));
    // No cache: every request is a real seek + decode.
    dec.setCacheBudget(0);
    std::mt19937 rng(42);
    std::uniform_int_distribution<int64_t> pick(0, dec.frameCount() - 1);
    int exact = 0;
    for (int i = 0; i < 200; ++i) {
        int64_t n = pick(rng);
        if (decodedIndex(dec, n) == n)
            ++exact;
        else
            FAIL_CHECK("frame " << n << " decoded as " << decodedIndex(dec, n));
    }
    CHECK(exact == 200);
    CHECK(dec.stats().seeks > 0);
}

TEST_CASE("frame pixel format and planes are YUV 4:2:0", "[codec][seek]")
{
    VideoDecoder dec(fixtures::path(Clip::MjpegAvi)); // yuvj422p source, converted inside codec
    auto f = dec.frameAt(7);
    REQUIRE(f);
    CHECK(f->width() == fixtures::ClipWidth);
    CHECK(f->height() == fixtures::ClipHeight);
    CHECK(f->pitch(0) >= fixtures::ClipWidth);
    CHECK(f->pitch(1) >= fixtures::ClipWidth / 2);
    CHECK(f->plane(2) != nullptr);
    CHECK(fixtures::readEncodedIndex(*f) == 7);
    auto rgb = codec::toRgb(*f, codec::PixelLayout::Rgba);
    CHECK(rgb.size() == size_t{fixtures::ClipWidth} * fixtures::ClipHeight * 4);
}

TEST_CASE("forward steps and backward steps agree with the index", "[codec][step]")
{
    auto clip = GENERATE(Clip::H264Cfr, Clip::Mpeg2Ps, Clip::Hevc);
    VideoDecoder dec(fixtures::path(clip));
    INFO(dec.path());
    const int64_t start = 100;
    CHECK(decodedIndex(dec, start) == start);
    uint64_t seeksBefore = dec.stats().seeks;
    for (int64_t n = start + 1; n < start + 40; ++n)
        REQUIRE(decodedIndex(dec, n) == n);
    // Forward stepping continues decoding; it never seeks.
    CHECK(dec.stats().seeks == seeksBefore);

    // Backward: the first step back decodes the GOP once, later steps are cache hits.
    auto before = dec.stats();
    for (int64_t n = start + 38; n >= start - 30; --n)
        REQUIRE(decodedIndex(dec, n) == n);
    auto after = dec.stats();
    const int64_t steps = 69;
    const int64_t gopsCrossed = 1 + 69 / 15; // GOP >= 15 on every clip here
    CHECK(after.seeks - before.seeks <= static_cast<uint64_t>(gopsCrossed + 2));
    CHECK(after.cacheHits - before.cacheHits >= static_cast<uint64_t>(steps - gopsCrossed - 2));
}

TEST_CASE("a seek back to a far frame skips what the target does not need, like a forward seek", "[codec][seek]")
{
    // Only a step of one or two frames back decodes (and caches) the whole GOP; a jump
    // back is an ordinary seek, which does not decode non-reference frames before the
    // target.
    VideoDecoder fresh(fixtures::path(Clip::H264Cfr));
    auto s0 = fresh.stats();
    REQUIRE(decodedIndex(fresh, 110) == 110);
    const uint64_t forward = fresh.stats().framesDecoded - s0.framesDecoded;

    VideoDecoder back(fixtures::path(Clip::H264Cfr));
    REQUIRE(decodedIndex(back, 250) == 250);
    back.clearCache();
    auto s1 = back.stats();
    REQUIRE(decodedIndex(back, 110) == 110);
    const uint64_t backward = back.stats().framesDecoded - s1.framesDecoded;
    CHECK(backward == forward);
    CHECK(forward < 110 - 60 + 1); // fewer frames than keyframe 60 .. 110: some were skipped
}

TEST_CASE("the last frame and seeks past the end", "[codec][seek]")
{
    VideoDecoder dec(fixtures::path(Clip::H264Cfr));
    const int64_t last = dec.frameCount() - 1;
    CHECK(decodedIndex(dec, last) == last);
    CHECK(decodedIndex(dec, 0) == 0);
    // Past the end is an error, never a clamp: the caller decides what to show.
    CHECK_THROWS_MATCHES(dec.frameAt(last + 1), MediaError,
                         Catch::Predicate<MediaError>([](const MediaError& e) {
                             return e.kind() == MediaError::Kind::OutOfRange;
                         }));
    CHECK_THROWS_AS(dec.frameAt(-1), MediaError);
    CHECK_THROWS_AS(dec.frameAtTime(dec.index().endUs()), MediaError);
    auto f = dec.frameAtTime(dec.index().endUs() - 1);
    REQUIRE(f);
    CHECK(f->index() == last);
    CHECK(fixtures::readEncodedIndex(*f) == last);
}

TEST_CASE("time to frame is exact on VFR boundaries", "[codec][seek][vfr]")
{
    VideoDecoder dec(fixtures::path(Clip::H264Vfr));
    const auto& idx = dec.index();
    REQUIRE(idx.frameCount() == 240);
    for (int64_t n = 0; n < 240; ++n)
        REQUIRE(idx.at(n).timeUs == fixtures::vfrTimeUs(n));
    for (int64_t n : {0, 1, 2, 3, 4, 5, 61, 62, 63, 130, 200, 238, 239}) {
        int64_t t = fixtures::vfrTimeUs(n);
        auto f = dec.frameAtTime(t);
        REQUIRE(f);
        CHECK(fixtures::readEncodedIndex(*f) == n);
        CHECK(f->timeUs() == t);
        if (n > 0) {
            auto g = dec.frameAtTime(t - 1); // 1 µs before the boundary: previous frame
            REQUIRE(g);
            CHECK(fixtures::readEncodedIndex(*g) == n - 1);
        }
        if (n < 239)
            CHECK(f->durationUs() == fixtures::vfrTimeUs(n + 1) - t);
    }
}

TEST_CASE("keyframe preview returns the keyframe without moving the main decoder", "[codec][preview]")
{
    VideoDecoder dec(fixtures::path(Clip::H264Cfr));
    CHECK(decodedIndex(dec, 70) == 70);
    auto seeks = dec.stats().seeks;
    auto p = dec.keyframePreview(10 * 1000000 + 500000); // 10.5 s -> frame 262 -> keyframe 240
    CHECK(p.keyframe());
    CHECK(p.index() == 240);
    CHECK(fixtures::readEncodedIndex(p) == 240);
    // The main decoder continues sequentially after the preview.
    CHECK(decodedIndex(dec, 71) == 71);
    CHECK(dec.stats().seeks == seeks);
}

TEST_CASE("a cancelled request returns nullopt and the decoder stays usable", "[codec][cancel]")
{
    VideoDecoder dec(fixtures::path(Clip::H264Cfr));
    std::atomic<uint64_t> generation{1};
    auto cancel = codec::cancelWhenChanged(generation, 1);
    generation = 2; // a newer request arrived
    CHECK_FALSE(dec.frameAt(59, cancel).has_value());
    CHECK(decodedIndex(dec, 59) == 59);
    auto live = codec::cancelWhenChanged(generation, 2);
    auto f = dec.frameAt(119, live);
    REQUIRE(f);
    CHECK(fixtures::readEncodedIndex(*f) == 119);
}

TEST_CASE("cache respects its byte budget", "[codec][cache]")
{
    VideoDecoder dec(fixtures::path(Clip::H264Cfr));
    size_t frameBytes = 0;
    {
        auto f = dec.frameAt(0);
        frameBytes = f->byteSize();
    }
    REQUIRE(frameBytes > 0);
    dec.clearCache();
    dec.setCacheBudget(frameBytes * 10);
    for (int64_t n = 0; n < 60; ++n)
        dec.frameAt(n);
    auto s = dec.stats();
    CHECK(s.cacheBytes <= frameBytes * 10);
    CHECK(s.cacheFrames <= 10);
    CHECK(s.cacheFrames >= 9);
}


TEST_CASE("cache keeps a window of two GOPs behind the playhead, all of them back-step hits", "[codec][cache]")
{
    VideoDecoder dec(fixtures::path(Clip::H264Cfr));
    const int64_t gop = dec.info().video.maxKeyframeInterval;
    REQUIRE(gop > 0);
    const size_t window = std::max<size_t>(64, 2 * static_cast<size_t>(gop));
    CHECK(dec.stats().cacheFrameLimit == window);
    const int64_t n = dec.frameCount();
    REQUIRE(n > static_cast<int64_t>(window));
    for (int64_t i = 0; i < n; ++i)
        REQUIRE(dec.frameAt(i));
    auto s = dec.stats();
    // Bounded by the window, not by the (much larger) byte budget.
    CHECK(s.cacheFrames == window);
    CHECK(s.cacheBytes < s.cacheBudgetBytes);
    // Stepping back through the whole window decodes nothing.
    const uint64_t decoded = s.framesDecoded;
    for (int64_t i = n - 1; i >= n - static_cast<int64_t>(window); --i)
        CHECK(decodedIndex(dec, i) == i);
    CHECK(dec.stats().framesDecoded == decoded);
    // One step further back decodes that frame's GOP once; the steps after it are hits.
    const int64_t further = n - static_cast<int64_t>(window) - 1;
    CHECK(decodedIndex(dec, further) == further);
    const uint64_t afterGop = dec.stats().framesDecoded;
    CHECK(afterGop > decoded);
    const int64_t gopStart = dec.index().keyframeAtOrBefore(further);
    for (int64_t i = further - 1; i >= gopStart; --i)
        CHECK(decodedIndex(dec, i) == i);
    CHECK(dec.stats().framesDecoded == afterGop);

    dec.setCacheFrameLimit(5);
    CHECK(dec.stats().cacheFrames <= 5);
}
