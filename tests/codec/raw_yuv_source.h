#pragma once
// A FrameSource over frames the ffmpeg CLI decoded into memory (tests only): lets the
// Player's threading (coalescing, cancellation, clock) be tested with exact, known pixels
// and a configurable per-frame decode cost, independent of the production decoder.

#include <atomic>
#include <string>
#include <vector>

#include "codec/frame_source.h"

class RawYuvSource : public codec::FrameSource {
public:
    // Decodes `path` to yuv420p; frames are spaced frameUs apart starting at 0.
    RawYuvSource(const std::string& path, int width, int height, int64_t frameUs, int keyInterval);

    int decodeCostUs = 0; // simulated cost per decoded frame (checks cancel every 200 us)
    std::atomic<int> exactCalls{0};
    std::atomic<int> cancelledCalls{0};
    std::atomic<int> previewCalls{0};

    int64_t frameCount() const override { return static_cast<int64_t>(m_frames.size()); }
    int64_t durationUs() const override { return frameCount() * m_frameUs; }
    int64_t ptsOf(int64_t index) const override;
    int64_t indexAt(int64_t tUs) const override;
    codec::FrameView frame(int64_t index, const std::atomic<bool>& cancel) override;
    codec::FrameView preview(int64_t index) override;
    std::vector<int64_t> keyframeIndexes() const override;

private:
    codec::FrameView view(int64_t index) const;
    int m_w, m_h;
    int64_t m_frameUs;
    int m_key;
    std::vector<std::shared_ptr<std::vector<uint8_t>>> m_frames;
};

// Luma of the top-left pixel of a frame (frame N of lumaRampMp4() has luma 16 + N).
int lumaOf(const codec::FrameView& f);
