#include "codec/media_open.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

extern "C" {
#include <libavutil/imgutils.h>
}

#include "codec/media_error.h"

namespace codec::detail {

namespace {
// FFmpeg logs warnings and errors for damaged input on stderr; our callers report each
// failure as one typed MediaError line, so only fatal library messages are kept.
struct QuietLog {
    QuietLog() { av_log_set_level(AV_LOG_FATAL); }
};
} // namespace

FormatPtr openInput(const std::string& path)
{
    static QuietLog quiet; // idempotent, sets a library-wide level once
    (void)quiet;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw MediaError(MediaError::Kind::NotFound, path, "no such file");
    if (std::filesystem::is_directory(path, ec))
        throw MediaError(MediaError::Kind::NotFound, path, "is a directory, not a media file");
    auto size = std::filesystem::file_size(path, ec);
    if (!ec && size == 0)
        throw MediaError(MediaError::Kind::EmptyFile, path, "file is empty (0 bytes)");

    AVFormatContext* raw = nullptr;
    int err = avformat_open_input(&raw, path.c_str(), nullptr, nullptr);
    if (err < 0) {
        if (err == AVERROR(ENOENT) || err == AVERROR(EACCES))
            throw MediaError(MediaError::Kind::NotFound, path, "cannot open: " + averrorString(err));
        throw MediaError(MediaError::Kind::InvalidData, path,
                         "not a readable media file (" + averrorString(err) + ")");
    }
    FormatPtr fmt(raw);
    err = avformat_find_stream_info(fmt.get(), nullptr);
    if (err < 0)
        throw MediaError(MediaError::Kind::InvalidData, path,
                         "cannot read stream information (" + averrorString(err) + ")");
    if (fmt->nb_streams == 0)
        throw MediaError(MediaError::Kind::InvalidData, path, "contains no streams");
    return fmt;
}

CodecCtxPtr openDecoder(AVFormatContext* fmt, int streamIndex, int threads, const std::string& path)
{
    AVStream* st = fmt->streams[streamIndex];
    const AVCodec* dec = avcodec_find_decoder(st->codecpar->codec_id);
    if (!dec)
        throw MediaError(MediaError::Kind::UnsupportedCodec, path,
                         std::string("no decoder for codec ") + avcodec_get_name(st->codecpar->codec_id));
    CodecCtxPtr ctx(avcodec_alloc_context3(dec));
    if (!ctx || avcodec_parameters_to_context(ctx.get(), st->codecpar) < 0)
        throw MediaError(MediaError::Kind::Io, path, "cannot set up the decoder");
    ctx->pkt_timebase = st->time_base;
    ctx->thread_count = threads;
    ctx->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
    int err = avcodec_open2(ctx.get(), dec, nullptr);
    if (err < 0)
        throw MediaError(MediaError::Kind::UnsupportedCodec, path,
                         std::string("cannot open the ") + dec->name + " decoder (" + averrorString(err) + ")");
    return ctx;
}

namespace {

int64_t nominalFrameDuration(AVStream* st)
{
    AVRational rate = st->avg_frame_rate.num > 0 ? st->avg_frame_rate : st->r_frame_rate;
    if (rate.num <= 0 || rate.den <= 0)
        return 40000;
    return av_rescale_q(1, av_inv_q(rate), AVRational{1, 1000000});
}

FrameIndex makeIndex(std::vector<FrameIndexEntry> entries, AVStream* st, int64_t lastDurationTb)
{
    std::sort(entries.begin(), entries.end(),
              [](const FrameIndexEntry& a, const FrameIndexEntry& b) { return a.pts < b.pts; });
    // Duplicate pts would make frame identity ambiguous; keep the first (keyframe wins).
    std::vector<FrameIndexEntry> unique;
    unique.reserve(entries.size());
    for (auto& e : entries) {
        if (!unique.empty() && unique.back().pts == e.pts) {
            unique.back().keyframe = unique.back().keyframe || e.keyframe;
            continue;
        }
        unique.push_back(e);
    }
    int64_t origin = unique.empty() ? 0 : unique.front().pts;
    for (auto& e : unique)
        e.timeUs = av_rescale_q(e.pts - origin, st->time_base, AVRational{1, 1000000});
    int64_t lastUs = lastDurationTb > 0 ? av_rescale_q(lastDurationTb, st->time_base, AVRational{1, 1000000})
                                        : nominalFrameDuration(st);
    if (unique.size() >= 2 && lastDurationTb <= 0) {
        // Prefer the previous frame's actual duration when the container gives none.
        lastUs = unique.back().timeUs - unique[unique.size() - 2].timeUs;
    }
    if (lastUs <= 0)
        lastUs = nominalFrameDuration(st);
    // The first displayed frame is always decodable from a seek to the start.
    if (!unique.empty())
        unique.front().keyframe = true;
    return FrameIndex(std::move(unique), st->time_base.num, st->time_base.den, lastUs);
}

FrameIndex decodeScan(const std::string& path, int streamIndex)
{
    // A fresh demuxer: seeking an MPEG-PS back to its start after a full read is not
    // reliable (the first packet can be lost).
    FormatPtr own = openInput(path);
    AVFormatContext* fmt = own.get();
    for (unsigned i = 0; i < fmt->nb_streams; ++i)
        fmt->streams[i]->discard = (static_cast<int>(i) == streamIndex) ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
    AVStream* st = fmt->streams[streamIndex];
    auto ctx = openDecoder(fmt, streamIndex, 0, path);
    auto pkt = makePacket();
    auto frame = makeFrame();
    std::vector<FrameIndexEntry> entries;
    int64_t lastDur = 0;
    const int64_t nominal = std::max<int64_t>(1, av_rescale_q(nominalFrameDuration(st), AVRational{1, 1000000}, st->time_base));
    // Frames leave the decoder in display order. MPEG-PS packets (and so frames) may lack
    // pts, and FFmpeg's best-effort guess can repeat one; such a frame gets the previous
    // frame's pts plus one frame duration. VideoDecoder identifies the same frames by
    // their position after the previous one, so both agree.
    auto drain = [&] {
        while (avcodec_receive_frame(ctx.get(), frame.get()) == 0) {
            int64_t pts = frame->pts;
            int64_t prev = entries.empty() ? AV_NOPTS_VALUE : entries.back().pts;
            if (pts == AV_NOPTS_VALUE || (prev != AV_NOPTS_VALUE && pts <= prev))
                pts = prev != AV_NOPTS_VALUE ? prev + (frame->pkt_duration > 0 ? frame->pkt_duration : nominal)
                                             : frame->best_effort_timestamp;
            if (pts != AV_NOPTS_VALUE)
                entries.push_back({pts, 0, frame->key_frame != 0});
            lastDur = frame->pkt_duration;
            av_frame_unref(frame.get());
        }
    };
    while (av_read_frame(fmt, pkt.get()) >= 0) {
        if (pkt->stream_index == streamIndex) {
            avcodec_send_packet(ctx.get(), pkt.get());
            drain();
        }
        av_packet_unref(pkt.get());
    }
    avcodec_send_packet(ctx.get(), nullptr);
    drain();
    return makeIndex(std::move(entries), st, lastDur);
}

} // namespace

FrameIndex buildIndex(AVFormatContext* fmt, int streamIndex, const std::string& path)
{
    AVStream* st = fmt->streams[streamIndex];
    for (unsigned i = 0; i < fmt->nb_streams; ++i)
        fmt->streams[i]->discard = (static_cast<int>(i) == streamIndex) ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
    auto pkt = makePacket();
    std::vector<FrameIndexEntry> entries;
    bool missingPts = false;
    int64_t lastDur = 0;
    int err = 0;
    while ((err = av_read_frame(fmt, pkt.get())) >= 0) {
        if (pkt->stream_index == streamIndex && !(pkt->flags & AV_PKT_FLAG_DISCARD)) {
            if (pkt->pts == AV_NOPTS_VALUE)
                missingPts = true;
            else
                entries.push_back({pkt->pts, 0, (pkt->flags & AV_PKT_FLAG_KEY) != 0});
            lastDur = pkt->duration;
        }
        av_packet_unref(pkt.get());
    }
    (void)err;
    FrameIndex index;
    if (missingPts || entries.empty()) {
        index = decodeScan(path, streamIndex);
        index.setFromDecodeScan(true);
    }
    else
        index = makeIndex(std::move(entries), st, lastDur);
    for (unsigned i = 0; i < fmt->nb_streams; ++i)
        fmt->streams[i]->discard = AVDISCARD_DEFAULT;
    if (index.empty())
        throw MediaError(MediaError::Kind::DecodeFailed, path, "no decodable video frames");
    return index;
}

int64_t framePts(const AVFrame* f)
{
    return f->pts != AV_NOPTS_VALUE ? f->pts : f->best_effort_timestamp;
}

FramePtr toYuv420(const AVFrame* src, SwsPtr& sws)
{
    FramePtr out = makeFrame();
    if (src->format == AV_PIX_FMT_YUV420P) {
        av_frame_ref(out.get(), src);
        return out;
    }
    sws.reset(sws_getCachedContext(sws.release(), src->width, src->height,
                                   static_cast<AVPixelFormat>(src->format), src->width, src->height,
                                   AV_PIX_FMT_YUV420P, SWS_BILINEAR, nullptr, nullptr, nullptr));
    out->format = AV_PIX_FMT_YUV420P;
    out->width = src->width;
    out->height = src->height;
    if (!sws || av_frame_get_buffer(out.get(), 0) < 0)
        return nullptr;
    sws_scale(sws.get(), src->data, src->linesize, 0, src->height, out->data, out->linesize);
    av_frame_copy_props(out.get(), src);
    return out;
}

} // namespace codec::detail
