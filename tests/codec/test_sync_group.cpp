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
    // media = session + offset: the second file starts 1 s into the session, the third
    // 0.4 s before it.
    for (int64_t offset : {0LL, -1'000'000LL, 400'000LL}) {
        SyncMember m;
        m.source = std::make_unique<RawYuvSource>(lumaRampMp4(), 64, 48, 40'000, 25);
        m.offset = SyncOffset{offset};
        m.options.nowUs = [&now] { return now.load(); };
        members.push_back(std::move(m));
    }
    SyncGroup g(std::move(members));
    REQUIRE(g.size() == 3);
    g.seekSession(SessionUs{2'000'000});
    REQUIRE(g.waitIdle(10'000));
    CHECK(g.player(0).presented().index == 50); // file t = 2.0 s
    CHECK(g.player(1).presented().index == 25); // file t = 1.0 s
    CHECK(g.player(2).presented().index == 60); // file t = 2.4 s
    CHECK(g.sessionClock() == SessionUs{2'000'000});

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
    CHECK(g.sessionClock() == SessionUs{2'400'000});
    CHECK(g.player(0).presented().index == 60);
    CHECK(g.player(1).presented().index == 35);
    CHECK(g.player(2).presented().index == 70);
    g.pause();
    CHECK_FALSE(g.player(1).playing());

    // A session time before a member's start shows that member's first frame.
    g.seekSession(SessionUs{500'000});
    REQUIRE(g.waitIdle(10'000));
    CHECK(g.player(1).presented().index == 0);
    CHECK(g.player(0).presented().index == 12);
    CHECK(g.player(2).presented().index == 22);
}

TEST_CASE("one convention for the sync offset: media = session + offset", "[sync][timebase]")
{
    // A camera whose recording started 3 s before the session clock's zero shows session
    // time 0 at its own 3 s; the reverse conversion gives the time back.
    constexpr SyncOffset early{3'000'000};
    static_assert(toMedia(SessionUs{0}, early) == MediaUs{3'000'000});
    static_assert(toSession(MediaUs{3'000'000}, early) == SessionUs{0});
    for (int64_t t : {-5'000'000LL, 0LL, 1LL, 123'456'789LL})
        for (int64_t o : {-2'500'000LL, 0LL, 40'000LL})
            CHECK(toSession(toMedia(SessionUs{t}, SyncOffset{o}), SyncOffset{o}) == SessionUs{t});
    // The project's Media::offsetUs has the same meaning (projects/model.h).
    CHECK(toMedia(SessionUs{1'000'000}, SyncOffset{-250'000}) == MediaUs{750'000});
}
