#pragma once
// Multi-resolution audio peaks for drawing a waveform at any zoom, built by a background
// job (docs/architecture.md, "Background jobs"): the job decodes a snapshot of its
// inputs (path, options) on its own thread and hands an immutable Waveform to whoever
// polls it on the UI thread.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace codec {

struct MinMax {
    float min = 0.0f;
    float max = 0.0f;
};

// Immutable once built; safe to share between threads (read-only).
class Waveform {
public:
    struct Level {
        int64_t samplesPerPeak = 0;
        std::vector<MinMax> peaks;
    };

    int sampleRate = 0;
    int64_t sampleCount = 0;
    // levels[0] is the finest; each following level is `fanout` times coarser.
    std::vector<Level> levels;

    int64_t durationUs() const { return sampleRate ? sampleCount * 1'000'000 / sampleRate : 0; }
    // Min/max of the samples under each of `columns` equal slices of [startUs, endUs), read
    // from the coarsest level that still has at least one peak per column. Columns outside
    // the audio are {0, 0}.
    std::vector<MinMax> columns(int64_t startUs, int64_t endUs, int columns) const;
};

struct WaveformOptions {
    int finestSamplesPerPeak = 256;
    int fanout = 4;
    int minPeaksPerLevel = 64; // stop adding coarser levels below this many peaks
};

// Build synchronously (used by the job and by tests). `progress` in [0,1] and `cancel` are
// optional. Returns nullptr when cancelled. Throws MediaError when the file has no audio.
std::shared_ptr<const Waveform> buildWaveform(const std::string& path, const WaveformOptions& opt,
                                              std::atomic<float>* progress = nullptr,
                                              const std::atomic<bool>* cancel = nullptr);

class WaveformJob {
public:
    // Starts the background thread immediately.
    WaveformJob(std::string path, WaveformOptions opt = {});
    // Cancels and joins (the decode loop checks the flag between packets).
    ~WaveformJob();
    WaveformJob(const WaveformJob&) = delete;
    WaveformJob& operator=(const WaveformJob&) = delete;

    // Any thread.
    float progress() const { return m_progress.load(std::memory_order_relaxed); }
    bool done() const { return m_done.load(std::memory_order_acquire); }
    void cancel() { m_cancel.store(true, std::memory_order_relaxed); }
    // After done(): the result (null when cancelled or failed) and the error message.
    std::shared_ptr<const Waveform> result() const;
    std::string error() const;

private:
    // -- Written by the worker only; read by anyone after m_done (release/acquire).
    std::shared_ptr<const Waveform> m_result;
    std::string m_error;
    // -- Shared, atomic.
    std::atomic<float> m_progress{0.0f};
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_done{false};
    // -- Owned by the constructing thread.
    std::thread m_thread;
};

} // namespace codec
