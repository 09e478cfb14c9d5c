#pragma once
// INTERNAL to codec/: include only from codec/*.cpp, never from a public header.
// RAII owners for every FFmpeg handle: unique_ptr with a no-throw deleter. A raw
// handle is never stored in a member; hand ownership over with std::move.
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>
#include <libavformat/avformat.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

#include <memory>
#include <string>

namespace codec::detail {

struct FormatCloser {
    void operator()(AVFormatContext* p) const noexcept { avformat_close_input(&p); }
};
struct CodecCtxFree {
    void operator()(AVCodecContext* p) const noexcept { avcodec_free_context(&p); }
};
struct FrameFree {
    void operator()(AVFrame* p) const noexcept { av_frame_free(&p); }
};
struct PacketFree {
    void operator()(AVPacket* p) const noexcept { av_packet_free(&p); }
};
struct SwsFree {
    void operator()(SwsContext* p) const noexcept { sws_freeContext(p); }
};
struct SwrFree {
    void operator()(SwrContext* p) const noexcept { swr_free(&p); }
};
struct FilterGraphFree {
    void operator()(AVFilterGraph* p) const noexcept { avfilter_graph_free(&p); }
};
// An output context opened with avio_open: close the IO, then free the context.
struct OutputFormatFree {
    void operator()(AVFormatContext* p) const noexcept
    {
        if (!p)
            return;
        if (p->oformat && !(p->oformat->flags & AVFMT_NOFILE))
            avio_closep(&p->pb);
        avformat_free_context(p);
    }
};

using FormatPtr = std::unique_ptr<AVFormatContext, FormatCloser>;
using OutputFormatPtr = std::unique_ptr<AVFormatContext, OutputFormatFree>;
using CodecCtxPtr = std::unique_ptr<AVCodecContext, CodecCtxFree>;
using FramePtr = std::unique_ptr<AVFrame, FrameFree>;
using PacketPtr = std::unique_ptr<AVPacket, PacketFree>;
using SwsPtr = std::unique_ptr<SwsContext, SwsFree>;
using SwrPtr = std::unique_ptr<SwrContext, SwrFree>;
using FilterGraphPtr = std::unique_ptr<AVFilterGraph, FilterGraphFree>;

inline FramePtr makeFrame() { return FramePtr(av_frame_alloc()); }
inline PacketPtr makePacket() { return PacketPtr(av_packet_alloc()); }

// av_err2str is a macro using a compound literal (not valid C++); this is its C++ twin.
inline std::string averrorString(int err)
{
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(err, buf, sizeof buf);
    return buf;
}

} // namespace codec::detail
