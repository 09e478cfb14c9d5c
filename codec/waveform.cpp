#include "codec/waveform.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "codec/audio_decoder.h"
#include "codec/media_error.h"

namespace codec {

std::vector<MinMax> Waveform::columns(int64_t startUs, int64_t endUs, int n) const
{
    std::vector<MinMax> out(static_cast<size_t>(std::max(n, 0)));
    if (n <= 0 || endUs <= startUs || levels.empty() || sampleRate <= 0)
        return out;
    const double samplesPerColumn = static_cast<double>(endUs - startUs) * sampleRate / 1e6 / n;
    const Level* lv = &levels[0];
    for (const Level& l : levels)
        if (static_cast<double>(l.samplesPerPeak) <= samplesPerColumn)
            lv = &l;
    const double s0 = static_cast<double>(startUs) * sampleRate / 1e6;
    const int64_t peakCount = static_cast<int64_t>(lv->peaks.size());
    for (int c = 0; c < n; ++c) {
        const double a = s0 + c * samplesPerColumn;
        const double b = a + samplesPerColumn;
        int64_t p0 = static_cast<int64_t>(std::floor(a / lv->samplesPerPeak));
        int64_t p1 = static_cast<int64_t>(std::ceil(b / lv->samplesPerPeak)); // exclusive
        p0 = std::max<int64_t>(p0, 0);
        p1 = std::min<int64_t>(std::max(p1, p0 + 1), peakCount);
        if (p0 >= peakCount || b <= 0)
            continue;
        MinMax m{1.0f, -1.0f};
        for (int64_t p = p0; p < p1; ++p) {
            m.min = std::min(m.min, lv->peaks[p].min);
            m.max = std::max(m.max, lv->peaks[p].max);
        }
        out[c] = m.min <= m.max ? m : MinMax{};
    }
    return out;
}

std::shared_ptr<const Waveform> buildWaveform(const std::string& path, const WaveformOptions& opt,
                                              std::atomic<float>* progress, const std::atomic<bool>* cancel)
{
    const int base = std::max(opt.finestSamplesPerPeak, 1);
    const int fanout = std::max(opt.fanout, 2);
    // Mono at the source rate: peaks need no resampling, only a downmix.
    AudioDecoder dec(path, AudioSpec{0, 1, SampleFormat::F32});
    auto wf = std::make_shared<Waveform>();
    wf->sampleRate = dec.spec().sampleRate;
    const int64_t expected = std::max<int64_t>(dec.durationUs() * wf->sampleRate / 1'000'000, 1);
    Waveform::Level finest;
    finest.samplesPerPeak = base;
    MinMax cur{1.0f, -1.0f};
    int inPeak = 0;
    AudioChunk chunk;
    while (dec.read(chunk)) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            return nullptr;
        const auto* s = reinterpret_cast<const float*>(chunk.data.data());
        for (int i = 0; i < chunk.frames; ++i) {
            cur.min = std::min(cur.min, s[i]);
            cur.max = std::max(cur.max, s[i]);
            if (++inPeak == base) {
                finest.peaks.push_back(cur);
                cur = {1.0f, -1.0f};
                inPeak = 0;
            }
        }
        wf->sampleCount += chunk.frames;
        if (progress)
            progress->store(std::min(0.99f, static_cast<float>(wf->sampleCount) / expected),
                            std::memory_order_relaxed);
    }
    if (inPeak > 0)
        finest.peaks.push_back(cur);
    wf->levels.push_back(std::move(finest));
    // Coarser levels from the previous level: each peak covers `fanout` finer peaks.
    while (static_cast<int>(wf->levels.back().peaks.size()) / fanout >= opt.minPeaksPerLevel) {
        const Waveform::Level& prev = wf->levels.back();
        Waveform::Level next;
        next.samplesPerPeak = prev.samplesPerPeak * fanout;
        for (size_t i = 0; i < prev.peaks.size(); i += fanout) {
            MinMax m = prev.peaks[i];
            for (size_t j = i + 1; j < std::min(prev.peaks.size(), i + fanout); ++j) {
                m.min = std::min(m.min, prev.peaks[j].min);
                m.max = std::max(m.max, prev.peaks[j].max);
            }
            next.peaks.push_back(m);
        }
        wf->levels.push_back(std::move(next));
    }
    if (progress)
        progress->store(1.0f, std::memory_order_relaxed);
    return wf;
}

WaveformJob::WaveformJob(std::string path, WaveformOptions opt)
{
    m_thread = std::thread([this, path = std::move(path), opt] {
        try {
            m_result = buildWaveform(path, opt, &m_progress, &m_cancel);
            if (!m_result && m_cancel.load())
                m_error = path + ": waveform cancelled";
        } catch (const std::exception& e) {
            // Exceptions never cross the thread boundary: they become the job's error.
            m_error = e.what();
        }
        m_done.store(true, std::memory_order_release);
    });
}

WaveformJob::~WaveformJob()
{
    cancel();
    if (m_thread.joinable())
        m_thread.join();
}

std::shared_ptr<const Waveform> WaveformJob::result() const
{
    return done() ? m_result : nullptr;
}

std::string WaveformJob::error() const
{
    return done() ? m_error : std::string();
}

} // namespace codec
