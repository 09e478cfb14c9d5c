#include "bench/media/libav_source.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

#include <algorithm>
#include <stdexcept>

namespace bench {
namespace {

struct FormatCloser {
    void operator()(AVFormatContext* p) const noexcept { avformat_close_input(&p); }
};
struct CodecFree {
    void operator()(AVCodecContext* p) const noexcept { avcodec_free_context(&p); }
};
struct PacketFree {
    void operator()(AVPacket* p) const noexcept { av_packet_free(&p); }
};

class LibavSource final : public codec::FrameSource {
public:
    LibavSource(const Reference& ref, int threads) : m_ref(ref)
    {
        AVFormatContext* raw = nullptr;
        if (avformat_open_input(&raw, ref.path.c_str(), nullptr, nullptr) < 0)
            throw std::runtime_error(ref.path + ": cannot open");
        m_fmt.reset(raw);
        avformat_find_stream_info(m_fmt.get(), nullptr);
        const AVCodec* codec = nullptr;
        m_stream = av_find_best_stream(m_fmt.get(), AVMEDIA_TYPE_VIDEO, -1, -1, &codec, 0);
        if (m_stream < 0 || !codec)
            throw std::runtime_error(ref.path + ": no video stream");
        m_dec.reset(avcodec_alloc_context3(codec));
        avcodec_parameters_to_context(m_dec.get(), m_fmt->streams[m_stream]->codecpar);
        m_dec->thread_count = threads;
        m_dec->pkt_timebase = m_fmt->streams[m_stream]->time_base;
        if (avcodec_open2(m_dec.get(), codec, nullptr) < 0)
            throw std::runtime_error(ref.path + ": cannot open decoder");
        m_pkt.reset(av_packet_alloc());
    }

    int64_t frameCount() const override { return m_ref.frameCount(); }
    int64_t durationUs() const override
    {
        return m_ref.ptsUs.back() - m_ref.ptsUs.front() +
               static_cast<int64_t>(m_ref.meanFrameMs() * 1000);
    }
    int64_t ptsOf(int64_t index) const override
    {
        return m_ref.ptsUs[static_cast<size_t>(std::clamp<int64_t>(index, 0, frameCount() - 1))];
    }
    int64_t indexAt(int64_t tUs) const override
    {
        auto it = std::upper_bound(m_ref.ptsUs.begin(), m_ref.ptsUs.end(), tUs);
        return it == m_ref.ptsUs.begin() ? 0 : (it - m_ref.ptsUs.begin()) - 1;
    }

    codec::FrameView frame(int64_t index, const std::atomic<bool>& cancel) override
    {
        if (index < 0 || index >= frameCount())
            return {};
        if (index != m_next) {
            const int64_t key = m_ref.keyframeBefore(index);
            // Seek a little before the keyframe's pts; frames before `index` are dropped.
            av_seek_frame(m_fmt.get(), m_stream, m_ref.ptsTb[static_cast<size_t>(key)],
                          AVSEEK_FLAG_BACKWARD);
            avcodec_flush_buffers(m_dec.get());
            m_eof = false;
        }
        const int64_t want = m_ref.ptsTb[static_cast<size_t>(index)];
        for (;;) {
            if (cancel)
                return {};
            AVFrame* f = av_frame_alloc();
            std::shared_ptr<AVFrame> owner(f, [](AVFrame* p) { av_frame_free(&p); });
            if (!receive(f))
                return {};
            const int64_t t = f->best_effort_timestamp;
            if (t < want)
                continue;
            m_next = index + 1;
            codec::FrameView v;
            for (int i = 0; i < 3; ++i) {
                v.planes[i] = f->data[i];
                v.pitches[i] = f->linesize[i];
            }
            v.width = f->width;
            v.height = f->height;
            v.index = index;
            v.ptsUs = ptsOf(index);
            v.owner = std::shared_ptr<const void>(owner, owner.get());
            return v;
        }
    }

    codec::FrameView preview(int64_t index) override
    {
        std::atomic<bool> never{false};
        return frame(m_ref.keyframeBefore(index), never);
    }

private:
    bool receive(AVFrame* f)
    {
        for (;;) {
            const int r = avcodec_receive_frame(m_dec.get(), f);
            if (r == 0)
                return true;
            if (r != AVERROR(EAGAIN))
                return false; // EOF or error
            if (m_eof)
                return false;
            if (av_read_frame(m_fmt.get(), m_pkt.get()) < 0) {
                m_eof = true;
                avcodec_send_packet(m_dec.get(), nullptr);
                continue;
            }
            if (m_pkt->stream_index == m_stream)
                avcodec_send_packet(m_dec.get(), m_pkt.get());
            av_packet_unref(m_pkt.get());
        }
    }

    const Reference& m_ref;
    std::unique_ptr<AVFormatContext, FormatCloser> m_fmt;
    std::unique_ptr<AVCodecContext, CodecFree> m_dec;
    std::unique_ptr<AVPacket, PacketFree> m_pkt;
    int m_stream = -1;
    int64_t m_next = -1;
    bool m_eof = false;
};

} // namespace

std::unique_ptr<codec::FrameSource> makeLibavSource(const Reference& ref, int threads)
{
    return std::make_unique<LibavSource>(ref, threads);
}

} // namespace bench
