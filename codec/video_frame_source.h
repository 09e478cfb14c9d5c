#pragma once
// codec::FrameSource over codec::VideoDecoder: what the Player (and so the window) plays.
// Frame identity stays the decoder's: index N is the N-th frame in presentation order,
// times come from the packet index (exact for variable frame rate).
#include <memory>
#include <mutex>
#include <string>

#include "codec/frame_source.h"
#include "codec/video_decoder.h"

namespace codec {

class VideoFrameSource : public FrameSource {
public:
    // Opens `path` (throws MediaError with a one-line message naming the file).
    explicit VideoFrameSource(const std::string& path, int threads = 0);
    ~VideoFrameSource() override;

    int64_t frameCount() const override;
    int64_t durationUs() const override;
    int64_t ptsOf(int64_t index) const override;
    int64_t indexAt(int64_t tUs) const override;
    std::optional<int64_t> streamPts(int64_t index) const override;
    FrameView frame(int64_t index, const std::atomic<bool>& cancel) override;
    FrameView preview(int64_t index) override;
    bool refillBefore(int64_t index, const std::atomic<bool>& cancel) override;
    std::vector<int64_t> keyframeIndexes() const override;
    int64_t cacheBytes() const override;

    // The decoder's counters as of the end of the last frame/preview/refill call: safe to
    // read from any thread while a Player's worker uses the decoder.
    DecoderStats decoderStats() const;
    // The decoder itself: only for the thread that drives it (not while a Player plays it).
    VideoDecoder& decoder() { return *m_decoder; }

private:
    void publishStats();
    std::unique_ptr<VideoDecoder> m_decoder;
    mutable std::mutex m_statsMutex;
    DecoderStats m_stats; // guarded by m_statsMutex
};

} // namespace codec
