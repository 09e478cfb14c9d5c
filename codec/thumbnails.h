#pragma once
// Keyframe thumbnails for the timeline, built by a background job from its own FrameSource
// (its own decoder context, so it never disturbs playback; as the scrub preview, docs/media.md). Each
// thumbnail is a small YUV 4:2:0 image the GUI uploads as an IYUV texture. No exception
// leaves the job's thread: a failure ends the job with error() set.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "codec/frame_source.h"

namespace codec {

struct Thumbnail {
    int64_t index = 0; // the keyframe's frame index
    int64_t ptsUs = 0;
    int width = 0, height = 0;   // even numbers
    std::vector<uint8_t> yuv;    // Y (width*height), then U and V (width/2*height/2 each)
};

// Downscale one frame to `width` pixels wide (aspect kept, even sizes). Any thread.
Thumbnail makeThumbnail(const FrameView& f, int width);

class ThumbnailJob {
public:
    // Starts at once; visits every keyframe (at most maxThumbs, evenly spread).
    ThumbnailJob(std::unique_ptr<FrameSource> source, int width = 160, int maxThumbs = 2000);
    ~ThumbnailJob(); // cancels and joins

    // UI thread: thumbnails finished since the last call, in keyframe order.
    std::vector<Thumbnail> takeNew();
    float progress() const { return m_progress.load(std::memory_order_relaxed); }
    bool done() const { return m_done.load(std::memory_order_acquire); }
    void cancel() { m_cancel.store(true); }
    // Why the job stopped early (one line), or empty. Set before done() turns true; a
    // keyframe that cannot be decoded is skipped, not an error. Any thread.
    std::string error() const;

private:
    void run(); // the worker's body; may throw
    // -- Worker thread only.
    std::unique_ptr<FrameSource> m_source;
    int m_width;
    int m_max;
    // -- Protected by m_mutex (worker appends, UI takes).
    mutable std::mutex m_mutex;
    std::vector<Thumbnail> m_ready;
    std::string m_error;
    // -- Atomic, any thread.
    std::atomic<float> m_progress{0.0f};
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_done{false};
    // -- Owned by the constructing thread.
    std::thread m_thread;
};

} // namespace codec
