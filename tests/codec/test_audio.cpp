#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "codec/audio_decoder.h"
#include "codec/audio_tempo.h"
#include "codec/media_error.h"
#include "tests/codec/audio_fixtures.h"

using namespace codec;

namespace {

std::vector<float> decodeAll(AudioDecoder& d, int64_t* firstPts = nullptr)
{
    std::vector<float> s;
    AudioChunk c;
    bool first = true;
    while (d.read(c)) {
        if (first && firstPts)
            *firstPts = c.ptsUs;
        first = false;
        const size_t n = c.data.size() / sizeof(float);
        const size_t old = s.size();
        s.resize(old + n);
        std::memcpy(s.data() + old, c.data.data(), c.data.size());
    }
    return s;
}

// Frequency of channel 0 from its rising zero crossings (ignores the first/last 10 %).
double frequencyOf(const std::vector<float>& interleaved, int channels, int rate)
{
    const size_t frames = interleaved.size() / channels;
    const size_t a = frames / 10, b = frames - frames / 10;
    size_t first = 0, last = 0, count = 0;
    for (size_t i = a + 1; i < b; ++i) {
        if (interleaved[(i - 1) * channels] < 0 && interleaved[i * channels] >= 0) {
            if (count == 0)
                first = i;
            last = i;
            ++count;
        }
    }
    if (count < 2)
        return 0;
    return static_cast<double>(count - 1) * rate / static_cast<double>(last - first);
}

} // namespace

TEST_CASE("audio decodes and resamples to the device format", "[audio]")
{
    const std::string wav = sineWav(440, 2.0, 44100, 1);
    AudioDecoder d(wav, AudioSpec{48000, 2, SampleFormat::F32});
    CHECK(d.sourceSampleRate() == 44100);
    CHECK(d.sourceChannels() == 1);
    CHECK(d.durationUs() == Approx(2'000'000).margin(30'000));
    int64_t pts = -1;
    const auto s = decodeAll(d, &pts);
    CHECK(pts == 0);
    const size_t frames = s.size() / 2;
    CHECK(static_cast<double>(frames) == Approx(96000).margin(200));
    CHECK(frequencyOf(s, 2, 48000) == Approx(440).epsilon(0.01));
    // Mono upmixed to stereo: both channels carry the signal.
    CHECK(std::abs(s[2 * 1000] - s[2 * 1000 + 1]) < 1e-3);
}

TEST_CASE("S16 output has the right size and signal", "[audio]")
{
    const std::string wav = sineWav(440, 1.0, 48000, 2);
    AudioDecoder d(wav, AudioSpec{44100, 1, SampleFormat::S16});
    AudioChunk c;
    size_t bytes = 0;
    int16_t peak = 0;
    while (d.read(c)) {
        bytes += c.data.size();
        for (size_t i = 0; i + 1 < c.data.size(); i += 2) {
            int16_t v;
            std::memcpy(&v, &c.data[i], 2);
            peak = std::max<int16_t>(peak, static_cast<int16_t>(std::abs(v)));
        }
    }
    CHECK(static_cast<double>(bytes / 2) == Approx(44100).margin(100));
    CHECK(peak > 1000);
}

TEST_CASE("audio seek starts at the requested sample", "[audio]")
{
    const std::string wav = sineWav(440, 2.0, 44100, 1);
    AudioDecoder d(wav, AudioSpec{48000, 1, SampleFormat::F32});
    for (int64_t t : {1'500'000, 250'000, 0, 1'999'000}) {
        CAPTURE(t);
        d.seek(t);
        int64_t pts = -1;
        const auto s = decodeAll(d, &pts);
        CHECK(std::abs(pts - t) <= 100); // within ~5 samples
        CHECK(static_cast<double>(s.size()) == Approx((2'000'000 - t) * 48000 / 1e6).margin(200));
    }
}

TEST_CASE("atempo stages stay in 0.5..2 and multiply to the speed", "[audio][tempo]")
{
    for (double sp : {0.1, 0.25, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 6.5, 8.0}) {
        CAPTURE(sp);
        double prod = 1.0;
        for (double f : AudioTempo::stages(sp)) {
            CHECK(f >= 0.5 - 1e-12);
            CHECK(f <= 2.0 + 1e-12);
            prod *= f;
        }
        CHECK(prod == Approx(sp).epsilon(1e-9));
    }
    CHECK(AudioTempo::stages(0.01).size() == AudioTempo::stages(0.1).size()); // clamped
}

TEST_CASE("atempo changes duration by 1/speed and keeps the pitch", "[audio][tempo]")
{
    const std::string wav = sineWav(440, 4.0, 48000, 1);
    const AudioSpec spec{48000, 2, SampleFormat::F32};
    for (double speed : {0.5, 2.0, 4.0, 0.25}) {
        CAPTURE(speed);
        AudioDecoder d(wav, spec);
        AudioTempo tempo(spec, speed);
        std::vector<uint8_t> out;
        AudioChunk c;
        size_t inFrames = 0;
        while (d.read(c)) {
            inFrames += c.frames;
            tempo.process(c.data.data(), c.frames, out);
        }
        tempo.flush(out);
        const size_t outFrames = out.size() / spec.bytesPerFrame();
        CHECK(static_cast<double>(outFrames) == Approx(inFrames / speed).epsilon(0.03));
        std::vector<float> s(out.size() / sizeof(float));
        std::memcpy(s.data(), out.data(), s.size() * sizeof(float));
        CHECK(frequencyOf(s, 2, 48000) == Approx(440).epsilon(0.02)); // pitch preserved
    }
}

TEST_CASE("atempo reset drops buffered audio", "[audio][tempo]")
{
    const AudioSpec spec{48000, 1, SampleFormat::F32};
    AudioTempo tempo(spec, 2.0);
    std::vector<float> ones(48000, 0.5f);
    std::vector<uint8_t> out;
    tempo.process(reinterpret_cast<const uint8_t*>(ones.data()), 48000, out);
    tempo.reset();
    std::vector<uint8_t> after;
    tempo.flush(after);
    CHECK(after.size() < 4800 * sizeof(float)); // nothing of the earlier second remains
}

TEST_CASE("bad audio input gives a one-line MediaError", "[audio][errors]")
{
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(BONDLINE_TEST_DATA_DIR) / "codec_audio";
    fs::create_directories(dir);
    const fs::path empty = dir / "zero.wav";
    std::ofstream(empty).close();
    const fs::path text = dir / "text.wav";
    std::ofstream(text) << "this is not audio\n";
    for (const fs::path& p : {empty, text, dir / "missing.wav"}) {
        CAPTURE(p);
        try {
            AudioDecoder d(p.string(), AudioSpec{});
            FAIL("no exception");
        } catch (const MediaError& e) {
            const std::string m = e.what();
            CHECK(m.rfind(p.string() + ": ", 0) == 0);
            CHECK(m.find('\n') == std::string::npos);
        }
        CHECK_FALSE(AudioDecoder::hasAudio(p.string()));
    }
    CHECK(AudioDecoder::hasAudio(sineWav(440, 1.0, 48000, 2)));
}
