// Phone video with a display matrix (issue 11 item 1): probe reports coded and display
// size, frames carry the transform, PNGs and thumbnails are upright like ffmpeg's
// autorotate, clip export keeps the matrix.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include <unistd.h>

#include "codec/clip_export.h"
#include "codec/display_transform.h"
#include "codec/media_info.h"
#include "codec/png_writer.h"
#include "codec/thumbnails.h"
#include "codec/video_decoder.h"
#include "codec/video_frame_source.h"
#include "tests/codec/media_fixtures.h"

using namespace codec;
using fixtures::Orientation;

namespace {

struct Expect {
    Orientation o;
    const char* name;
    DisplayTransform t;
    int rotation;
    bool mirrored;
};

const Expect kCases[] = {
    {Orientation::Rotate90, "rotate 90", {true, false, true}, 90, false},
    {Orientation::Rotate180, "rotate 180", {false, true, true}, 180, false},
    {Orientation::Rotate270, "rotate 270", {true, true, false}, 270, false},
    {Orientation::Mirror, "mirror", {false, true, false}, 0, true},
    {Orientation::MirrorRotate90, "mirror + rotate 90", {true, false, false}, 90, true},
};

std::string tmpFile(const std::string& name)
{
    return (std::filesystem::temp_directory_path() / ("bondline-rot-" + std::to_string(::getpid()) + "-" + name)).string();
}

} // namespace

TEST_CASE("display matrices map to the transform ffmpeg's autorotate applies", "[codec][rotation]")
{
    for (const auto& c : kCases) {
        INFO(c.name);
        int32_t m[9];
        fixtures::displayMatrixOf(c.o, m);
        const DisplayTransform t = displayTransformFromMatrix(m);
        CHECK(t == c.t);
        CHECK(t.rotationDegrees() == c.rotation);
        CHECK(t.mirrored() == c.mirrored);
    }
    CHECK(displayTransformFromMatrix(nullptr).identity());
    // Corner texture coordinates: a 90-degree clockwise turn shows the coded bottom-left
    // corner at the top left.
    float uv[4][2];
    DisplayTransform{true, false, true}.cornerUVs(uv);
    CHECK((uv[0][0] == 0 && uv[0][1] == 1)); // top-left     <- coded bottom-left
    CHECK((uv[1][0] == 0 && uv[1][1] == 0)); // top-right    <- coded top-left
    CHECK((uv[2][0] == 1 && uv[2][1] == 0)); // bottom-right <- coded top-right
    CHECK((uv[3][0] == 1 && uv[3][1] == 1)); // bottom-left  <- coded bottom-right
}

TEST_CASE("probe reports coded and display size of rotated clips; frames carry the transform", "[codec][rotation]")
{
    for (const auto& c : kCases) {
        INFO(c.name);
        const std::string p = fixtures::rotatedPath(c.o);
        const MediaInfo info = probeMedia(p);
        REQUIRE(info.streams.size() == 1);
        const StreamInfo& s = info.streams[0];
        CHECK(s.codedWidth == 320);
        CHECK(s.codedHeight == 240);
        CHECK(s.width == 320);
        CHECK(s.displayWidth == (c.t.transpose ? 240 : 320));
        CHECK(s.displayHeight == (c.t.transpose ? 320 : 240));
        CHECK(s.rotationDegrees == c.rotation);
        CHECK(s.mirrored == c.mirrored);
        CHECK(s.display == c.t);
        VideoDecoder dec(p);
        auto f = dec.frameAt(7);
        REQUIRE(f);
        CHECK(f->width() == 320); // planes as decoded
        CHECK(f->display() == c.t);
        CHECK(f->displayWidth() == s.displayWidth);
        CHECK(fixtures::readEncodedIndex(*f) == 7);
        VideoFrameSource src(p);
        std::atomic<bool> cancel{false};
        const FrameView v = src.frame(7, cancel);
        REQUIRE(v);
        CHECK(v.display == c.t);
    }
    // A plain clip: identity, display size = coded size.
    const MediaInfo plain = probeMedia(fixtures::path(fixtures::Clip::H264Cfr));
    CHECK(plain.streams[0].display.identity());
    CHECK(plain.streams[0].displayWidth == 320);
    CHECK(plain.streams[0].rotationDegrees == 0);
}

