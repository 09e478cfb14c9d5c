#pragma once
// What codec::Player needs from a frame-exact decoder: frames by index (exact, cancellable)
// and keyframe previews. The adapter over codec::VideoDecoder implements it; keeping it an
// interface lets the Player's threading be tested with any decoder.

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "codec/display_transform.h"

namespace codec {

// A decoded YUV 4:2:0 frame, borrowed from whoever decoded it: `owner` keeps the pixel
// memory alive, so a FrameView can be copied across threads freely (immutable after creation).
struct FrameView {
    const uint8_t* planes[3] = {};
    int pitches[3] = {};
    int width = 0;
    int height = 0;
    int64_t index = -1; // frame number in presentation order
    int64_t ptsUs = 0;  // presentation time
    std::shared_ptr<const void> owner;
    // Frame `index` could not be decoded (damaged data). From a FrameSource: no planes,
    // `problem` says why. From the Player: the planes are the last good picture before
    // it (or grey), index and ptsUs are the damaged frame's, so the position is right.
    bool damaged = false;
    std::string problem; // one line naming the file, empty unless damaged
    // How to turn the picture for display (the file's display matrix, e.g. a phone held
    // upright): the planes are as decoded, width x height is the coded size; draw through
    // display.cornerUVs() (codec/display_transform.h). Identity for most files.
    DisplayTransform display;

    explicit operator bool() const { return owner != nullptr && planes[0] != nullptr; }
};

class FrameSource {
public:
    virtual ~FrameSource() = default;

    // -- Immutable after construction; any thread.
    virtual int64_t frameCount() const = 0;
    virtual int64_t durationUs() const = 0;
    virtual int64_t ptsOf(int64_t index) const = 0; // index clamped to [0, frameCount)
    // The frame on screen at time t: the last frame with pts <= t (0 before the first).
    virtual int64_t indexAt(int64_t tUs) const = 0;

    // -- Called from the Player's worker thread only (one at a time).
    // The exact frame `index`; an empty view when `cancel` became true while decoding (the
    // decoder checks it between frames). A frame that cannot be decoded gives a view with
    // damaged = true, index and ptsUs set, no planes, and the problem (sources written
    // before this contract may still return an empty view; exceptions are caught).
    virtual FrameView frame(int64_t index, const std::atomic<bool>& cancel) = 0;
    // The keyframe at or before `index` (fast preview while scrubbing).
    virtual FrameView preview(int64_t index) = 0;
    // Background work while paused on `index`: decode the frames before it into the
    // source's cache so the first step back is a hit. Cancellable like frame(); returns
    // whether it completed. Default: nothing to do.
    virtual bool refillBefore(int64_t index, const std::atomic<bool>& cancel)
    {
        (void)index;
        (void)cancel;
        return true;
    }
    // Indexes of the keyframes in presentation order (for thumbnails); any thread.
    virtual std::vector<int64_t> keyframeIndexes() const { return {}; }
    // The frame's presentation timestamp in its stream's time base, where the source has
    // one (stored with a coding as the frame it was made on); any thread.
    virtual std::optional<int64_t> streamPts(int64_t /*index*/) const { return std::nullopt; }
    // Bytes held by the decoder's frame cache (for the status line); any thread.
    virtual int64_t cacheBytes() const { return 0; }
};

} // namespace codec
