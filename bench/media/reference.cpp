#include "bench/media/reference.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
}

#include <algorithm>
#include <memory>
#include <numeric>
#include <stdexcept>

#include "bench/media/stats.h"

namespace bench {
namespace {

// The benchmark's own RAII owners (codec/ffmpeg_ptr.h is internal to codec/).
struct FormatCloser {
    void operator()(AVFormatContext* p) const noexcept { avformat_close_input(&p); }
};
struct CodecFree {
    void operator()(AVCodecContext* p) const noexcept { avcodec_free_context(&p); }
};
struct FrameFree {
    void operator()(AVFrame* p) const noexcept { av_frame_free(&p); }
};
struct PacketFree {
    void operator()(AVPacket* p) const noexcept { av_packet_free(&p); }
};
using FormatPtr = std::unique_ptr<AVFormatContext, FormatCloser>;
using CodecPtr = std::unique_ptr<AVCodecContext, CodecFree>;
using FramePtr = std::unique_ptr<AVFrame, FrameFree>;
using PacketPtr = std::unique_ptr<AVPacket, PacketFree>;

std::string avError(int err)
{
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(err, buf, sizeof buf);
    return buf;
}

struct Opened {
    FormatPtr fmt;
    CodecPtr dec;
    int stream = -1;
};

Opened openVideo(const std::string& path, int threads)
{
    Opened o;
    AVFormatContext* raw = nullptr;
    if (int err = avformat_open_input(&raw, path.c_str(), nullptr, nullptr); err < 0)
        throw std::runtime_error(path + ": cannot open: " + avError(err));
    o.fmt.reset(raw);
    if (int err = avformat_find_stream_info(o.fmt.get(), nullptr); err < 0)
        throw std::runtime_error(path + ": cannot read stream info: " + avError(err));
    const AVCodec* codec = nullptr;
    o.stream = av_find_best_stream(o.fmt.get(), AVMEDIA_TYPE_VIDEO, -1, -1, &codec, 0);
    if (o.stream < 0 || !codec)
        throw std::runtime_error(path + ": no decodable video stream");
    o.dec.reset(avcodec_alloc_context3(codec));
    avcodec_parameters_to_context(o.dec.get(), o.fmt->streams[o.stream]->codecpar);
    o.dec->thread_count = threads;
    o.dec->pkt_timebase = o.fmt->streams[o.stream]->time_base;
    if (int err = avcodec_open2(o.dec.get(), codec, nullptr); err < 0)
        throw std::runtime_error(path + ": cannot open decoder: " + avError(err));
    return o;
}

} // namespace

int64_t Reference::keyframeBefore(int64_t index) const
{
    auto it = std::upper_bound(keyframes.begin(), keyframes.end(), index);
    return it == keyframes.begin() ? 0 : *(it - 1);
}

int64_t Reference::nearestIndex(int64_t tUs) const
{
    if (ptsUs.empty())
        return -1;
    auto it = std::lower_bound(ptsUs.begin(), ptsUs.end(), tUs);
    if (it == ptsUs.end())
        return frameCount() - 1;
    auto i = static_cast<int64_t>(it - ptsUs.begin());
    if (i > 0 && tUs - ptsUs[static_cast<size_t>(i - 1)] < *it - tUs)
        return i - 1;
    return i;
}

double Reference::meanFrameMs() const
{
    if (ptsUs.size() < 2)
        return 40.0;
    return static_cast<double>(ptsUs.back() - ptsUs.front()) / 1000.0 /
           static_cast<double>(ptsUs.size() - 1);
}

Reference buildReference(const std::string& path, int threads)
{
    Opened o = openVideo(path, threads);
    AVStream* st = o.fmt->streams[o.stream];
    Reference ref;
    ref.path = path;
    ref.codecName = o.dec->codec->name;
    ref.width = o.dec->width;
    ref.height = o.dec->height;
    ref.startUs = o.fmt->start_time == AV_NOPTS_VALUE ? 0 : o.fmt->start_time;

    PacketPtr pkt(av_packet_alloc());
    FramePtr frame(av_frame_alloc());
    std::vector<bool> key;
    int64_t lastTb = AV_NOPTS_VALUE;
    const int64_t guessStep = st->avg_frame_rate.num > 0
        ? av_rescale_q(1, av_inv_q(st->avg_frame_rate), st->time_base) : 1;

    auto drain = [&] {
        while (avcodec_receive_frame(o.dec.get(), frame.get()) == 0) {
            int64_t t = frame->best_effort_timestamp;
            if (t == AV_NOPTS_VALUE)
                t = lastTb == AV_NOPTS_VALUE ? 0 : lastTb + guessStep;
            if (ref.ptsTb.empty())
                ref.interlaced = frame->interlaced_frame != 0;
            ref.ptsTb.push_back(t);
            key.push_back(frame->key_frame != 0 || frame->pict_type == AV_PICTURE_TYPE_I);
            lastTb = t;
            av_frame_unref(frame.get());
        }
    };

    const double t0 = nowMs();
    while (av_read_frame(o.fmt.get(), pkt.get()) >= 0) {
        if (pkt->stream_index == o.stream)
            avcodec_send_packet(o.dec.get(), pkt.get()); // damaged packets: keep going
        av_packet_unref(pkt.get());
        drain();
    }
    avcodec_send_packet(o.dec.get(), nullptr);
    drain();
    ref.decodeSeconds = (nowMs() - t0) / 1000.0;
    if (ref.ptsTb.empty())
        throw std::runtime_error(path + ": no frame decoded");
    ref.decodeFps = static_cast<double>(ref.ptsTb.size()) / ref.decodeSeconds;

    // Output order is presentation order; keep it (it defines "frame index"), but a
    // stray non-monotonic guess would break the binary searches, so sort defensively
    // together with the key flags.
    std::vector<size_t> order(ref.ptsTb.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return ref.ptsTb[a] < ref.ptsTb[b]; });
    std::vector<int64_t> sorted(order.size());
    for (size_t i = 0; i < order.size(); ++i) {
        sorted[i] = ref.ptsTb[order[i]];
        if (key[order[i]])
            ref.keyframes.push_back(static_cast<int64_t>(i));
    }
    ref.ptsTb = std::move(sorted);
    ref.ptsUs.reserve(ref.ptsTb.size());
    for (int64_t t : ref.ptsTb)
        ref.ptsUs.push_back(av_rescale_q(t, st->time_base, AVRational{1, 1000000}));
    if (ref.keyframes.empty() || ref.keyframes.front() != 0)
        ref.keyframes.insert(ref.keyframes.begin(), 0);
    if (ref.ptsUs.size() > 1) {
        ref.minFrameUs = 1e18;
        for (size_t i = 1; i < ref.ptsUs.size(); ++i) {
            const double d = static_cast<double>(ref.ptsUs[i] - ref.ptsUs[i - 1]);
            ref.minFrameUs = std::min(ref.minFrameUs, d);
            ref.maxFrameUs = std::max(ref.maxFrameUs, d);
        }
    }
    return ref;
}