TEST_CASE("PNGs are written upright, as ffmpeg writes them (PSNR >= 30 dB, closest to the frame asked)", "[codec][rotation]")
{
    for (const auto& c : kCases) {
        INFO(c.name);
        const std::string p = fixtures::rotatedPath(c.o);
        VideoDecoder dec(p);
        for (int64_t n : {0, 13, fixtures::RotatedFrames - 1}) {
            INFO("frame " << n);
            const std::string ours = tmpFile("ours.png");
            writePng(*dec.frameAt(n), ours);
            int w = 0, h = 0, rw = 0, rh = 0;
            const auto mine = fixtures::decodePicture(ours, w, h);
            const auto ref = fixtures::decodePicture(fixtures::ffmpegFramePng(p, n, tmpFile("ref.png")), rw, rh);
            CHECK(w == rw);
            CHECK(h == rh);
            CHECK(w == (c.t.transpose ? 240 : 320));
            const double same = fixtures::psnr(mine, ref);
            CHECK(same >= 30.0);
            for (int64_t other : {n - 1, n + 1}) {
                if (other < 0 || other >= fixtures::RotatedFrames)
                    continue;
                const auto o = fixtures::decodePicture(fixtures::ffmpegFramePng(p, other, tmpFile("other.png")), rw, rh);
                CHECK(same > fixtures::psnr(mine, o));
            }
            std::filesystem::remove(ours);
        }
    }
}

TEST_CASE("thumbnails of rotated clips are upright", "[codec][rotation][thumbnails]")
{
    for (const auto& c : kCases) {
        INFO(c.name);
        const std::string p = fixtures::rotatedPath(c.o);
        VideoFrameSource src(p);
        std::atomic<bool> cancel{false};
        const Thumbnail t = makeThumbnail(src.frame(10, cancel), 160);
        const int h = c.t.transpose ? 212 : 120; // 160 wide, the displayed aspect, even
        CHECK(t.width == 160);
        REQUIRE(t.height == h);
        int rw = 0, rh = 0;
        const auto ref = fixtures::decodePicture(
            fixtures::ffmpegFramePng(p, 10, tmpFile("thumb.png"), "scale=160:" + std::to_string(h) + ":flags=area"), rw,
            rh, "yuv420p");
        REQUIRE(rw == 160);
        REQUIRE(rh == h);
        REQUIRE(ref.size() >= static_cast<size_t>(160 * h));
        const std::vector<uint8_t> luma(t.yuv.begin(), t.yuv.begin() + 160 * h);
        CHECK(fixtures::psnr(luma, std::vector<uint8_t>(ref.begin(), ref.begin() + 160 * h)) >= 30.0);
    }
}

TEST_CASE("clip export keeps the display matrix, copied and re-encoded", "[codec][rotation][clip]")
{
    for (const auto& c : kCases) {
        INFO(c.name);
        for (ClipMode mode : {ClipMode::StreamCopy, ClipMode::Exact}) {
            ClipRequest req;
            req.inputPath = fixtures::rotatedPath(c.o);
            req.outputPath = tmpFile("clip.mp4");
            req.startUs = 400'000;
            req.endUs = 800'000;
            req.mode = mode;
            (void)exportClip(req);
            const MediaInfo out = probeMedia(req.outputPath);
            CHECK(out.streams[0].display == c.t);
            CHECK(out.streams[0].rotationDegrees == c.rotation);
            std::filesystem::remove(req.outputPath);
        }
    }
}
