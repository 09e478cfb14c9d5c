#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "codec/thumbnails.h"
#include "tests/codec/audio_fixtures.h"
#include "tests/codec/raw_yuv_source.h"

using namespace codec;

TEST_CASE("keyframe thumbnails are built in the background, one per keyframe", "[thumbnails]")
{
    ThumbnailJob job(std::make_unique<RawYuvSource>(lumaRampMp4(), 64, 48, 40'000, 25), 32);
    std::vector<Thumbnail> all;
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!job.done() && std::chrono::steady_clock::now() < end) {
        for (auto& t : job.takeNew())
            all.push_back(std::move(t));
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    REQUIRE(job.done());
    for (auto& t : job.takeNew())
        all.push_back(std::move(t));
    CHECK(job.progress() == 1.0f);
    REQUIRE(all.size() == 6); // 150 frames, a keyframe every 25
    for (size_t i = 0; i < all.size(); ++i) {
        CAPTURE(i);
        CHECK(all[i].index == static_cast<int64_t>(i) * 25);
        CHECK(all[i].ptsUs == static_cast<int64_t>(i) * 1'000'000);
        CHECK(all[i].width == 32);
        CHECK(all[i].height == 24);
        REQUIRE(all[i].yuv.size() == 32 * 24 * 3 / 2);
        CHECK(all[i].yuv[32 * 12 + 16] == Approx(16 + 25 * i).margin(1)); // the frame's luma
        CHECK(all[i].yuv[32 * 24 + 5] == Approx(128).margin(1));          // neutral chroma
    }
}

TEST_CASE("thumbnail job limits the count and cancels promptly", "[thumbnails]")
{
    {
        ThumbnailJob job(std::make_unique<RawYuvSource>(lumaRampMp4(), 64, 48, 40'000, 25), 32, 3);
        while (!job.done())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        const auto t = job.takeNew();
        REQUIRE(t.size() == 3);
        CHECK(t[0].index == 0);
        CHECK(t[1].index == 50);
        CHECK(t[2].index == 100);
    }
    auto src = std::make_unique<RawYuvSource>(lumaRampMp4(), 64, 48, 40'000, 1);
    ThumbnailJob job(std::move(src), 32);
    job.cancel();
    while (!job.done())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    CHECK(job.takeNew().size() < 150);
    CHECK(makeThumbnail(FrameView{}, 32).yuv.empty());
}
