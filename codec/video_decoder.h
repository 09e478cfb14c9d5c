#pragma once
// Synchronous, single-owner, frame-exact video decoder: exact seek by frame index or time,
// forward/backward stepping served from a decoded-frame cache, keyframe scrub previews.
//
// Threading: one VideoDecoder is used by one thread at a time (the Player's decode
// worker). The only cross-thread input is the CancelCheck, which may be flipped by any
// thread; it is polled between packets/frames. Returned VideoFrames are immutable and
// may be handed to other threads.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "codec/frame_index.h"
#include "codec/media_info.h"
#include "codec/video_frame.h"

namespace codec {

// Cancellation: returns true when the current request is obsolete (e.g. a newer seek
// bumped a generation number). Cancelled requests return nullopt.
using CancelCheck = std::function<bool()>;

// Helper: cancelled as soon as `generation` no longer equals `mine`.
inline CancelCheck cancelWhenChanged(const std::atomic<uint64_t>& generation, uint64_t mine)
{
    return [&generation, mine] { return generation.load(std::memory_order_relaxed) != mine; };
}

struct DecoderStats {
    uint64_t requests = 0;
    uint64_t cacheHits = 0;
    uint64_t seeks = 0;          // demuxer seeks performed
    uint64_t seekRetries = 0;    // re-seeks one keyframe earlier (late first frame)
    uint64_t framesDecoded = 0;  // frames returned by the main decoder
    uint64_t packetsSent = 0;
    uint64_t packetsSkipped = 0; // disposable pictures before a seek target, never sent
    uint64_t previewDecodes = 0; // keyframe previews
    uint64_t refills = 0;        // refillBefore calls that decoded (not already cached)
    uint64_t refillFrames = 0;   // frames those calls put in the cache
    uint64_t refillsCancelled = 0;
    size_t cacheFrames = 0;
    size_t cacheBytes = 0;
    size_t cacheBudgetBytes = 0;
    size_t cacheFrameLimit = 0;
};

class VideoDecoder {
public:
    // Opens the first video stream and builds its frame index. Throws MediaError.
    // threads = 0: one per core (frame threading).
    explicit VideoDecoder(const std::string& path, int threads = 0);
    ~VideoDecoder();
    VideoDecoder(const VideoDecoder&) = delete;
    VideoDecoder& operator=(const VideoDecoder&) = delete;

    const std::string& path() const;
    const MediaInfo& info() const;
    const FrameIndex& index() const;
    int64_t frameCount() const { return index().frameCount(); }

    // The exact frame N (display order). Throws MediaError::OutOfRange when N < 0 or
    // N >= frameCount() (no clamping), DecodeFailed if the frame cannot be decoded.
    // Returns nullopt only when cancel() became true.
    std::optional<VideoFrame> frameAt(int64_t frame, const CancelCheck& cancel = {});
    // The frame whose display interval contains timeUs (µs since the first frame).
    // Times before 0 give frame 0; timeUs >= index().endUs() throws OutOfRange.
    std::optional<VideoFrame> frameAtTime(int64_t timeUs, const CancelCheck& cancel = {});

    // Scrub preview: the keyframe at or before timeUs, decoded by a separate 1-thread
    // decoder on its own demuxer, so it never disturbs the main decoder's position.
    VideoFrame keyframePreview(int64_t timeUs);

    // Background refill for the first step back: decodes the frames before `frame` (from
    // their keyframe, nothing skipped) into the cache, the most recent ones kept within the
    // cache caps, so frameAt(frame - 1), frameAt(frame - 2)... are cache hits. Returns
    // true when those are cached afterwards (also when the 16 before `frame` already were,
    // or frame <= 0);
    // false when cancelled or the frames cannot be decoded (never throws). The decoder's
    // position moves (the next forward request may seek). The Player calls it from its
    // worker while paused (codec/player.h).
    bool refillBefore(int64_t frame, const CancelCheck& cancel = {});
    bool cached(int64_t frame) const;

    // Decoded-frame cache (YUV, LRU), capped in bytes (default 256 MiB) and in frames
    // (default two GOPs, at least 64 frames: the window that back steps need; a step
    // further back decodes its GOP once). Whichever cap is reached first evicts.
    void setCacheBudget(size_t bytes);
    void setCacheFrameLimit(size_t frames);
    void clearCache();
    DecoderStats stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace codec
