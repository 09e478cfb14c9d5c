#include <catch2/catch.hpp>

#include "codec/media_info.h"
#include "tests/codec/media_fixtures.h"

using fixtures::Clip;

TEST_CASE("probe reports exact frame count, rate and keyframe interval (CFR H.264)", "[codec][probe]")
{
    auto info = codec::probeMedia(fixtures::path(Clip::H264Cfr));
    REQUIRE(info.hasVideo);
    CHECK_FALSE(info.hasAudio);
    CHECK(info.video.frameCount == 300);
    CHECK(info.video.frameRate == Approx(25.0).epsilon(0.001));
    CHECK_FALSE(info.video.variableFrameRate);
    CHECK(info.video.maxKeyframeInterval == 60);
    CHECK(info.durationUs == 12000000);
    REQUIRE(info.streams.size() == 1);
    CHECK(info.streams[0].codec == "h264");
    CHECK(info.streams[0].width == 320);
}

TEST_CASE("probe detects variable frame rate", "[codec][probe]")
{
    auto info = codec::probeMedia(fixtures::path(Clip::H264Vfr));
    CHECK(info.video.frameCount == 240);
    CHECK(info.video.variableFrameRate);
    CHECK(info.video.minFrameDurationUs == 30000);
    CHECK(info.video.maxFrameDurationUs == 70000);
}

TEST_CASE("probe counts frames of every video format", "[codec][probe]")
{
    auto clip = GENERATE(Clip::Hevc, Clip::Mpeg2Ps, Clip::MjpegAvi, Clip::Vp9Webm);
    auto info = codec::probeMedia(fixtures::path(clip));
    INFO(info.path);
    REQUIRE(info.hasVideo);
    CHECK(info.video.frameCount == fixtures::frameCount(clip));
    CHECK(info.video.frameRate == Approx(25.0).epsilon(0.01));
    CHECK_FALSE(info.video.variableFrameRate);
}

TEST_CASE("probe opens audio-only recordings", "[codec][probe]")
{
    auto clip = GENERATE(Clip::Wav, Clip::M4a, Clip::Mp3);
    auto info = codec::probeMedia(fixtures::path(clip));
    INFO(info.path);
    CHECK_FALSE(info.hasVideo);
    CHECK(info.hasAudio);
    CHECK(info.durationUs > 1900000);
    CHECK(info.durationUs < 2200000);
    REQUIRE(info.streams.size() == 1);
    CHECK(info.streams[0].sampleRate > 0);
}
