#pragma once
// A decoded video frame as planar YUV 4:2:0 (8-bit), ready to upload as an IYUV texture.
// Cheap to copy: copies share the underlying decoded buffer (refcounted); the planes stay
// valid as long as any copy lives. Immutable, so safe to hand to another thread.
#include <cstdint>
#include <memory>
#include <vector>

#include "codec/display_transform.h"

namespace codec {

class VideoFrame {
public:
    struct Impl;
    VideoFrame() = default;
    explicit VideoFrame(std::shared_ptr<const Impl> impl);

    bool valid() const { return m_impl != nullptr; }
    int width() const;
    int height() const;
    // plane 0 = Y, 1 = U, 2 = V. U and V are (width+1)/2 x (height+1)/2.
    const uint8_t* plane(int i) const;
    int pitch(int i) const;

    int64_t index() const;      // display-order frame number
    int64_t pts() const;        // stream time base
    int64_t timeUs() const;     // microseconds since the first frame
    int64_t durationUs() const; // display duration
    bool keyframe() const;
    // How the picture is turned for display (the stream's display matrix); the planes are
    // as decoded. displayWidth/Height: the size after turning (what ffmpeg's autorotate writes).
    DisplayTransform display() const;
    int displayWidth() const { return display().displayWidth(width(), height()); }
    int displayHeight() const { return display().displayHeight(width(), height()); }
    // Bytes held by the decoded buffer (for cache accounting).
    size_t byteSize() const;

    const Impl* impl() const { return m_impl.get(); }

private:
    std::shared_ptr<const Impl> m_impl;
};

enum class PixelLayout { Rgb24, Rgba };
// Converts to packed RGB24/RGBA (row pitch = width * 3 or 4), as coded. Off the UI thread.
std::vector<uint8_t> toRgb(const VideoFrame& frame, PixelLayout layout);
// The same turned for display (frame.display()): displayWidth() x displayHeight() pixels.
std::vector<uint8_t> toDisplayRgb(const VideoFrame& frame, PixelLayout layout);
// Turn a packed image (bytesPerPixel per pixel, rows of width * bytesPerPixel) for display.
std::vector<uint8_t> applyDisplay(const std::vector<uint8_t>& packed, int width, int height, int bytesPerPixel,
                                  DisplayTransform t);

} // namespace codec
