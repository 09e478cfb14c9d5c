#include "codec/audio_decoder.h"

#include <algorithm>
#include <stdexcept>

#include "codec/ffmpeg_ptr.h"
#include "codec/media_error.h"
#include "codec/media_open.h"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
}

namespace codec {

using namespace detail;

namespace {
AVSampleFormat toAv(SampleFormat f) { return f == SampleFormat::S16 ? AV_SAMPLE_FMT_S16 : AV_SAMPLE_FMT_FLT; }
constexpr AVRational kUs{1, 1'000'000};
} // namespace

struct AudioDecoder::Impl {
    std::string path;
    AudioSpec out;
    FormatPtr fmt;
    CodecCtxPtr dec;
    SwrPtr swr;
    PacketPtr pkt = makePacket();
    FramePtr frame = makeFrame();
    int stream = -1;
    bool eofSent = false;
    bool drained = false;
    int64_t trimBeforeUs = INT64_MIN; // drop output samples before this time (after seek)
    int64_t nextPtsUs = INT64_MIN;    // time of the next output sample when pts is missing

    [[noreturn]] void fail(const std::string& what) const { throw MediaError(MediaError::Kind::Io, path, what); }

    // One decoded AVFrame -> resampled chunk (possibly trimmed). Returns frames appended.
    int convert(AVFrame* f, AudioChunk& chunk)
    {
        const AVStream* st = fmt->streams[stream];
        int64_t ptsUs = nextPtsUs;
        if (f->best_effort_timestamp != AV_NOPTS_VALUE) {
            const int64_t start = st->start_time != AV_NOPTS_VALUE ? st->start_time : 0;
            ptsUs = av_rescale_q(f->best_effort_timestamp - start, st->time_base, kUs);
        }
        if (ptsUs == INT64_MIN)
            ptsUs = 0;
        // The resampler's internal delay shifts output relative to input.
        const int64_t delayUs = av_rescale(swr_get_delay(swr.get(), dec->sample_rate), 1'000'000, dec->sample_rate);
        const int maxOut = swr_get_out_samples(swr.get(), f->nb_samples);
        if (maxOut <= 0)
            return 0;
        std::vector<uint8_t> buf(static_cast<size_t>(maxOut) * out.bytesPerFrame());
        uint8_t* dst = buf.data();
        const int n = swr_convert(swr.get(), &dst, maxOut, const_cast<const uint8_t**>(f->extended_data), f->nb_samples);
        if (n <= 0)
            return 0;
        int64_t firstUs = ptsUs - delayUs;
        nextPtsUs = firstUs + av_rescale(n, 1'000'000, out.sampleRate);
        int skip = 0;
        if (trimBeforeUs != INT64_MIN && firstUs < trimBeforeUs) {
            skip = static_cast<int>(std::min<int64_t>(
                n, av_rescale(trimBeforeUs - firstUs, out.sampleRate, 1'000'000)));
            firstUs += av_rescale(skip, 1'000'000, out.sampleRate);
        }
        const int keep = n - skip;
        if (keep <= 0)
            return 0;
        trimBeforeUs = INT64_MIN;
        if (chunk.frames == 0)
            chunk.ptsUs = firstUs;
        const size_t bpf = static_cast<size_t>(out.bytesPerFrame());
        chunk.data.insert(chunk.data.end(), buf.begin() + skip * bpf, buf.begin() + (skip + keep) * bpf);
        chunk.frames += keep;
        return keep;
    }
};

AudioDecoder::AudioDecoder(const std::string& path, AudioSpec out) : m(std::make_unique<Impl>())
{
    m->path = path;
    m->out = out;
    if (out.sampleRate < 0 || out.channels <= 0 || out.channels > 8)
        m->fail("unsupported output audio format");
    m->fmt = openInput(path); // typed errors; random bytes are not a recording
    const AVCodec* codec = nullptr;
    m->stream = av_find_best_stream(m->fmt.get(), AVMEDIA_TYPE_AUDIO, -1, -1, &codec, 0);
    if (m->stream < 0 || !codec || !usableStream(m->fmt->streams[m->stream]))
        m->fail("no decodable audio stream");
    for (unsigned i = 0; i < m->fmt->nb_streams; ++i)
        m->fmt->streams[i]->discard = static_cast<int>(i) == m->stream ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
    m->dec.reset(avcodec_alloc_context3(codec));
    avcodec_parameters_to_context(m->dec.get(), m->fmt->streams[m->stream]->codecpar);
    m->dec->pkt_timebase = m->fmt->streams[m->stream]->time_base;
    if (int e = avcodec_open2(m->dec.get(), codec, nullptr); e < 0)
        m->fail("cannot open the audio decoder: " + averrorString(e));
    if (m->dec->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC)
        av_channel_layout_default(&m->dec->ch_layout, m->dec->ch_layout.nb_channels);
    if (m->out.sampleRate == 0)
        m->out.sampleRate = m->dec->sample_rate;
    out = m->out;
    AVChannelLayout outLayout;
    av_channel_layout_default(&outLayout, out.channels);
    SwrContext* swr = nullptr;
    int e = swr_alloc_set_opts2(&swr, &outLayout, toAv(out.format), out.sampleRate, &m->dec->ch_layout,
                                m->dec->sample_fmt, m->dec->sample_rate, 0, nullptr);
    av_channel_layout_uninit(&outLayout);
    m->swr.reset(swr);
    if (e < 0 || (e = swr_init(m->swr.get())) < 0)
        m->fail("cannot set up audio resampling: " + averrorString(e));
}

AudioDecoder::~AudioDecoder() = default;

bool AudioDecoder::hasAudio(const std::string& path)
{
    try {
        if (auto scan = cachedScan(path)) // the scan already knows: no second open
            return scan->info.hasAudio;
        FormatPtr fmt = openInput(path);
        const AVCodec* codec = nullptr;
        const int s = av_find_best_stream(fmt.get(), AVMEDIA_TYPE_AUDIO, -1, -1, &codec, 0);
        return s >= 0 && codec && usableStream(fmt->streams[s]);
    } catch (const MediaError&) {
        return false;
    }
}

const AudioSpec& AudioDecoder::spec() const { return m->out; }
int AudioDecoder::sourceSampleRate() const { return m->dec->sample_rate; }
int AudioDecoder::sourceChannels() const { return m->dec->ch_layout.nb_channels; }

int64_t AudioDecoder::durationUs() const
{
    const AVStream* st = m->fmt->streams[m->stream];
    if (st->duration != AV_NOPTS_VALUE)
        return av_rescale_q(st->duration, st->time_base, kUs);
    return m->fmt->duration != AV_NOPTS_VALUE ? m->fmt->duration : 0;
}

void AudioDecoder::seek(int64_t tUs)
{
    const AVStream* st = m->fmt->streams[m->stream];
    const int64_t start = st->start_time != AV_NOPTS_VALUE ? st->start_time : 0;
    const int64_t ts = av_rescale_q(std::max<int64_t>(tUs, 0), kUs, st->time_base) + start;
    // Backward flag: land at or before the target, then trim to the exact sample.
    avformat_seek_file(m->fmt.get(), m->stream, INT64_MIN, ts, ts, AVSEEK_FLAG_BACKWARD);
    avcodec_flush_buffers(m->dec.get());
    swr_init(m->swr.get()); // drops samples buffered in the resampler
    m->eofSent = false;
    m->drained = false;
    m->trimBeforeUs = std::max<int64_t>(tUs, 0);
    m->nextPtsUs = INT64_MIN;
}

bool AudioDecoder::read(AudioChunk& out)
{
    out.data.clear();
    out.frames = 0;
    out.ptsUs = 0;
    while (!m->drained) {
        int r = avcodec_receive_frame(m->dec.get(), m->frame.get());
        if (r == 0) {
            m->convert(m->frame.get(), out);
            av_frame_unref(m->frame.get());
            if (out.frames > 0)
                return true;
            continue;
        }
        if (r == AVERROR_EOF) {
            m->drained = true;
            break;
        }
        if (r != AVERROR(EAGAIN))
            continue; // decoder error on this frame: skip it
        if (m->eofSent) {
            m->drained = true;
            break;
        }
        r = av_read_frame(m->fmt.get(), m->pkt.get());
        if (r < 0) {
            avcodec_send_packet(m->dec.get(), nullptr); // drain
            m->eofSent = true;
            continue;
        }
        if (m->pkt->stream_index == m->stream)
            avcodec_send_packet(m->dec.get(), m->pkt.get()); // errors: damaged packet, skipped
        av_packet_unref(m->pkt.get());
    }
    // Flush what the resampler still holds.
    const int maxOut = swr_get_out_samples(m->swr.get(), 0);
    if (maxOut > 0) {
        std::vector<uint8_t> buf(static_cast<size_t>(maxOut) * m->out.bytesPerFrame());
        uint8_t* dst = buf.data();
        const int n = swr_convert(m->swr.get(), &dst, maxOut, nullptr, 0);
        if (n > 0) {
            out.ptsUs = m->nextPtsUs == INT64_MIN ? 0 : m->nextPtsUs;
            out.data.assign(buf.begin(), buf.begin() + static_cast<size_t>(n) * m->out.bytesPerFrame());
            out.frames = n;
            m->nextPtsUs = out.ptsUs + av_rescale(n, 1'000'000, m->out.sampleRate);
            return true;
        }
    }
    return false;
}

} // namespace codec
