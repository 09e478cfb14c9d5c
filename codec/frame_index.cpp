#include "codec/frame_index.h"

#include <algorithm>

namespace codec {

FrameIndex::FrameIndex(std::vector<FrameIndexEntry> entries, int timeBaseNum, int timeBaseDen,
                       int64_t lastFrameDurationUs)
    : m_entries(std::move(entries)), m_tbNum(timeBaseNum), m_tbDen(timeBaseDen),
      m_lastDurationUs(lastFrameDurationUs)
{
    for (size_t i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].keyframe)
            m_keyframes.push_back(static_cast<int64_t>(i));
}

int64_t FrameIndex::endUs() const
{
    if (m_entries.empty())
        return 0;
    return m_entries.back().timeUs + m_lastDurationUs;
}

int64_t FrameIndex::durationUs(int64_t frame) const
{
    if (frame + 1 < frameCount())
        return at(frame + 1).timeUs - at(frame).timeUs;
    return m_lastDurationUs;
}

std::optional<int64_t> FrameIndex::frameAtTime(int64_t timeUs) const
{
    if (m_entries.empty() || timeUs >= endUs())
        return std::nullopt;
    auto it = std::upper_bound(m_entries.begin(), m_entries.end(), timeUs,
                               [](int64_t t, const FrameIndexEntry& e) { return t < e.timeUs; });
    if (it == m_entries.begin())
        return 0;
    return static_cast<int64_t>(it - m_entries.begin()) - 1;
}

std::optional<int64_t> FrameIndex::frameForPts(int64_t pts) const
{
    auto it = std::lower_bound(m_entries.begin(), m_entries.end(), pts,
                               [](const FrameIndexEntry& e, int64_t p) { return e.pts < p; });
    if (it == m_entries.end() || it->pts != pts)
        return std::nullopt;
    return static_cast<int64_t>(it - m_entries.begin());
}

int64_t FrameIndex::frameContainingPts(int64_t pts) const
{
    auto it = std::upper_bound(m_entries.begin(), m_entries.end(), pts,
                               [](int64_t p, const FrameIndexEntry& e) { return p < e.pts; });
    if (it == m_entries.begin())
        return 0;
    return static_cast<int64_t>(it - m_entries.begin()) - 1;
}

int64_t FrameIndex::keyframeAtOrBefore(int64_t frame) const
{
    auto it = std::upper_bound(m_keyframes.begin(), m_keyframes.end(), frame);
    if (it == m_keyframes.begin())
        return 0;
    return *(it - 1);
}

std::optional<int64_t> FrameIndex::previousKeyframe(int64_t keyframe) const
{
    auto it = std::lower_bound(m_keyframes.begin(), m_keyframes.end(), keyframe);
    if (it == m_keyframes.begin())
        return std::nullopt;
    return *(it - 1);
}

std::optional<int64_t> FrameIndex::nextKeyframeAfter(int64_t frame) const
{
    auto it = std::upper_bound(m_keyframes.begin(), m_keyframes.end(), frame);
    if (it == m_keyframes.end())
        return std::nullopt;
    return *it;
}

} // namespace codec
