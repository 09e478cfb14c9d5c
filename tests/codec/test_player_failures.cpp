// Failures inside the Player's and ThumbnailJob's worker threads (issue 10: no exception
// leaves a worker; the window reads one snapshot) and damaged frames (shown at their own
// position, flagged, and stepped past).
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "codec/media_error.h"
#include "codec/player.h"
#include "codec/thumbnails.h"
#include "codec/video_decoder.h"
#include "codec/video_frame_source.h"
#include "tests/codec/audio_fixtures.h"
#include "tests/codec/media_fixtures.h"
#include "tests/codec/raw_yuv_source.h"

using namespace codec;

namespace {

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

// A source whose decoder throws (not a MediaError: anything) on some frames.
class ThrowingSource : public RawYuvSource {
public:
    ThrowingSource() : RawYuvSource(lumaRampMp4(), 64, 48, 40'000, 25) {}
    std::vector<int64_t> bad{5, 6};
    bool throwOnPreview = false;
    FrameView frame(int64_t index, const std::atomic<bool>& cancel) override
    {
        if (std::find(bad.begin(), bad.end(), index) != bad.end())
            throw std::runtime_error("test: frame " + std::to_string(index) + " exploded");
        return RawYuvSource::frame(index, cancel);
    }
    FrameView preview(int64_t index) override
    {
        if (throwOnPreview && index > 0)
            throw std::runtime_error("test: preview exploded");
        return RawYuvSource::preview(index);
    }
};

} // namespace

TEST_CASE("a decoder that throws leaves the player working: the frame is shown damaged at its place", "[player][failures]")
{
    Player p(std::make_unique<ThrowingSource>());
    REQUIRE(p.waitIdle(10'000));
    p.seek(4, SeekMode::Exact);
    REQUIRE(p.waitIdle(10'000));
    p.step(+1); // onto the frame that throws
    REQUIRE(p.waitIdle(10'000));
    PlayerSnapshot s = p.snapshot();
    CHECK(s.presented.index == 5);
    CHECK(s.frameIndex == 5);
    CHECK(s.presented.damaged);
    CHECK(s.presented.ptsUs == 200'000);
    CHECK(lumaOf(s.presented) == Approx(16 + 4).margin(1)); // the last good picture
    // Decoding ahead may have met frame 6 already.
    REQUIRE_FALSE(s.damagedFrames.empty());
    CHECK(s.damagedFrames.front() == 5);
    REQUIRE_FALSE(s.errors.empty());
    CHECK(s.errors[0] == "test: frame 5 exploded");
    CHECK(s.errorCount == s.errors.size());
    // Stepping goes on past the damage (frame 6 too, then 7 decodes).
    p.step(+1);
    REQUIRE(p.waitIdle(10'000));
    CHECK(p.snapshot().presented.index == 6);
    CHECK(p.snapshot().presented.damaged);
    p.step(+1);
    REQUIRE(p.waitIdle(10'000));
    s = p.snapshot();
    CHECK(s.presented.index == 7);
    CHECK_FALSE(s.presented.damaged);
    CHECK(lumaOf(s.presented) == Approx(16 + 7).margin(1));
    CHECK(s.damagedFrames == std::vector<int64_t>{5, 6});
    // Backwards over it too.
    p.step(-2);
    REQUIRE(p.waitIdle(10'000));
    CHECK(p.snapshot().presented.index == 5);
    CHECK(p.snapshot().errorCount == 2); // a frame already known damaged is not reported again
}

TEST_CASE("playback plays over frames that cannot be decoded", "[player][failures]")
{
    auto src = std::make_unique<ThrowingSource>();
    src->bad = {30, 31, 32};
    std::atomic<int64_t> now{1'000'000'000};
    PlayerOptions opt;
    opt.nowUs = [&now] { return now.load(); };
    Player p(std::move(src), opt);
    REQUIRE(p.waitIdle(10'000));
    p.seek(25, SeekMode::Exact);
    REQUIRE(p.waitIdle(10'000));
    p.play();
    for (int i = 0; i < 400 && p.snapshot().presented.index < 40; ++i) {
        now += 10'000;
        p.tick();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    const PlayerSnapshot s = p.snapshot();
    CHECK(s.presented.index >= 40);
    CHECK(s.damagedFrames == std::vector<int64_t>{30, 31, 32});
}

TEST_CASE("an audio worker failure becomes an error; video and the wall clock go on", "[player][failures][audio]")
{
    PlayerOptions opt;
    opt.audioPath = lumaRampMp4();
    // Sample rate 0 ("keep the source's") is accepted by AudioDecoder but not by the
    // tempo filter, which throws as soon as playback at 2x starts.
    opt.audioSpec = AudioSpec{0, 2, SampleFormat::F32};
    Player p(std::make_unique<RawYuvSource>(lumaRampMp4(), 64, 48, 40'000, 25), opt);
    REQUIRE(p.hasAudio());
    REQUIRE(p.waitIdle(10'000));
    p.setSpeed(2.0);
    p.play();
    REQUIRE(eventually([&] { return p.snapshot().audioFailed; }));
    const PlayerSnapshot s = p.snapshot();
    REQUIRE(s.errors.size() == 1);
    CHECK(s.errors[0].rfind("audio stopped: audio tempo:", 0) == 0);
    CHECK(eventually([&] {
        p.tick();
        return p.snapshot().presented.index > 2;
    }));
    p.pause();
    p.seek(100, SeekMode::Exact);
    REQUIRE(p.waitIdle(10'000));
    CHECK(p.snapshot().presented.index == 100);
}

TEST_CASE("the snapshot agrees with the single getters", "[player]")
{
    Player p(std::make_unique<RawYuvSource>(lumaRampMp4(), 64, 48, 40'000, 25));
    REQUIRE(p.waitIdle(10'000));
    p.seek(42, SeekMode::Exact);
    const PlayerSnapshot busy = p.snapshot();
    if (busy.busy)
        CHECK(busy.frameIndex == 42); // the target while in flight
    REQUIRE(p.waitIdle(10'000));
    const PlayerSnapshot s = p.snapshot();
    CHECK_FALSE(s.busy);
    CHECK(s.presented.index == p.presented().index);
    CHECK(s.frameIndex == 42);
    CHECK(s.targetIndex == p.targetIndex());
    CHECK(s.presentedSerial == p.presentedSerial());
    CHECK(s.clockUs == p.clockUs());
    CHECK(s.playing == p.playing());
    CHECK(s.speed == p.speed());
    CHECK(s.errors.empty());
    CHECK(s.damagedFrames.empty());
}

TEST_CASE("a thumbnail source that throws ends the job with an error, never the process", "[thumbnails][failures]")
{
    auto src = std::make_unique<ThrowingSource>();
    src->throwOnPreview = true;
    ThumbnailJob job(std::move(src), 32);
    REQUIRE(eventually([&] { return job.done(); }));
    CHECK(job.error() == "thumbnails stopped: test: preview exploded");
    const auto t = job.takeNew();
    REQUIRE(t.size() == 1); // keyframe 0 came before the failure
    CHECK(t[0].index == 0);
}

TEST_CASE("damaged frames of a real file: reported, shown at their time, stepped past", "[player][failures][codec]")
{
    const std::string path = fixtures::path(fixtures::Clip::DamagedTs);
    // Find a frame the decoder cannot give (damaged data) and one that decodes after it.
    int64_t bad = -1, count = 0;
    {
        VideoDecoder dec(path);
        count = dec.frameCount();
        for (int64_t n = 0; n < count && bad < 0; ++n) {
            try {
                (void)dec.frameAt(n);
            } catch (const MediaError& e) {
                REQUIRE(e.kind() == MediaError::Kind::DecodeFailed);
                bad = n;
            }
        }
    }
    REQUIRE(bad > 0);
    auto source = std::make_unique<VideoFrameSource>(path);
    const int64_t badPts = source->ptsOf(bad);
    Player p(std::move(source));
    REQUIRE(p.waitIdle(10'000));
    p.seek(bad, SeekMode::Exact);
    REQUIRE(p.waitIdle(20'000));
    PlayerSnapshot s = p.snapshot();
    CHECK(s.presented.index == bad); // not the frame shown before the seek
    CHECK(s.presented.ptsUs == badPts);
    CHECK(s.presented.damaged);
    REQUIRE_FALSE(s.errors.empty());
    CHECK(s.errors.back().find(path) != std::string::npos);
    CHECK(s.errors.back().find("frame " + std::to_string(bad)) != std::string::npos);
    CHECK(std::find(s.damagedFrames.begin(), s.damagedFrames.end(), bad) != s.damagedFrames.end());
    // Each step advances by one frame, damaged or not, until the end of the file.
    int64_t at = bad;
    for (int i = 0; i < 40 && at + 1 < count; ++i) {
        p.step(+1);
        REQUIRE(p.waitIdle(20'000));
        s = p.snapshot();
        CHECK(s.presented.index == at + 1);
        at = s.presented.index;
    }
    CHECK(at > bad + 1);
}
