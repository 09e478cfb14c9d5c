#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "app/gui/controller.h"
#include "app/gui/player_port.h"
#include "tests/codec/audio_fixtures.h"
#include "tests/codec/raw_yuv_source.h"

using namespace app;

namespace {
// Refresh until the port is idle (seek landed) with a frame presented, or 10 s passed.
// (Right after opening no seek is in flight yet the first frame may still be decoding.)
void settle(Controller& c, MediaPort& port)
{
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < end) {
        port.tick();
        c.refresh();
        const PortSnapshot s = port.snapshot();
        if (!s.busy && s.width > 0) {
            c.refresh(); // what the snapshot shows, in the workspace
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}
} // namespace

TEST_CASE("controller drives the real player through the port", "[controller][player]")
{
    Workspace ws;
    PortOptions po;
    po.audio = false;
    auto port = makePlayerPort(std::make_unique<RawYuvSource>(lumaRampMp4(), 64, 48, 40'000, 25), po, ws.media);
    ws.media.open = true;
    CHECK(ws.media.frameCount == 150);
    CHECK(ws.media.durationUs == 6'000'000);
    Controller c(ws, port.get());
    settle(c, *port);
    CHECK(ws.media.width == 64);
    CHECK(ws.media.height == 48);

    c.apply(SeekToFrame{40});
    CHECK(ws.playhead.frameIndex == 40); // optimistic, before the frame arrives
    settle(c, *port);
    CHECK(ws.playhead.frameIndex == 40);
    CHECK(ws.playhead.timeUs == 1'600'000);
    auto img = port->presentedImage();
    REQUIRE(img);
    CHECK(img->frameIndex == 40);
    CHECK(img->planes[0][0] == Approx(16 + 40).margin(1));

    for (int i = 0; i < 3; ++i)
        c.apply(Step{-1});
    CHECK(ws.playhead.frameIndex == 37);
    settle(c, *port);
    CHECK(port->presentedImage()->frameIndex == 37);

    c.apply(StepTime{+1'000'000});
    settle(c, *port);
    CHECK(ws.playhead.frameIndex == 62);

    c.apply(ScrubToTime{2'500'000}); // frame 62 -> keyframe 50 on screen, playhead stays at 62
    CHECK(ws.playhead.scrubbing);
    settle(c, *port);
    CHECK(port->presentedImage()->frameIndex == 50);
    CHECK(ws.playhead.frameIndex == 62);
    c.apply(EndScrub{2'520'000});
    CHECK_FALSE(ws.playhead.scrubbing);
    settle(c, *port);
    CHECK(ws.playhead.frameIndex == 63);
    CHECK(port->presentedImage()->frameIndex == 63);

    c.apply(GoToEnd{});
    settle(c, *port);
    CHECK(ws.playhead.frameIndex == 149);
    c.apply(TogglePlay{}); // at the end: restart from the first frame and play
    CHECK(ws.play.playing);
    settle(c, *port);
    CHECK(port->snapshot().playing);
    CHECK(ws.playhead.frameIndex < 149);
    c.apply(Step{+1}); // stepping pauses
    CHECK_FALSE(ws.play.playing);
    settle(c, *port);
    CHECK_FALSE(port->snapshot().playing);
}
