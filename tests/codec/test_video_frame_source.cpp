// The FrameSource the window plays: exact frames through the Player's interface, and
// audio-only recordings as a 40 ms timeline.
#include <catch2/catch.hpp>

#include <atomic>

#include "codec/audio_timeline_source.h"
#include "codec/media_error.h"
#include "codec/video_frame_source.h"
#include "tests/codec/media_fixtures.h"

using namespace codec;
using fixtures::Clip;

namespace {
int64_t encoded(const FrameView& v) { return fixtures::readEncodedIndex(v.planes[0], v.pitches[0], v.width, v.height); }
} // namespace

TEST_CASE("VideoFrameSource gives the exact frame for every index asked, in any order", "[codec][source]")
{
    for (Clip clip : {Clip::H264Cfr, Clip::H264Vfr, Clip::Hevc}) {
        VideoFrameSource src(fixtures::path(clip), 2);
        REQUIRE(src.frameCount() == fixtures::frameCount(clip));
        std::atomic<bool> cancel{false};
        for (int64_t n : {int64_t{0}, int64_t{37}, src.frameCount() - 1, int64_t{36}, int64_t{35}, int64_t{120}, int64_t{1}}) {
            FrameView v = src.frame(n, cancel);
            REQUIRE(v);
            CHECK(v.index == n);
            CHECK(encoded(v) == n);
            CHECK(v.ptsUs == src.ptsOf(n));
            CHECK(src.indexAt(v.ptsUs) == n);
        }
        CHECK(src.cacheBytes() > 0);
        // A preview is the keyframe at or before the index.
        FrameView p = src.preview(100);
        REQUIRE(p);
        CHECK(encoded(p) <= 100);
        CHECK(encoded(p) == p.index);
        auto keys = src.keyframeIndexes();
        REQUIRE_FALSE(keys.empty());
        CHECK(keys.front() == 0);
        CHECK(std::find(keys.begin(), keys.end(), p.index) != keys.end());
    }
}

TEST_CASE("VideoFrameSource maps times to frames on a variable-rate clip", "[codec][source]")
{
    VideoFrameSource src(fixtures::path(Clip::H264Vfr), 2);
    for (int64_t n : {0, 1, 2, 3, 100, 239}) {
        CHECK(src.ptsOf(n) == fixtures::vfrTimeUs(n));
        CHECK(src.indexAt(fixtures::vfrTimeUs(n) + 1) == n);
    }
    CHECK(src.indexAt(-5) == 0);
    CHECK(src.indexAt(src.durationUs() + 1'000'000) == src.frameCount() - 1);
}

TEST_CASE("VideoFrameSource refuses what it cannot play with a one-line error", "[codec][source]")
{
    CHECK_THROWS_AS(VideoFrameSource(fixtures::path(Clip::Wav)), MediaError);
    CHECK_THROWS_AS(VideoFrameSource(fixtures::path(Clip::Empty)), MediaError);
    CHECK_THROWS_AS(VideoFrameSource(fixtures::missingPath()), MediaError);
    try {
        VideoFrameSource s(fixtures::path(Clip::TextAsMp4));
        FAIL("opened a text file");
    } catch (const MediaError& e) {
        CHECK(std::string(e.what()).find(fixtures::path(Clip::TextAsMp4)) != std::string::npos);
        CHECK(std::string(e.what()).find('\n') == std::string::npos);
    }
}

TEST_CASE("an audio-only recording is a timeline of 40 ms slots", "[codec][source]")
{
    AudioTimelineSource src(2'010'000);
    CHECK(src.frameCount() == 51);
    CHECK(src.ptsOf(50) == 2'000'000);
    CHECK(src.indexAt(1'999'999) == 49);
    CHECK(src.indexAt(99'000'000) == 50);
    std::atomic<bool> cancel{false};
    FrameView v = src.frame(7, cancel);
    REQUIRE(v);
    CHECK(v.index == 7);
    CHECK(v.ptsUs == 280'000);
    CHECK(v.width > 0);
    CHECK(v.planes[0][0] == 40);
}
