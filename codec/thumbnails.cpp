#include "codec/thumbnails.h"

#include <algorithm>
#include <utility>

#include "codec/ffmpeg_ptr.h"
#include "codec/video_frame.h"

namespace codec {

using namespace detail;

Thumbnail makeThumbnail(const FrameView& f, int width)
{
    Thumbnail t;
    if (!f || f.width <= 0 || f.height <= 0)
        return t;
    t.index = f.index;
    t.ptsUs = f.ptsUs;
    // The thumbnail is upright (turned by the display matrix): `width` is its displayed width.
    const DisplayTransform d = f.display;
    const int dispW = d.displayWidth(f.width, f.height), dispH = d.displayHeight(f.width, f.height);
    t.width = std::max(2, std::min(width, dispW) / 2 * 2);
    t.height = std::max(2, static_cast<int>(static_cast<int64_t>(dispH) * t.width / dispW) / 2 * 2);
    // Scale in coded orientation, then turn (cheap at thumbnail size).
    const int sw = d.transpose ? t.height : t.width, sh = d.transpose ? t.width : t.height;
    SwsPtr sws(sws_getContext(f.width, f.height, AV_PIX_FMT_YUV420P, sw, sh, AV_PIX_FMT_YUV420P,
                              SWS_AREA, nullptr, nullptr, nullptr));
    if (!sws)
        return Thumbnail{};
    const int cw = sw / 2, ch = sh / 2;
    std::vector<uint8_t> scaled(static_cast<size_t>(sw) * sh + 2 * static_cast<size_t>(cw) * ch);
    uint8_t* dst[4] = {scaled.data(), scaled.data() + sw * sh, scaled.data() + sw * sh + cw * ch, nullptr};
    const int dstStride[4] = {sw, cw, cw, 0};
    const uint8_t* src[4] = {f.planes[0], f.planes[1], f.planes[2], nullptr};
    const int srcStride[4] = {f.pitches[0], f.pitches[1], f.pitches[2], 0};
    sws_scale(sws.get(), src, srcStride, 0, f.height, dst, dstStride);
    if (d.identity()) {
        t.yuv = std::move(scaled);
        return t;
    }
    const size_t luma = static_cast<size_t>(sw) * sh, chroma = static_cast<size_t>(cw) * ch;
    std::vector<uint8_t> y(scaled.begin(), scaled.begin() + luma);
    std::vector<uint8_t> u(scaled.begin() + luma, scaled.begin() + luma + chroma);
    std::vector<uint8_t> v(scaled.begin() + luma + chroma, scaled.end());
    t.yuv = applyDisplay(y, sw, sh, 1, d);
    const auto ut = applyDisplay(u, cw, ch, 1, d), vt = applyDisplay(v, cw, ch, 1, d);
    t.yuv.insert(t.yuv.end(), ut.begin(), ut.end());
    t.yuv.insert(t.yuv.end(), vt.begin(), vt.end());
    return t;
}

ThumbnailJob::ThumbnailJob(std::unique_ptr<FrameSource> source, int width, int maxThumbs)
    : m_source(std::move(source)), m_width(width), m_max(std::max(maxThumbs, 1))
{
    m_thread = std::thread([this] {
        try {
            run();
        } catch (const std::exception& e) {
            std::lock_guard lk(m_mutex);
            m_error = std::string("thumbnails stopped: ") + e.what();
        } catch (...) {
            std::lock_guard lk(m_mutex);
            m_error = "thumbnails stopped: unknown failure";
        }
        m_progress.store(1.0f);
        m_done.store(true, std::memory_order_release);
    });
}

void ThumbnailJob::run()
{
    {
        std::vector<int64_t> keys = m_source ? m_source->keyframeIndexes() : std::vector<int64_t>{};
        if (static_cast<int>(keys.size()) > m_max) {
            std::vector<int64_t> picked;
            for (int i = 0; i < m_max; ++i)
                picked.push_back(keys[static_cast<size_t>(static_cast<int64_t>(i) * static_cast<int64_t>(keys.size()) / m_max)]);
            keys = std::move(picked);
        }
        for (size_t i = 0; i < keys.size() && !m_cancel.load(); ++i) {
            Thumbnail t = makeThumbnail(m_source->preview(keys[i]), m_width);
            if (!t.yuv.empty()) {
                std::lock_guard lk(m_mutex);
                m_ready.push_back(std::move(t));
            }
            m_progress.store(static_cast<float>(i + 1) / static_cast<float>(keys.size()), std::memory_order_relaxed);
        }
    }
}

std::string ThumbnailJob::error() const
{
    std::lock_guard lk(m_mutex);
    return m_error;
}

ThumbnailJob::~ThumbnailJob()
{
    cancel();
    if (m_thread.joinable())
        m_thread.join();
}

std::vector<Thumbnail> ThumbnailJob::takeNew()
{
    std::lock_guard lk(m_mutex);
    return std::exchange(m_ready, {});
}

} // namespace codec
