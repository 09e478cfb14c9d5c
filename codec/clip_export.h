#pragma once
// Export a time range [startUs, endUs) of a media file to a new file, for supervision clips.
//   StreamCopy: packets are copied unchanged (fast, lossless). The clip starts at the video
//               keyframe at or before startUs, so it may begin up to one GOP early.
//   Exact:      video is decoded and re-encoded (H.264 via libx264 when available, else
//               MPEG-4 part 2) and audio re-encoded to AAC, so the clip starts on the exact
//               frame/sample at startUs.
// Synchronous; run it from a background job. `cancel` is checked between packets.

#include <atomic>
#include <cstdint>
#include <string>

namespace codec {

enum class ClipMode { StreamCopy, Exact };

struct ClipRequest {
    std::string inputPath;
    std::string outputPath; // the container follows the extension (.mp4, .mkv, .mov)
    int64_t startUs = 0;
    int64_t endUs = 0; // exclusive; must be > startUs
    ClipMode mode = ClipMode::StreamCopy;
};

struct ClipResult {
    ClipMode mode = ClipMode::StreamCopy;
    int64_t startUs = 0;       // source time of the clip's first video frame (or first sample)
    int64_t endUs = 0;         // source time where the clip ends (exclusive)
    int64_t videoFrames = 0;   // video packets (copy) or frames (exact) written
    int64_t audioPackets = 0;
    bool cancelled = false;    // the partial output file has been removed
};

// Throws codec::MediaError with a one-line message naming the file on bad input, an empty
// range, or a write failure. Never leaves a partial file behind on error or cancel.
ClipResult exportClip(const ClipRequest& req, std::atomic<float>* progress = nullptr,
                      const std::atomic<bool>* cancel = nullptr);

} // namespace codec
