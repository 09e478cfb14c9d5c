#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include <unistd.h>

#include "codec/audio_decoder.h"
#include "codec/media_info.h"
#include "codec/video_frame_source.h"
#include "tests/codec/audio_fixtures.h"
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

namespace {
// A private copy of a clip, so no earlier open in this process has seen its path.
std::string freshCopy(const std::string& from, const std::string& name)
{
    const auto to = std::filesystem::path(from).parent_path() / name;
    std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
    return to.string();
}
} // namespace

TEST_CASE("a file is scanned once: probe, the window's frame source and hasAudio share the scan", "[codec][probe]")
{
    const std::string p = freshCopy(lumaRampMp4(), "scan-once-" + std::to_string(::getpid()) + ".mp4");
    const auto before = codec::openCounters();
    // The window's open sequence (app/gui/player_port.cpp): probe, then the decoder for
    // the Player, then two questions about audio.
    const auto info = codec::probeMedia(p);
    REQUIRE(info.hasVideo);
    REQUIRE(info.hasAudio);
    auto source = std::make_unique<codec::VideoFrameSource>(p);
    CHECK(source->frameCount() == info.video.frameCount);
    const auto beforeAudio = codec::openCounters();
    CHECK(codec::AudioDecoder::hasAudio(p));
    CHECK(codec::AudioDecoder::hasAudio(p));
    const auto after = codec::openCounters();
    CHECK(after.indexScans - before.indexScans == 1);
    CHECK(after.demuxerOpens - before.demuxerOpens == 2); // probe's and the decoder's own
    CHECK(after.demuxerOpens == beforeAudio.demuxerOpens); // hasAudio opened nothing
    // A second probe of the unchanged file opens nothing at all.
    (void)codec::probeMedia(p);
    CHECK(codec::openCounters().demuxerOpens == after.demuxerOpens);

    // A changed file (new modification time) is scanned again.
    std::filesystem::last_write_time(p, std::filesystem::last_write_time(p) + std::chrono::seconds(5));
    const auto again = codec::probeMedia(p);
    CHECK(again.video.frameCount == info.video.frameCount);
    CHECK(codec::openCounters().indexScans - after.indexScans == 1);
    std::filesystem::remove(p);
}
