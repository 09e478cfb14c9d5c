#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "app/gui/gui_app.h"
#include "app/gui/player_port.h"
#include "tests/app_gui/screenshot_util.h"
#include "tests/codec/audio_fixtures.h"
#include "tests/codec/raw_yuv_source.h"

using namespace app;
namespace fs = std::filesystem;

namespace {

// Opens the frame-numbered test clip through the real Player, decoded by the ffmpeg CLI.
std::unique_ptr<MediaPort> openRamp(const std::string& path, MediaState& media)
{
    auto src = std::make_unique<RawYuvSource>(path, 64, 48, 40'000, 25);
    PortOptions po;
    po.audio = false;
    po.audioPath = path; // for the waveform
    auto port = makePlayerPort(std::move(src), po, media);
    media.path = path;
    return port;
}

Image renderAt(int64_t frame, const std::string& name, std::string* stdoutText = nullptr)
{
    const fs::path dir = fs::path(BONDLINE_TEST_DATA_DIR) / "app_gui";
    fs::create_directories(dir);
    GuiOptions o;
    o.mediaPath = lumaRampMp4();
    o.screenshotPath = (dir / name).string();
    o.seekFrame = frame;
    o.width = 800;
    o.height = 450;
    o.printState = true;
    std::ostringstream out, err;
    fs::remove(o.screenshotPath);
    const int rc = runGui(o, openRamp, out, err);
    INFO(err.str());
    REQUIRE(rc == 0);
    if (stdoutText)
        *stdoutText = out.str();
    return loadPng(o.screenshotPath);
}

} // namespace

TEST_CASE("the window shows the exact frame asked for", "[screenshot][gui]")
{
    std::string state;
    const Image a = renderAt(100, "ramp_frame100.png", &state);
    REQUIRE(a.width == 800);
    REQUIRE(a.height == 450);
    CHECK(state.find("frame=100 ") != std::string::npos);
    CHECK(state.find("media_open=1") != std::string::npos);
    // Frame N of the ramp has luma 16 + N and neutral chroma: grey (N * 255 / 219).
    const double expect100 = 100 * 255.0 / 219.0;
    const uint8_t* c = a.at(400, 180); // centre of the video panel
    CHECK(c[0] == Approx(expect100).margin(4));
    CHECK(c[1] == Approx(expect100).margin(4));
    CHECK(c[2] == Approx(expect100).margin(4));

    const Image b = renderAt(20, "ramp_frame20.png");
    const uint8_t* d = b.at(400, 180);
    CHECK(d[0] == Approx(20 * 255.0 / 219.0).margin(4));

    // The video keeps its 4:3 aspect: black bars left and right of the picture.
    const uint8_t* bar = a.at(20, 180);
    CHECK(bar[0] < 5);
    // The status line (bottom rows) carries text.
    int ink = 0;
    for (int x = 5; x < 400; ++x)
        for (int y = 395; y < 449; ++y)
            ink += a.at(x, y)[0] > 120;
    CHECK(ink > 100);
}

TEST_CASE("the real decoder path (VideoDecoder -> Player -> window) shows the exact frame", "[screenshot][gui]")
{
    const fs::path dir = fs::path(BONDLINE_TEST_DATA_DIR) / "app_gui";
    fs::create_directories(dir);
    for (int64_t frame : {int64_t{117}, int64_t{3}}) {
        GuiOptions o;
        o.mediaPath = lumaRampMp4();
        o.screenshotPath = (dir / ("real_frame" + std::to_string(frame) + ".png")).string();
        o.seekFrame = frame;
        o.width = 800;
        o.height = 450;
        o.printState = true;
        std::ostringstream out, err;
        fs::remove(o.screenshotPath);
        const int rc = runGui(o, openPlayerPortSilent, out, err);
        INFO(err.str());
        REQUIRE(rc == 0);
        CHECK(out.str().find("frame=" + std::to_string(frame) + " ") != std::string::npos);
        const Image img = loadPng(o.screenshotPath);
        const uint8_t* c = img.at(400, 180);
        CHECK(c[0] == Approx(frame * 255.0 / 219.0).margin(4));
    }
}

TEST_CASE("an audio-only recording opens on a 40 ms timeline with its waveform", "[screenshot][gui]")
{
    const fs::path dir = fs::path(BONDLINE_TEST_DATA_DIR) / "app_gui";
    fs::create_directories(dir);
    GuiOptions o;
    o.mediaPath = halfSilentWav(4.0);
    o.screenshotPath = (dir / "audio_only.png").string();
    o.seekFrame = 75; // 3.0 s
    o.width = 800;
    o.height = 450;
    o.printState = true;
    std::ostringstream out, err;
    fs::remove(o.screenshotPath);
    const int rc = runGui(o, openPlayerPortSilent, out, err);
    INFO(err.str());
    REQUIRE(rc == 0);
    CHECK(out.str().find("frame=75 time_us=3000000 ") != std::string::npos);
    CHECK(out.str().find("media_open=1") != std::string::npos);
    const Image img = loadPng(o.screenshotPath);
    REQUIRE(img.width == 800);
}
