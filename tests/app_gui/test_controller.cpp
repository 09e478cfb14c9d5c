#include <catch2/catch.hpp>

#include <sstream>

#include "app/gui/controller.h"
#include "app/gui/gui_app.h"
#include "app/gui/key_bindings.h"
#include "app/gui/panels.h"

#include <SDL.h>

using namespace app;

TEST_CASE("speed steps through the table and clamps", "[controller]")
{
    Workspace ws;
    Controller c(ws, nullptr);
    CHECK(ws.play.speed == 1.0);
    c.apply(SpeedStep{+1});
    CHECK(ws.play.speed == 1.25);
    for (int i = 0; i < 20; ++i)
        c.apply(SpeedStep{+1});
    CHECK(ws.play.speed == 8.0);
    for (int i = 0; i < 30; ++i)
        c.apply(SpeedStep{-1});
    CHECK(ws.play.speed == 0.1);
    c.apply(SetSpeed{100.0});
    CHECK(ws.play.speed == 8.0);
    c.apply(SetSpeed{0.0});
    CHECK(ws.play.speed == 0.1);
    CHECK(nextSpeed(1.1, +1) == 1.25);
    CHECK(nextSpeed(1.1, -1) == 1.0);
}

TEST_CASE("transport commands without media change nothing", "[controller]")
{
    Workspace ws;
    Controller c(ws, nullptr);
    CommandQueue q;
    q.push(TogglePlay{});
    q.push(Step{+1});
    q.push(SeekToFrame{10});
    q.push(GoToEnd{});
    c.applyAll(q);
    CHECK(q.empty());
    CHECK_FALSE(ws.play.playing);
    CHECK(ws.playhead.frameIndex == 0);
}

TEST_CASE("UI commands toggle help, dismiss errors and quit", "[controller]")
{
    Workspace ws;
    ws.ui.errorMessage = "x.mp4: cannot open";
    Controller c(ws, nullptr);
    c.apply(ToggleHelp{});
    CHECK(ws.ui.showHelp);
    c.apply(ToggleHelp{});
    CHECK_FALSE(ws.ui.showHelp);
    c.apply(DismissError{});
    CHECK(ws.ui.errorMessage.empty());
    c.apply(SetViewRange{TimelineView{5, 10, 3.0f}});
    CHECK(ws.view == TimelineView{5, 10, 3.0f});
    c.apply(Quit{});
    CHECK(ws.ui.quitRequested);
}

TEST_CASE("key bindings map the documented shortcuts", "[keys]")
{
    auto is = [](std::optional<Command> c, auto type) {
        return c && commandAs<decltype(type)>(*c) != nullptr;
    };
    CHECK(is(commandForKey(SDLK_SPACE, false), TogglePlay{}));
    REQUIRE(is(commandForKey(SDLK_RIGHT, false), Step{}));
    CHECK(commandAs<Step>(*commandForKey(SDLK_RIGHT, false))->delta == 1);
    CHECK(commandAs<Step>(*commandForKey(SDLK_LEFT, false))->delta == -1);
    REQUIRE(is(commandForKey(SDLK_RIGHT, true), StepTime{}));
    CHECK(commandAs<StepTime>(*commandForKey(SDLK_LEFT, true))->deltaUs == -1'000'000);
    CHECK(commandAs<SpeedStep>(*commandForKey(SDLK_RIGHTBRACKET, false))->direction == 1);
    CHECK(commandAs<SpeedStep>(*commandForKey(SDLK_LEFTBRACKET, false))->direction == -1);
    CHECK(is(commandForKey(SDLK_HOME, false), GoToStart{}));
    CHECK(is(commandForKey(SDLK_END, false), GoToEnd{}));
    CHECK(is(commandForKey(SDLK_F1, false), ToggleHelp{}));
    CHECK(is(commandForKey(SDLK_SPACE, true), TogglePlay{})); // no Shift variant: still fires
    CHECK_FALSE(commandForKey(SDLK_a, false));
    CHECK_FALSE(commandForKey(SDLK_q, false)); // quitting needs Shift
    for (const KeyBinding& b : keyBindings()) {
        CAPTURE(b.keys);
        CHECK(commandForKey(b.keycode, b.shift, b.ctrl).has_value());
    }
    // Undo and redo, exactly as the README gives them.
    CHECK(is(commandForKey(SDLK_z, false, true), Undo{}));
    CHECK(is(commandForKey(SDLK_z, true, true), Redo{}));
    CHECK(is(commandForKey(SDLK_y, false, true), Redo{}));
    CHECK_FALSE(commandForKey(SDLK_z, false, false)); // a plain z is a scheme key
    CHECK(is(commandForKey(SDLK_RIGHT, false, true), StepTime{}));
    CHECK(commandAs<StepTime>(*commandForKey(SDLK_RIGHT, false, true))->deltaUs == 5'000'000);
    // A scheme key that is also a transport key is found (a warning when the scheme opens).
    CHECK(transportCollision("]") != nullptr);
    CHECK(transportCollision("g") == nullptr);
}

TEST_CASE("formatTime and status text", "[panels]")
{
    CHECK(formatTime(0) == "00:00:00.000");
    CHECK(formatTime(1'234'567) == "00:00:01.234");
    CHECK(formatTime(3'723'004'000) == "01:02:03.004");
    CHECK(formatTime(-1'500'000) == "-00:00:01.500");
    Workspace ws;
    CHECK(statusText(ws) == "no media open");
    ws.media.open = true;
    ws.media.durationUs = 10'000'000;
    ws.media.frameCount = 250;
    ws.playhead = {31, 1'240'000, false};
    ws.play.speed = 2.0;
    ws.stats.framesDropped = 4;
    const std::string s = statusText(ws);
    CHECK(s.find("00:00:01.240 / 00:00:10.000") != std::string::npos);
    CHECK(s.find("frame 31 / 250") != std::string::npos);
    CHECK(s.find("2.00x") != std::string::npos);
    CHECK(s.find("dropped 4") != std::string::npos);
}

TEST_CASE("bondline argument parsing", "[args]")
{
    std::ostringstream err;
    auto o = parseGuiArgs({"--screenshot", "a.png", "--frames", "5", "--seek-frame", "12", "--size",
                           "640x360", "clip.mp4"},
                          err);
    REQUIRE(o);
    CHECK(o->screenshotPath == "a.png");
    CHECK(o->screenshotFrames == 5);
    CHECK(o->seekFrame == 12);
    CHECK(o->width == 640);
    CHECK(o->height == 360);
    CHECK(o->mediaPath == "clip.mp4");
    CHECK(parseGuiArgs({}, err)->mediaPath.empty());
    CHECK(parseGuiArgs({"--help"}, err)->help);
    for (auto bad : std::vector<std::vector<std::string>>{
             {"--frames"}, {"--frames", "x"}, {"--seek-frame", "-3"}, {"--size", "10x10"},
             {"--bogus"}, {"a.mp4", "b.mp4"}}) {
        std::ostringstream e;
        CAPTURE(bad);
        CHECK_FALSE(parseGuiArgs(bad, e));
        const std::string msg = e.str();
        CHECK(msg.rfind("bondline: ", 0) == 0);
        CHECK(std::count(msg.begin(), msg.end(), '\n') == 1);
    }
}
