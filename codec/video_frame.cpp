#include "codec/video_frame.h"

extern "C" {
#include <libavutil/imgutils.h>
}

#include "codec/media_open.h"

namespace codec {

VideoFrame::VideoFrame(std::shared_ptr<const Impl> impl) : m_impl(std::move(impl)) {}

int VideoFrame::width() const { return m_impl ? m_impl->frame->width : 0; }
int VideoFrame::height() const { return m_impl ? m_impl->frame->height : 0; }
const uint8_t* VideoFrame::plane(int i) const { return m_impl && i >= 0 && i < 3 ? m_impl->frame->data[i] : nullptr; }
int VideoFrame::pitch(int i) const { return m_impl && i >= 0 && i < 3 ? m_impl->frame->linesize[i] : 0; }
int64_t VideoFrame::index() const { return m_impl ? m_impl->index : -1; }
int64_t VideoFrame::pts() const { return m_impl ? m_impl->pts : 0; }
int64_t VideoFrame::timeUs() const { return m_impl ? m_impl->timeUs : 0; }
int64_t VideoFrame::durationUs() const { return m_impl ? m_impl->durationUs : 0; }
bool VideoFrame::keyframe() const { return m_impl && m_impl->keyframe; }
DisplayTransform VideoFrame::display() const { return m_impl ? m_impl->display : DisplayTransform{}; }
size_t VideoFrame::byteSize() const { return m_impl ? m_impl->bytes : 0; }

std::vector<uint8_t> toRgb(const VideoFrame& frame, PixelLayout layout)
{
    if (!frame.valid())
        return {};
    const AVFrame* f = frame.impl()->frame.get();
    AVPixelFormat dst = layout == PixelLayout::Rgb24 ? AV_PIX_FMT_RGB24 : AV_PIX_FMT_RGBA;
    int bpp = layout == PixelLayout::Rgb24 ? 3 : 4;
    detail::SwsPtr sws(sws_getContext(f->width, f->height, AV_PIX_FMT_YUV420P, f->width, f->height, dst,
                                      SWS_BILINEAR, nullptr, nullptr, nullptr));
    if (!sws)
        return {};
    std::vector<uint8_t> out(static_cast<size_t>(f->width) * f->height * bpp);
    uint8_t* dstData[4] = {out.data(), nullptr, nullptr, nullptr};
    int dstPitch[4] = {f->width * bpp, 0, 0, 0};
    sws_scale(sws.get(), f->data, f->linesize, 0, f->height, dstData, dstPitch);
    return out;
}

std::vector<uint8_t> applyDisplay(const std::vector<uint8_t>& src, int w, int h, int bpp, DisplayTransform t)
{
    if (t.identity())
        return src;
    const int dw = t.displayWidth(w, h), dh = t.displayHeight(w, h);
    std::vector<uint8_t> out(static_cast<size_t>(dw) * dh * bpp);
    for (int y = 0; y < dh; ++y) {
        uint8_t* row = out.data() + static_cast<size_t>(y) * dw * bpp;
        for (int x = 0; x < dw; ++x) {
            int sx = 0, sy = 0;
            t.source(x, y, w, h, sx, sy);
            const uint8_t* p = src.data() + (static_cast<size_t>(sy) * w + sx) * bpp;
            std::copy(p, p + bpp, row + static_cast<size_t>(x) * bpp);
        }
    }
    return out;
}

std::vector<uint8_t> toDisplayRgb(const VideoFrame& frame, PixelLayout layout)
{
    return applyDisplay(toRgb(frame, layout), frame.width(), frame.height(), layout == PixelLayout::Rgb24 ? 3 : 4,
                        frame.display());
}

} // namespace codec
