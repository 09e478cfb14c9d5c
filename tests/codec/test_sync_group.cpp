#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "codec/sync_group.h"
#include "tests/codec/audio_fixtures.h"
#include "tests/codec/raw_yuv_source.h"

using namespace codec;

TEST_CASE("files of one session seek and play in sync with their offsets", "[sync]")
{
    std::atomic<int64_t> now{5'000'000};
    std::vector<SyncMember> members;
    for (int64_t offset : {0LL, 1'000'000LL, -400'000LL}) {
        SyncMember m;
        m.source = std::make_unique<RawYuvSource>(lumaRampMp4(), 64, 48, 40'000, 25);
        m.offsetUs = offset;
        m.options.nowUs = [&now] { return now.load(); };
        members.push_back(std::move(m));
    }
    SyncGroup g(std::move(members));
    REQUIRE(g.size() == 3);
    g.seekSession(2'000'000);
    REQUIRE(g.waitIdle(10'000));
    CHECK(g.player(0).presented().index == 50); // file t = 2.0 s
    CHECK(g.player(1).presented().index == 25); // file t = 1.0 s
    CHECK(g.player(2).presented().index == 60); // file t = 2.4 s
    CHECK(g.sessionClockUs() == 2'000'000);

    g.play();
    for (int t = 0; t < 10; ++t) {
        now += 40'000;
        const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < end) {
            bool ready = true;
            for (size_t i = 0; i < g.size(); ++i)
                ready &= g.player(i).stats().queuedFrames >= 2;
            if (ready)
                break;
            std::this_thread::sleep_for(std::chrono::microseconds(300));
        }
        g.tick();
    }
    CHECK(g.sessionClockUs() == 2'400'000);
    CHECK(g.player(0).presented().index == 60);
    CHECK(g.player(1).presented().index == 35);
    CHECK(g.player(2).presented().index == 70);
    g.pause();
    CHECK_FALSE(g.player(1).playing());

    // A session time before a member's start shows that member's first frame.
    g.seekSession(500'000);
    REQUIRE(g.waitIdle(10'000));
    CHECK(g.player(1).presented().index == 0);
    CHECK(g.player(0).presented().index == 12);
    CHECK(g.player(2).presented().index == 22);
}
