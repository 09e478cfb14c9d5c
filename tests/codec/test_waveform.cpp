#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "codec/media_error.h"
#include "codec/waveform.h"
#include "tests/codec/audio_fixtures.h"

using namespace codec;

TEST_CASE("waveform peaks show where the sound is, at every zoom", "[waveform]")
{
    const std::string wav = halfSilentWav(4.0);
    std::atomic<float> progress{0};
    const auto wf = buildWaveform(wav, WaveformOptions{64, 4, 16}, &progress);
    REQUIRE(wf);
    CHECK(progress.load() == 1.0f);
    CHECK(wf->sampleRate == 8000);
    CHECK(wf->sampleCount == 32000);
    CHECK(wf->durationUs() == 4'000'000);
    REQUIRE(wf->levels.size() == 3); // 500, 125 and 32 peaks
    CHECK(wf->levels[0].samplesPerPeak == 64);
    CHECK(wf->levels[1].samplesPerPeak == 256);
    CHECK(wf->levels[2].peaks.size() == 32);
    for (int cols : {8, 40, 400, 3000}) {
        CAPTURE(cols);
        const auto c = wf->columns(0, 4'000'000, cols);
        REQUIRE(static_cast<int>(c.size()) == cols);
        // Columns clearly in the silent half are flat; columns clearly in the tone reach ±0.5.
        for (int i = 0; i < cols; ++i) {
            const double a = static_cast<double>(i) / cols, b = static_cast<double>(i + 1) / cols;
            CAPTURE(i);
            if (b <= 0.49) { // a column may include one boundary peak (64 samples = 8 ms)
                CHECK(c[i].max < 0.01f);
                CHECK(c[i].min > -0.01f);
            }
            if (a >= 0.51 && cols <= 400) { // a column spans ≥ 1 period of 440 Hz
                CHECK(c[i].max == Approx(0.5).margin(0.02));
                CHECK(c[i].min == Approx(-0.5).margin(0.02));
            }
        }
    }
    // A zoomed-in window entirely inside the tone.
    for (const MinMax& m : wf->columns(3'000'000, 3'100'000, 10))
        CHECK(m.max > 0.3f);
    // Outside the audio: zeros, no crash.
    for (const MinMax& m : wf->columns(5'000'000, 6'000'000, 10))
        CHECK((m.min == 0.0f && m.max == 0.0f));
    CHECK(wf->columns(0, 0, 10).size() == 10);
    CHECK(wf->columns(0, 1000, 0).empty());
}

TEST_CASE("coarser levels are exactly the envelope of finer ones", "[waveform]")
{
    const auto wf = buildWaveform(sineWav(440, 2.0, 44100, 1), WaveformOptions{64, 4, 16});
    REQUIRE(wf);
    for (size_t l = 1; l < wf->levels.size(); ++l) {
        const auto& fine = wf->levels[l - 1].peaks;
        const auto& coarse = wf->levels[l].peaks;
        CHECK(coarse.size() == (fine.size() + 3) / 4);
        for (size_t i = 0; i < coarse.size(); ++i) {
            float mn = 1, mx = -1;
            for (size_t j = i * 4; j < std::min(fine.size(), i * 4 + 4); ++j) {
                mn = std::min(mn, fine[j].min);
                mx = std::max(mx, fine[j].max);
            }
            CHECK(coarse[i].min == mn);
            CHECK(coarse[i].max == mx);
        }
    }
}

TEST_CASE("waveform job runs in the background and can be cancelled", "[waveform]")
{
    const std::string wav = sineWav(440, 2.0, 44100, 1);
    {
        WaveformJob job(wav);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (!job.done() && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        REQUIRE(job.done());
        REQUIRE(job.result());
        CHECK(job.progress() == 1.0f);
        CHECK(job.error().empty());
        CHECK(job.result()->sampleCount == Approx(88200).margin(10));
    }
    {
        WaveformJob job(wav);
        job.cancel();
        // The destructor joins; either it finished before seeing the flag or it was cancelled.
    }
    WaveformJob bad("/nonexistent/audio.wav");
    while (!bad.done())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    CHECK_FALSE(bad.result());
    CHECK(bad.error().rfind("/nonexistent/audio.wav: ", 0) == 0);
}
