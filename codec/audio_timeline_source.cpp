#include "codec/audio_timeline_source.h"

#include <algorithm>
#include <vector>

namespace codec {

namespace {
constexpr int kW = 320, kH = 180;
}

AudioTimelineSource::AudioTimelineSource(int64_t durationUs)
    : m_durationUs(std::max<int64_t>(durationUs, kSlotUs)),
      m_count((m_durationUs + kSlotUs - 1) / kSlotUs),
      m_pixels(std::make_shared<std::vector<uint8_t>>(static_cast<size_t>(kW * kH * 3 / 2)))
{
    std::fill(m_pixels->begin(), m_pixels->begin() + kW * kH, uint8_t{40}); // dark grey Y
    std::fill(m_pixels->begin() + kW * kH, m_pixels->end(), uint8_t{128}); // neutral chroma
}

int64_t AudioTimelineSource::ptsOf(int64_t index) const { return std::clamp<int64_t>(index, 0, m_count - 1) * kSlotUs; }

int64_t AudioTimelineSource::indexAt(int64_t tUs) const { return std::clamp<int64_t>(tUs / kSlotUs, 0, m_count - 1); }

FrameView AudioTimelineSource::frame(int64_t index, const std::atomic<bool>&)
{
    FrameView v;
    v.planes[0] = m_pixels->data();
    v.planes[1] = m_pixels->data() + kW * kH;
    v.planes[2] = v.planes[1] + kW * kH / 4;
    v.pitches[0] = kW;
    v.pitches[1] = v.pitches[2] = kW / 2;
    v.width = kW;
    v.height = kH;
    v.index = std::clamp<int64_t>(index, 0, m_count - 1);
    v.ptsUs = v.index * kSlotUs;
    v.owner = m_pixels;
    return v;
}

FrameView AudioTimelineSource::preview(int64_t index)
{
    std::atomic<bool> no{false};
    return frame(index, no);
}

} // namespace codec
