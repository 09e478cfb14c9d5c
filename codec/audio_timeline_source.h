#pragma once
// A FrameSource for audio-only recordings (family sessions are often recorded as audio
// only): a timeline of fixed 40 ms slots over the audio's duration, each showing the same
// neutral picture. The Player then plays, seeks and steps audio-only media exactly like
// video (audio is the clock), and codings land on 40 ms slots.
#include <memory>

#include "codec/frame_source.h"

namespace codec {

class AudioTimelineSource : public FrameSource {
public:
    static constexpr int64_t kSlotUs = 40000;
    explicit AudioTimelineSource(int64_t durationUs);

    int64_t frameCount() const override { return m_count; }
    int64_t durationUs() const override { return m_durationUs; }
    int64_t ptsOf(int64_t index) const override;
    int64_t indexAt(int64_t tUs) const override;
    FrameView frame(int64_t index, const std::atomic<bool>& cancel) override;
    FrameView preview(int64_t index) override;

private:
    int64_t m_durationUs;
    int64_t m_count;
    std::shared_ptr<std::vector<uint8_t>> m_pixels; // one dark grey 320x180 picture
};

} // namespace codec