double measureDecodeFps(const std::string& path, int threads)
{
    Opened o = openVideo(path, threads);
    PacketPtr pkt(av_packet_alloc());
    FramePtr frame(av_frame_alloc());
    int64_t frames = 0;
    auto drain = [&] {
        while (avcodec_receive_frame(o.dec.get(), frame.get()) == 0) {
            ++frames;
            av_frame_unref(frame.get());
        }
    };
    const double t0 = nowMs();
    while (av_read_frame(o.fmt.get(), pkt.get()) >= 0) {
        if (pkt->stream_index == o.stream)
            avcodec_send_packet(o.dec.get(), pkt.get());
        av_packet_unref(pkt.get());
        drain();
    }
    avcodec_send_packet(o.dec.get(), nullptr);
    drain();
    const double seconds = (nowMs() - t0) / 1000.0;
    return seconds > 0 ? static_cast<double>(frames) / seconds : 0.0;
}

double measureKeyframeCostMs(const Reference& ref, int samples)
{
    Opened o = openVideo(ref.path, 1);
    PacketPtr pkt(av_packet_alloc());
    FramePtr frame(av_frame_alloc());
    std::vector<double> costs;
    const auto nKeys = static_cast<int64_t>(ref.keyframes.size());
    samples = static_cast<int>(std::min<int64_t>(samples, nKeys));
    for (int s = 0; s < samples; ++s) {
        const int64_t k = ref.keyframes[static_cast<size_t>(s * nKeys / std::max(samples, 1))];
        const double t0 = nowMs();
        if (av_seek_frame(o.fmt.get(), o.stream, ref.ptsTb[static_cast<size_t>(k)],
                          AVSEEK_FLAG_BACKWARD) < 0)
            continue;
        avcodec_flush_buffers(o.dec.get());
        o.dec->skip_frame = AVDISCARD_NONKEY;
        bool got = false;
        while (!got && av_read_frame(o.fmt.get(), pkt.get()) >= 0) {
            const bool isKey = pkt->stream_index == o.stream && (pkt->flags & AV_PKT_FLAG_KEY);
            if (isKey) {
                avcodec_send_packet(o.dec.get(), pkt.get());
                avcodec_send_packet(o.dec.get(), nullptr); // drain: no reorder wait
                got = avcodec_receive_frame(o.dec.get(), frame.get()) == 0;
                av_frame_unref(frame.get());
            }
            av_packet_unref(pkt.get());
        }
        if (got)
            costs.push_back(nowMs() - t0);
    }
    return percentile(costs, 50);
}

} // namespace bench
