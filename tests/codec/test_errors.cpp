#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "codec/audio_decoder.h"
#include "codec/media_error.h"
#include "codec/media_info.h"
#include "codec/png_writer.h"
#include "codec/video_decoder.h"
#include "tests/codec/media_fixtures.h"

using codec::MediaError;
using fixtures::Clip;
using Kind = MediaError::Kind;

namespace {

void checkProbeError(const std::string& path, Kind kind)
{
    INFO(path);
    try {
        (void)codec::probeMedia(path);
        FAIL("expected a MediaError");
    } catch (const MediaError& e) {
        std::string msg = e.what();
        INFO(msg);
        CHECK(e.kind() == kind);
        CHECK(e.path() == path);
        CHECK(msg.find(path) != std::string::npos);
        CHECK(msg.find('\n') == std::string::npos);
    }
}

} // namespace

TEST_CASE("bad inputs give a typed one-line error naming the file", "[codec][errors]")
{
    checkProbeError(fixtures::missingPath(), Kind::NotFound);
    checkProbeError(fixtures::path(Clip::Empty), Kind::EmptyFile);
    checkProbeError(fixtures::path(Clip::TextAsMp4), Kind::InvalidData);
    checkProbeError(fixtures::path(Clip::TruncatedMp4), Kind::InvalidData);
}

TEST_CASE("a stream without a decoder is UnsupportedCodec", "[codec][errors]")
{
    std::string p = fixtures::path(Clip::UnknownCodec);
    try {
        codec::VideoDecoder dec(p);
        FAIL("expected a MediaError");
    } catch (const MediaError& e) {
        CHECK(e.kind() == Kind::UnsupportedCodec);
        CHECK(std::string(e.what()).find(p) != std::string::npos);
    }
}

TEST_CASE("audio-only files open for probe but not as video", "[codec][errors]")
{
    std::string p = fixtures::path(Clip::M4a);
    try {
        codec::VideoDecoder dec(p);
        FAIL("expected a MediaError");
    } catch (const MediaError& e) {
        CHECK(e.kind() == Kind::NoVideoStream);
        CHECK(std::string(e.what()).find(p) != std::string::npos);
    }
}

TEST_CASE("a file damaged halfway decodes up to the damage and never crashes", "[codec][errors]")
{
    codec::VideoDecoder dec(fixtures::path(Clip::DamagedTs));
    const int64_t count = dec.frameCount();
    REQUIRE(count > 20);
    // Frames before the damage are exact.
    for (int64_t n = 0; n < 20; ++n) {
        auto f = dec.frameAt(n);
        REQUIRE(f);
        CHECK(fixtures::readEncodedIndex(*f) == n);
    }
    // Every other frame either decodes or fails with DecodeFailed naming the file.
    int decoded = 0, failed = 0;
    for (int64_t n = count - 1; n >= 0; n -= 7) {
        try {
            auto f = dec.frameAt(n);
            REQUIRE(f);
            ++decoded;
        } catch (const MediaError& e) {
            CHECK(e.kind() == Kind::DecodeFailed);
            CHECK(e.path() == dec.path());
            ++failed;
        }
    }
    CHECK(decoded > 0);
}

TEST_CASE("PNG writer reports an unwritable path", "[codec][errors]")
{
    codec::VideoDecoder dec(fixtures::path(Clip::MjpegAvi));
    auto f = dec.frameAt(0);
    REQUIRE(f);
    try {
        codec::writePng(*f, "/nonexistent-dir/x.png");
        FAIL("expected a MediaError");
    } catch (const MediaError& e) {
        CHECK(e.kind() == Kind::Io);
        CHECK(std::string(e.what()).find("/nonexistent-dir/x.png") != std::string::npos);
    }
}

namespace {

// Everything that is not a recording, under the extensions FFmpeg guesses formats from.
std::vector<std::string> notRecordings()
{
    using fixtures::Garbage;
    std::vector<std::string> files;
    uint32_t seed = 1;
    for (const char* ext : {"mkv", "mp4", "avi", "mov", "mpg", "vob", "ts", "mts", "m4v", "h264", "mp3", "wav",
                            "m4a", "bin"})
        for (int i = 0; i < 3; ++i, ++seed)
            files.push_back(fixtures::garbage(Garbage::RandomBytes,
                                              "random-" + std::to_string(seed) + "." + ext, seed));
    files.push_back(fixtures::garbage(Garbage::Zeros, "zeros.mp4"));
    files.push_back(fixtures::garbage(Garbage::Zeros, "zeros.mkv"));
    files.push_back(fixtures::garbage(Garbage::Pdf, "document.pdf"));
    files.push_back(fixtures::garbage(Garbage::Pdf, "document-named.mp4"));
    files.push_back(fixtures::garbage(Garbage::Zip, "archive.zip"));
    files.push_back(fixtures::garbage(Garbage::Zip, "archive-named.mkv"));
    return files;
}

void checkNotARecording(const std::function<void()>& open, const std::string& path)
{
    INFO(path);
    try {
        open();
        FAIL("accepted as a recording");
    } catch (const MediaError& e) {
        const std::string msg = e.what();
        INFO(msg);
        CHECK(e.kind() == Kind::InvalidData);
        CHECK(msg.rfind(path + ": not a video or audio recording FFmpeg can read", 0) == 0);
        CHECK(msg.find('\n') == std::string::npos);
    }
}

} // namespace

TEST_CASE("random bytes, zeros, a PDF and a ZIP are not recordings: probe, decoder, audio", "[codec][errors]")
{
    for (const auto& p : notRecordings()) {
        checkNotARecording([&] { (void)codec::probeMedia(p); }, p);
        checkNotARecording([&] { codec::VideoDecoder dec(p); }, p);
        checkNotARecording([&] { codec::AudioDecoder dec(p, codec::AudioSpec{}); }, p);
        CHECK_FALSE(codec::AudioDecoder::hasAudio(p));
    }
}

TEST_CASE("real recordings of every kind still open", "[codec][errors]")
{
    for (Clip c : {Clip::H264Cfr, Clip::H264Vfr, Clip::Hevc, Clip::Mpeg2Ps, Clip::MjpegAvi, Clip::Vp9Webm,
                   Clip::H264Ts, Clip::Wav, Clip::M4a, Clip::Mp3, Clip::DamagedTs}) {
        const std::string p = fixtures::path(c);
        INFO(p);
        const auto info = codec::probeMedia(p);
        CHECK((info.hasVideo || info.hasAudio));
    }
}
