#include "codec/video_frame_source.h"

#include <algorithm>

#include "codec/media_error.h"
#include "codec/video_decoder.h"

namespace codec {

namespace {

FrameView viewOf(const VideoFrame& f)
{
    FrameView v;
    if (!f.valid())
        return v;
    for (int i = 0; i < 3; ++i) {
        v.planes[i] = f.plane(i);
        v.pitches[i] = f.pitch(i);
    }
    v.width = f.width();
    v.height = f.height();
    v.index = f.index();
    v.ptsUs = f.timeUs();
    v.display = f.display();
    v.owner = std::make_shared<VideoFrame>(f); // keeps the refcounted planes alive
    return v;
}

} // namespace

VideoFrameSource::VideoFrameSource(const std::string& path, int threads)
    : m_decoder(std::make_unique<VideoDecoder>(path, threads))
{
    if (m_decoder->frameCount() <= 0)
        throw MediaError(MediaError::Kind::NoVideoStream, path, "no decodable video frames");
    publishStats();
}

VideoFrameSource::~VideoFrameSource() = default;

int64_t VideoFrameSource::frameCount() const { return m_decoder->frameCount(); }
int64_t VideoFrameSource::durationUs() const { return m_decoder->index().endUs(); }

int64_t VideoFrameSource::ptsOf(int64_t index) const
{
    const int64_t n = std::clamp<int64_t>(index, 0, frameCount() - 1);
    return m_decoder->index().at(n).timeUs;
}

std::optional<int64_t> VideoFrameSource::streamPts(int64_t index) const
{
    const auto& ix = m_decoder->index();
    if (index < 0 || index >= ix.frameCount())
        return std::nullopt;
    return ix.at(index).pts;
}

int64_t VideoFrameSource::indexAt(int64_t tUs) const
{
    if (tUs <= 0)
        return 0;
    return m_decoder->index().frameAtTime(tUs).value_or(frameCount() - 1);
}

FrameView VideoFrameSource::frame(int64_t index, const std::atomic<bool>& cancel)
{
    try {
        auto f = m_decoder->frameAt(std::clamp<int64_t>(index, 0, frameCount() - 1),
                                    [&cancel] { return cancel.load(std::memory_order_relaxed); });
        publishStats();
        return f ? viewOf(*f) : FrameView{};
    } catch (const std::exception& e) {
        publishStats();
        // A frame that cannot be decoded (damaged data): its position and the problem;
        // the Player presents it flagged, so steps and seeks go on past it.
        FrameView v;
        v.index = std::clamp<int64_t>(index, 0, frameCount() - 1);
        v.ptsUs = ptsOf(v.index);
        v.damaged = true;
        v.problem = e.what();
        return v;
    }
}

FrameView VideoFrameSource::preview(int64_t index)
{
    try {
        const int64_t n = std::clamp<int64_t>(index, 0, frameCount() - 1);
        FrameView v = viewOf(m_decoder->keyframePreview(m_decoder->index().at(n).timeUs));
        publishStats();
        return v;
    } catch (const std::exception&) {
        return {}; // no preview: the Player keeps the picture it has
    }
}

bool VideoFrameSource::refillBefore(int64_t index, const std::atomic<bool>& cancel)
{
    const bool done = m_decoder->refillBefore(std::clamp<int64_t>(index, 0, frameCount() - 1),
                                              [&cancel] { return cancel.load(std::memory_order_relaxed); });
    publishStats();
    return done;
}

std::vector<int64_t> VideoFrameSource::keyframeIndexes() const { return m_decoder->index().keyframes(); }

void VideoFrameSource::publishStats()
{
    const DecoderStats s = m_decoder->stats();
    std::lock_guard lock(m_statsMutex);
    m_stats = s;
}

DecoderStats VideoFrameSource::decoderStats() const
{
    std::lock_guard lock(m_statsMutex);
    return m_stats;
}

int64_t VideoFrameSource::cacheBytes() const { return static_cast<int64_t>(decoderStats().cacheBytes); }

} // namespace codec
