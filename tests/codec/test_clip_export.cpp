#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "codec/clip_export.h"
#include "codec/media_error.h"
#include "tests/codec/audio_fixtures.h"

using namespace codec;
namespace fs = std::filesystem;

namespace {
fs::path outDir()
{
    const fs::path d = fs::path(BONDLINE_TEST_DATA_DIR) / "codec_clips";
    fs::create_directories(d);
    return d;
}
} // namespace

TEST_CASE("the luma-ramp fixture encodes its frame number", "[clip]")
{
    const std::string src = lumaRampMp4();
    CHECK(probeVideoFrames(src) == 150);
    CHECK(firstFrameNumber(src) == Approx(0).margin(0.6));
}

TEST_CASE("stream copy starts at the keyframe at or before the start", "[clip]")
{
    const std::string src = lumaRampMp4();
    const fs::path out = outDir() / "copy.mp4";
    std::atomic<float> progress{0};
    const ClipResult r = exportClip({src, out.string(), 2'400'000, 4'000'000, ClipMode::StreamCopy}, &progress);
    CHECK(r.startUs == 2'000'000); // keyframes every second
    CHECK(r.videoFrames == 50);    // 2.0 s .. 4.0 s at 25 fps
    CHECK(r.audioPackets > 0);
    CHECK(progress.load() == 1.0f);
    CHECK(probeVideoFrames(out.string()) == 50);
    CHECK(firstFrameNumber(out.string()) == Approx(50).margin(0.6)); // frame 50 = 2.0 s
}

TEST_CASE("exact export starts on the exact frame", "[clip]")
{
    const std::string src = lumaRampMp4();
    const fs::path out = outDir() / "exact.mp4";
    const ClipResult r = exportClip({src, out.string(), 2'400'000, 4'000'000, ClipMode::Exact});
    CHECK(r.startUs == 2'400'000);
    CHECK(r.videoFrames == 40);
    CHECK(probeVideoFrames(out.string()) == 40);
    CHECK(firstFrameNumber(out.string()) == Approx(60).margin(0.6)); // frame 60 = 2.4 s
    const fs::path mkv = outDir() / "exact.mkv";
    const ClipResult r2 = exportClip({src, mkv.string(), 0, 1'000'000, ClipMode::Exact});
    CHECK(r2.videoFrames == 25);
    CHECK(probeVideoFrames(mkv.string()) == 25);
}

TEST_CASE("audio-only clip export", "[clip]")
{
    const std::string src = sineWav(440, 2.0, 44100, 1);
    const fs::path out = outDir() / "audio.wav";
    const ClipResult r = exportClip({src, out.string(), 500'000, 1'500'000, ClipMode::StreamCopy});
    CHECK(r.videoFrames == 0);
    CHECK(r.audioPackets > 0);
    // ~1 s of 16-bit mono at 44.1 kHz plus a header (WAV packets are ~1024 samples).
    CHECK(static_cast<double>(fs::file_size(out)) == Approx(88200).epsilon(0.06));
}

TEST_CASE("clip export errors are one line and leave no file", "[clip][errors]")
{
    const std::string src = lumaRampMp4();
    const fs::path out = outDir() / "never.mp4";
    fs::remove(out);
    auto expectError = [&](const ClipRequest& req, const std::string& prefix) {
        try {
            exportClip(req);
            FAIL("no exception");
        } catch (const MediaError& e) {
            const std::string m = e.what();
            CHECK(m.rfind(prefix + ": ", 0) == 0);
            CHECK(m.find('\n') == std::string::npos);
        }
        CHECK_FALSE(fs::exists(out));
    };
    expectError({src, out.string(), 3'000'000, 3'000'000, ClipMode::StreamCopy}, src);
    expectError({"/nonexistent.mp4", out.string(), 0, 1'000'000, ClipMode::StreamCopy}, "/nonexistent.mp4");
    const fs::path zero = outDir() / "zero.mp4";
    std::ofstream(zero).close();
    expectError({zero.string(), out.string(), 0, 1'000'000, ClipMode::Exact}, zero.string());
    const std::string badOut = (outDir() / "clip.unknownext").string();
    expectError({src, badOut, 0, 1'000'000, ClipMode::StreamCopy}, badOut);
    expectError({src, "/nonexistent-dir/x.mp4", 0, 1'000'000, ClipMode::StreamCopy}, "/nonexistent-dir/x.mp4");
}

TEST_CASE("a cancelled export removes its partial file", "[clip]")
{
    const std::string src = lumaRampMp4();
    const fs::path out = outDir() / "cancelled.mp4";
    std::atomic<bool> cancel{true};
    const ClipResult r = exportClip({src, out.string(), 0, 5'000'000, ClipMode::Exact}, nullptr, &cancel);
    CHECK(r.cancelled);
    CHECK_FALSE(fs::exists(out));
}
