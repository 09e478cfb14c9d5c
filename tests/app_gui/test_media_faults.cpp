// The window with the media a clinic really has: phone video with a rotation, files with
// damaged frames. Headless screenshots and the controller over the real player.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include "app/gui/controller.h"
#include "app/gui/gui_app.h"
#include "app/gui/player_port.h"
#include "codec/media_error.h"
#include "codec/video_decoder.h"
#include "tests/app_gui/screenshot_util.h"
#include "tests/codec/media_fixtures.h"

using namespace app;
namespace fs = std::filesystem;

namespace {

int render(const std::string& media, int64_t frame, const std::string& png, std::string& err)
{
    GuiOptions o;
    o.mediaPath = media;
    o.screenshotPath = png;
    o.seekFrame = frame;
    o.width = 800;
    o.height = 450;
    std::ostringstream out, e;
    fs::remove(png);
    const int rc = runGui(o, openPlayerPortSilent, out, e);
    err = e.str();
    return rc;
}

// The first frame the decoder cannot decode, or -1.
int64_t firstDamagedFrame(const std::string& path)
{
    codec::VideoDecoder dec(path);
    for (int64_t n = 0; n < dec.frameCount(); ++n) {
        try {
            if (!dec.frameAt(n))
                return n;
        } catch (const codec::MediaError&) {
            return n;
        }
    }
    return -1;
}

} // namespace

TEST_CASE("a phone video with a 90 degree display matrix is shown upright", "[gui][rotation]")
{
    const fs::path dir = fs::path(BONDLINE_TEST_DATA_DIR) / "app_gui";
    fs::create_directories(dir);
    std::string err;
    const std::string png = (dir / "rotated90.png").string();
    REQUIRE(render(fixtures::rotatedPath(fixtures::Orientation::Rotate90), 3, png, err) == 0);
    const Image img = loadPng(png);
    // The picture's bounding box in the video panel (inside its frame, above the controls):
    // 240x320 displayed, so taller than wide, where the coded 320x240 would be wider.
    int x0 = img.width, x1 = -1, y0 = img.height, y1 = -1;
    double wx = 0, wy = 0, white = 0;
    for (int y = 10; y < 335; ++y)
        for (int x = 10; x < 790; ++x) {
            const uint8_t* p = img.at(x, y);
            if (p[0] + p[1] + p[2] > 30) {
                x0 = std::min(x0, x);
                x1 = std::max(x1, x);
                y0 = std::min(y0, y);
                y1 = std::max(y1, y);
            }
            if (p[0] > 240 && p[1] > 240 && p[2] > 240) {
                wx += x;
                wy += y;
                ++white;
            }
        }
    INFO("box " << x0 << "," << y0 << " - " << x1 << "," << y1 << ", white " << white);
    REQUIRE(x1 > x0);
    CHECK((y1 - y0) > (x1 - x0));
    // The frame-number squares (the coded top-left band) are where ffmpeg's autorotate
    // puts them for a 90 degree clockwise turn: the top of the right edge.
    (void)wx;
    (void)wy;
    REQUIRE(white > 100);
    auto whiteShare = [&](double fx0, double fy0, double fx1, double fy1) {
        int n = 0, w = 0;
        for (int y = y0 + static_cast<int>(fy0 * (y1 - y0)); y < y0 + static_cast<int>(fy1 * (y1 - y0)); ++y)
            for (int x = x0 + static_cast<int>(fx0 * (x1 - x0)); x < x0 + static_cast<int>(fx1 * (x1 - x0)); ++x, ++n) {
                const uint8_t* p = img.at(x, y);
                w += p[0] > 240 && p[1] > 240 && p[2] > 240;
            }
        return n ? static_cast<double>(w) / n : 0.0;
    };
    // Square 0 (bit 0 of frame 3, white): coded top-left 32x32 -> displayed at the top of
    // the right edge; a 270 degree turn would put it at the bottom of the left edge.
    CHECK(whiteShare(0.89, 0.01, 0.99, 0.09) > 0.9);
    CHECK(whiteShare(0.01, 0.91, 0.11, 0.99) < 0.5);
}

TEST_CASE("a damaged frame: the screenshot fails with a message, stepping goes on past it", "[gui][damage]")
{
    const std::string media = fixtures::path(fixtures::Clip::DamagedTs);
    const int64_t bad = firstDamagedFrame(media);
    if (bad < 0) {
        WARN("this FFmpeg conceals every damaged frame of the fixture: nothing to show");
        return;
    }
    const fs::path dir = fs::path(BONDLINE_TEST_DATA_DIR) / "app_gui";
    std::string err;
    CHECK(render(media, bad, (dir / "damaged.png").string(), err) == 1);
    CHECK(err.find("could not be decoded") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "damaged.png"));
    CHECK(render(media, 3, (dir / "damaged-good.png").string(), err) == 0);

    // Over the real player: the playhead lands on the damaged frame, says so, and steps on.
    Workspace ws;
    auto port = openPlayerPortSilent(media, ws.media);
    ws.media.open = true;
    Controller c(ws, port.get());
    auto settle = [&] {
        const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < end) {
            port->tick();
            c.refresh();
            if (!port->snapshot().busy)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        c.refresh();
    };
    c.apply(SeekToFrame{bad});
    settle();
    CHECK(ws.playhead.frameIndex == bad);
    CHECK(ws.media.presentedDamaged);
    REQUIRE_FALSE(ws.media.damagedFrames.empty());
    CHECK(ws.media.damagedFrames.front() == bad);
    CHECK_FALSE(ws.ui.problems.empty());
    c.apply(Step{+1});
    settle();
    CHECK(ws.playhead.frameIndex == bad + 1);
    c.apply(Step{+1});
    settle();
    CHECK(ws.playhead.frameIndex == bad + 2);
}
