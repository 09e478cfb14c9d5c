#pragma once
// Ground truth for the media benchmark, computed with plain libav calls independent of the
// codec module: every frame's pts in presentation order (a full sequential decode, so it
// is right for VFR and for MPEG-PS packets without pts), which frames are keyframes, the
// sequential decode rate with N threads, and the cost of decoding one keyframe after a seek
// (the "t_key" of docs/performance.md). The physical bound for an exact seek to frame T is
//     t_key + (T - K) * t_dec,   K = the keyframe at or before T in presentation order.

#include <cstdint>
#include <string>
#include <vector>

namespace bench {

struct Reference {
    std::string path;
    std::string codecName;
    int width = 0;
    int height = 0;
    bool interlaced = false;        // first frame flagged interlaced
    int64_t startUs = 0;            // container start time (mpv rebases time-pos on it)
    std::vector<int64_t> ptsUs;     // presentation order, absolute stream time in µs
    std::vector<int64_t> ptsTb;     // the same in the stream time base
    std::vector<int64_t> keyframes; // indexes into ptsUs, ascending
    double decodeSeconds = 0;       // wall time of the sequential decode
    double decodeFps = 0;           // frames / decodeSeconds
    double minFrameUs = 0;          // smallest and largest pts step (VFR check)
    double maxFrameUs = 0;

    int64_t frameCount() const { return static_cast<int64_t>(ptsUs.size()); }
    int64_t keyframeBefore(int64_t index) const; // the keyframe at or before index
    int64_t nearestIndex(int64_t tUs) const;     // frame whose pts is closest to tUs
    double meanFrameMs() const;
};

// Decodes the whole video stream once with `threads` decoder threads. Throws
// std::runtime_error naming the file on failure.
Reference buildReference(const std::string& path, int threads);

// Frames per second of one more sequential decode of the whole file (no index kept):
// used for best-of-N throughput runs.
double measureDecodeFps(const std::string& path, int threads);

// Median latency (ms) of "seek to keyframe, decode it alone, drain" over `samples`
// keyframes spread over the file, with a 1-thread decoder (threads do not help one frame).
double measureKeyframeCostMs(const Reference& ref, int samples);

} // namespace bench
