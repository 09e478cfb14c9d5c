#pragma once
// The frame index of one video stream: every frame's presentation timestamp in display
// order, and which frames are keyframes. Frame identity is the pts: frame N is the N-th
// frame in presentation order. Never frame = t * fps (variable frame rate is exact).
//
// Media time in this API is int64 microseconds measured from the first frame's pts, so
// frame 0 is always at time 0. Raw stream pts (in the stream time base) is kept too.
#include <cstdint>
#include <optional>
#include <vector>

namespace codec {

struct FrameIndexEntry {
    int64_t pts = 0;    // stream time base
    int64_t timeUs = 0; // microseconds since the first frame
    bool keyframe = false;
};

class FrameIndex {
public:
    FrameIndex() = default;
    // entries must be sorted by pts (display order), unique pts. timeBase = num/den.
    FrameIndex(std::vector<FrameIndexEntry> entries, int timeBaseNum, int timeBaseDen,
               int64_t lastFrameDurationUs);

    int64_t frameCount() const { return static_cast<int64_t>(m_entries.size()); }
    bool empty() const { return m_entries.empty(); }
    const FrameIndexEntry& at(int64_t frame) const { return m_entries.at(static_cast<size_t>(frame)); }
    const std::vector<FrameIndexEntry>& entries() const { return m_entries; }
    int timeBaseNum() const { return m_tbNum; }
    int timeBaseDen() const { return m_tbDen; }

    // End of the last frame's display interval (= media duration of the video stream).
    int64_t endUs() const;
    // Display duration of frame N (next frame's time minus its own; the last frame uses
    // the stream's nominal frame duration).
    int64_t durationUs(int64_t frame) const;

    // The frame whose display interval [time(N), time(N+1)) contains t. Times before
    // frame 0 give frame 0; t >= endUs() gives nullopt.
    std::optional<int64_t> frameAtTime(int64_t timeUs) const;
    // The frame with exactly this stream pts, or nullopt.
    std::optional<int64_t> frameForPts(int64_t pts) const;
    // The frame whose interval contains this stream pts (clamped to [0, count-1]).
    int64_t frameContainingPts(int64_t pts) const;

    // Display index of the last keyframe at or before frame N (0 when none).
    int64_t keyframeAtOrBefore(int64_t frame) const;
    // Display index of the last keyframe strictly before keyframe display index k, or nullopt.
    std::optional<int64_t> previousKeyframe(int64_t keyframe) const;
    std::optional<int64_t> nextKeyframeAfter(int64_t frame) const;
    const std::vector<int64_t>& keyframes() const { return m_keyframes; }

    // True when some packets lacked pts and the index came from a decode scan (MPEG-PS).
    // Such streams identify pts-less frames by order, so every frame must be decoded.
    bool fromDecodeScan() const { return m_fromDecodeScan; }
    void setFromDecodeScan(bool v) { m_fromDecodeScan = v; }

private:
    std::vector<FrameIndexEntry> m_entries;
    std::vector<int64_t> m_keyframes; // display indices, ascending
    int m_tbNum = 1;
    int m_tbDen = 1;
    int64_t m_lastDurationUs = 0;
    bool m_fromDecodeScan = false;
};

} // namespace codec
