#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "codec/player.h"
#include "tests/codec/audio_fixtures.h"
#include "tests/codec/raw_yuv_source.h"

using namespace codec;

namespace {

struct FakeClock {
    std::atomic<int64_t> us{1'000'000'000};
    std::function<int64_t()> fn() { return [this] { return us.load(); }; }
};

std::unique_ptr<RawYuvSource> rampSource(int decodeCostUs = 0)
{
    auto s = std::make_unique<RawYuvSource>(lumaRampMp4(), 64, 48, 40'000, 25);
    s->decodeCostUs = decodeCostUs;
    return s;
}

// Poll `pred` for up to 10 s (generous: the machine is shared; never reached when correct).
template <class P>
bool eventually(P pred)
{
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < end) {
        if (pred())
            return true;
        std::this_thread::sleep_for(std::chrono::microseconds(300));
    }
    return pred();
}

} // namespace

TEST_CASE("player presents the first frame after open", "[player]")
{
    Player p(rampSource());
    REQUIRE(p.waitIdle(10'000));
    const FrameView f = p.presented();
    REQUIRE(f);
    CHECK(f.index == 0);
    CHECK(lumaOf(f) == Approx(16).margin(1));
    CHECK_FALSE(p.playing());
}

TEST_CASE("seeks coalesce: the last one wins and superseded decodes are cancelled", "[player]")
{
    auto src = rampSource(20'000); // 20 ms per exact frame
    RawYuvSource* s = src.get();
    Player p(std::move(src));
    REQUIRE(p.waitIdle(10'000));
    const int before = s->exactCalls.load();
    for (int i = 1; i <= 60; ++i)
        p.seek(i, SeekMode::Exact);
    CHECK(p.busy());
    REQUIRE(p.waitIdle(10'000));
    const FrameView f = p.presented();
    CHECK(f.index == 60);
    CHECK(lumaOf(f) == Approx(16 + 60).margin(1));
    CHECK(p.presentedSerial() >= 61);
    // 60 requests in well under 20 ms: at most the first (cancelled) and the last ran.
    CHECK(s->exactCalls.load() - before <= 3);
    CHECK(p.stats().exactSeeks <= 3); // counts the initial frame 0 and the final seek
}

TEST_CASE("scrubbing shows keyframes, release lands on the exact frame", "[player]")
{
    Player p(rampSource(2'000));
    REQUIRE(p.waitIdle(10'000));
    for (int64_t i : {10, 30, 57, 80}) {
        p.seek(i, SeekMode::Preview);
        REQUIRE(p.waitIdle(10'000));
        CHECK(p.presented().index == i / 25 * 25); // the keyframe at or before
    }
    p.seek(57, SeekMode::Exact); // pointer released
    REQUIRE(p.waitIdle(10'000));
    CHECK(p.presented().index == 57);
    CHECK(lumaOf(p.presented()) == Approx(16 + 57).margin(1));
    CHECK(p.stats().previews >= 1);
}

TEST_CASE("stepping forward uses the decode-ahead queue; backward seeks exactly", "[player]")
{
    auto src = rampSource();
    RawYuvSource* s = src.get();
    Player p(std::move(src));
    REQUIRE(p.waitIdle(10'000));
    REQUIRE(eventually([&] { return p.stats().queuedFrames >= 3; }));
    const int calls = s->exactCalls.load();
    p.step(+1);
    CHECK_FALSE(p.busy()); // served from the queue, instantly
    CHECK(p.presented().index == 1);
    p.step(+1);
    CHECK(p.presented().index == 2);
    CHECK(s->exactCalls.load() - calls <= 2); // only refills of the queue, no re-decode
    p.step(-1);
    REQUIRE(p.waitIdle(10'000));
    CHECK(p.presented().index == 1);
    CHECK(lumaOf(p.presented()) == Approx(17).margin(1));
    p.step(-5); // clamps at 0
    REQUIRE(p.waitIdle(10'000));
    CHECK(p.presented().index == 0);
    p.seek(149, SeekMode::Exact);
    REQUIRE(p.waitIdle(10'000));
    p.step(+1); // clamps at the last frame
    REQUIRE(p.waitIdle(10'000));
    CHECK(p.presented().index == 149);
}

TEST_CASE("playback advances at the set speed on a fake clock", "[player]")
{
    for (double speed : {1.0, 2.0, 4.0, 0.5}) {
        CAPTURE(speed);
        FakeClock clock;
        PlayerOptions opt;
        opt.nowUs = clock.fn();
        opt.queueFrames = 8;
        Player p(rampSource(), opt);
        REQUIRE(p.waitIdle(10'000));
        p.setSpeed(speed);
        p.play();
        // 25 UI ticks of 40 ms = 1 s of wall time; wait for the decoder before each tick so
        // the test measures the clock, not the machine.
        for (int t = 0; t < 25; ++t) {
            clock.us += 40'000;
            const int64_t due = static_cast<int64_t>((t + 1) * 40'000 * speed) / 40'000;
            REQUIRE(eventually([&] {
                const auto st = p.stats();
                return st.queuedFrames >= 6 || p.presented().index + st.queuedFrames >= due;
            }));
            p.tick();
        }
        const int64_t expected = static_cast<int64_t>(25 * speed);
        CHECK(p.presented().index == expected);
        CHECK(p.clockUs() == static_cast<int64_t>(1'000'000 * speed));
        const PlayerStats st = p.stats();
        // Each 40 ms tick shows one frame; at speed s, s frames fall due per tick and the
        // others are dropped (a 25 Hz display of 25*s frames per second).
        CHECK(st.framesShown == std::min<int64_t>(25, expected));
        CHECK(st.framesDropped == std::max<int64_t>(0, expected - 25));
        CHECK(st.framesLate == 0);
        CHECK(p.playing());
    }
}

TEST_CASE("a slow display counts dropped and late frames; playback stops at the end", "[player]")
{
    FakeClock clock;
    PlayerOptions opt;
    opt.nowUs = clock.fn();
    Player p(rampSource(), opt);
    REQUIRE(p.waitIdle(10'000));
    p.play();
    REQUIRE(eventually([&] { return p.stats().queuedFrames >= 8; }));
    clock.us += 200'000; // the UI stalled for 5 frame periods
    p.tick();
    CHECK(p.presented().index == 5);
    CHECK(p.stats().framesDropped == 4);
    // Run to the end quickly.
    for (int t = 0; t < 400 && p.playing(); ++t) {
        clock.us += 40'000;
        eventually([&] { return p.stats().queuedFrames >= 1 || p.presented().index >= 149; });
        p.tick();
    }
    CHECK_FALSE(p.playing());
    CHECK(p.atEnd());
    CHECK(p.presented().index == 149);
}

TEST_CASE("a seek during playback restarts the clock at the new frame", "[player]")
{
    FakeClock clock;
    PlayerOptions opt;
    opt.nowUs = clock.fn();
    Player p(rampSource(), opt);
    REQUIRE(p.waitIdle(10'000));
    p.play();
    p.seek(100, SeekMode::Exact);
    REQUIRE(p.waitIdle(10'000));
    CHECK(p.presented().index == 100);
    CHECK(p.clockUs() == 4'000'000);
    REQUIRE(eventually([&] { return p.stats().queuedFrames >= 2; }));
    clock.us += 40'000;
    p.tick();
    CHECK(p.presented().index == 101);
    p.step(-1); // stepping pauses
    CHECK_FALSE(p.playing());
    REQUIRE(p.waitIdle(10'000));
    CHECK(p.presented().index == 100);
}

TEST_CASE("audio drives the playback clock, stretched by the speed", "[player][audio]")
{
    for (double speed : {1.0, 2.0}) {
        CAPTURE(speed);
        FakeClock clock; // frozen: only the audio callback can advance the clock
        PlayerOptions opt;
        opt.nowUs = clock.fn();
        opt.audioPath = lumaRampMp4();
        opt.audioSpec = AudioSpec{48000, 2, SampleFormat::F32};
        Player p(rampSource(), opt);
        REQUIRE(p.hasAudio());
        REQUIRE(p.waitIdle(10'000));
        p.setSpeed(speed);
        std::vector<uint8_t> buf(1024 * 8);
        p.readAudio(buf.data(), static_cast<int>(buf.size())); // paused: silence, no clock
        CHECK(std::all_of(buf.begin(), buf.end(), [](uint8_t b) { return b == 0; }));
        p.play();
        int callbacks = 0;
        float peak = 0;
        for (; callbacks < 48; ++callbacks) {
            REQUIRE(eventually([&] { return p.audioBufferedFrames() >= 1024; }));
            p.readAudio(buf.data(), static_cast<int>(buf.size()));
            const float* f = reinterpret_cast<const float*>(buf.data());
            for (int i = 0; i < 2048; ++i)
                peak = std::max(peak, std::abs(f[i]));
        }
        CHECK(peak > 0.05f); // real samples reached the device
        // 47 callbacks before the last one, each 1024 frames at 48 kHz, times the speed.
        const double expectUs = 47 * 1024 / 48000.0 * 1e6 * speed;
        CHECK(static_cast<double>(p.clockUs()) == Approx(expectUs).epsilon(0.01));
        // The video catches up with the audio clock (frames in between count as dropped).
        const int64_t due = p.source().indexAt(p.clockUs());
        CHECK(eventually([&] {
            p.tick();
            return p.presented().index == due;
        }));
        CHECK(p.stats().framesDropped > 0);
    }
}
