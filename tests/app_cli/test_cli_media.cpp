// bondline-cli probe / frame / project add-session on files that are not recordings
// (issue 11 item 2) and on real generated clips.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/app_cli/cli_test_support.h"
#include "tests/codec/media_fixtures.h"

using cli_test::run;
using fixtures::Clip;
using fixtures::Garbage;

namespace {

std::vector<std::string> notRecordings()
{
    std::vector<std::string> files;
    uint32_t seed = 101;
    for (const char* ext : {"mkv", "mp4", "avi", "mts", "m4v", "mp3", "wav", "mpg"})
        for (int i = 0; i < 2; ++i, ++seed)
            files.push_back(fixtures::garbage(Garbage::RandomBytes, "cli-random-" + std::to_string(seed) + "." + ext, seed));
    files.push_back(fixtures::garbage(Garbage::Zeros, "cli-zeros.mkv"));
    files.push_back(fixtures::garbage(Garbage::Pdf, "cli-document.pdf"));
    files.push_back(fixtures::garbage(Garbage::Zip, "cli-archive.zip"));
    return files;
}

void checkRefused(const cli_test::Run& r, const std::string& prefix, const std::string& path)
{
    INFO(r.out << r.err);
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    CHECK(r.err.rfind(prefix + path + ": not a video or audio recording FFmpeg can read", 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

} // namespace

TEST_CASE("probe, frame and project add-session refuse files that are not recordings", "[cli][media]")
{
    const std::string project = std::string(BONDLINE_TEST_DATA_DIR) + "/cli-media-garbage.bondline";
    std::filesystem::remove(project);
    REQUIRE(run({"project", "create", project}).code == 0);
    const std::string png = std::string(BONDLINE_TEST_DATA_DIR) + "/cli-media-garbage.png";
    for (const auto& f : notRecordings()) {
        checkRefused(run({"probe", f}), "bondline-cli: probe: ", f);
        checkRefused(run({"probe", f, "--json"}), "bondline-cli: probe: ", f);
        checkRefused(run({"frame", f, "--index", "0", "-o", png}), "bondline-cli: frame: ", f);
        checkRefused(run({"project", "add-session", project, "--case", "G1", "--number", "1", "--people",
                          "M:mother", "--media", f}),
                     "bondline-cli: ", f);
    }
    // Nothing was added by the refused sessions.
    auto info = run({"project", "info", project, "--json"});
    CHECK(info.out.find("\"sessions\":0,") != std::string::npos);
}

TEST_CASE("probe and frame accept real recordings", "[cli][media]")
{
    const std::string png = std::string(BONDLINE_TEST_DATA_DIR) + "/cli-media-ok.png";
    for (Clip c : {Clip::H264Cfr, Clip::Mpeg2Ps, Clip::Vp9Webm}) {
        auto r = run({"probe", fixtures::path(c)});
        INFO(r.err);
        CHECK(r.code == 0);
        r = run({"frame", fixtures::path(c), "--index", "3", "-o", png});
        CHECK(r.code == 0);
        CHECK(r.out.rfind("frame 3 ", 0) == 0);
    }
    auto r = run({"probe", fixtures::path(Clip::Wav)});
    CHECK(r.code == 0);
}

TEST_CASE("frame writes phone clips upright like ffmpeg; probe shows coded and display size", "[cli][media][rotation]")
{
    using fixtures::Orientation;
    const std::string dir = std::string(BONDLINE_TEST_DATA_DIR) + "/";
    for (Orientation o : {Orientation::Rotate90, Orientation::Rotate180, Orientation::Rotate270, Orientation::Mirror,
                          Orientation::MirrorRotate90}) {
        const std::string clip = fixtures::rotatedPath(o);
        INFO(clip);
        const bool turned = o == Orientation::Rotate90 || o == Orientation::Rotate270 || o == Orientation::MirrorRotate90;
        auto probe = run({"probe", clip});
        CHECK(probe.code == 0);
        CHECK(probe.out.find(turned ? "displayed 240x320" : "displayed 320x240") != std::string::npos);
        auto json = run({"probe", clip, "--json"});
        CHECK(json.out.find("\"coded_width\":320,\"coded_height\":240") != std::string::npos);
        CHECK(json.out.find(turned ? "\"display_width\":240,\"display_height\":320"
                                   : "\"display_width\":320,\"display_height\":240") != std::string::npos);
        const int64_t n = 11;
        const std::string ours = dir + "cli-rot-ours.png";
        REQUIRE(run({"frame", clip, "--index", std::to_string(n), "-o", ours}).code == 0);
        int w = 0, h = 0, rw = 0, rh = 0;
        const auto mine = fixtures::decodePicture(ours, w, h);
        const auto ref = fixtures::decodePicture(fixtures::ffmpegFramePng(clip, n, dir + "cli-rot-ref.png"), rw, rh);
        CHECK(w == rw);
        CHECK(h == rh);
        const double same = fixtures::psnr(mine, ref);
        CHECK(same >= 30.0);
        for (int64_t other : {n - 1, n + 1}) {
            const auto x = fixtures::decodePicture(fixtures::ffmpegFramePng(clip, other, dir + "cli-rot-other.png"), rw, rh);
            CHECK(same > fixtures::psnr(mine, x));
        }
    }
}
