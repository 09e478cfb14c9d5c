#pragma once
// Measurements of Bondline's own decoder (codec::VideoDecoder) and player (codec::Player).
// engine_decoder.cpp implements them when the codec module has its decoder;
// engine_unavailable.cpp otherwise (the peers and the bound are still measured).

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "bench/media/reference.h"

namespace bench {

struct EngineOptions {
    int threads = 2;
    std::vector<int64_t> seekTargets; // frame indexes, shared with the mpv run
    int64_t backStepStart = 0;        // frame index the backward steps start from
    int backSteps = 100;
    int previews = 50;
    double playbackSeconds = 60; // media seconds played per speed
    std::vector<double> speeds = {1.0, 2.0, 4.0};
    // Called after each timed exact seek, outside the timing, with the target: the peer
    // seeks to the same target in turn, so both engines see the same machine load.
    std::function<void(int64_t target)> afterSeek;
};

struct PlaybackResult {
    double speed = 1;
    double wallSeconds = 0;
    int64_t shown = 0;
    int64_t dropped = 0;
    int64_t late = 0;
};

struct EngineResults {
    bool available = false;
    std::string note; // why something is missing
    double decodeFps = 0;
    std::vector<double> seekMs;       // per target, same order as seekTargets
    int seekExact = 0;                // returned frame's pts == reference pts
    std::vector<double> previewMs;    // keyframe preview latencies
    double firstBackStepMs = 0;       // the first step (may refill the cache)
    std::vector<double> backStepMs;   // steps 2..N
    int backStepExact = 0;            // steps that returned exactly index-1
    double peakRssMiB = 0;            // VmHWM after the cache was filled (reset before)
    double cacheMiB = 0;              // bytes the decoder's frame cache held at that point
    std::vector<PlaybackResult> playback;
};

EngineResults measureEngine(const Reference& ref, const EngineOptions& opt);

// Peak resident set of this process in MiB (/proc/self/status VmHWM) and a reset of it
// (writing "5" to /proc/self/clear_refs), so the engine's peak is not the reference's.
double peakRssMiB();
void resetPeakRss();

} // namespace bench
