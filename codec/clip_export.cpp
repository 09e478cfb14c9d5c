#include "codec/clip_export.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "codec/ffmpeg_ptr.h"
#include "codec/media_error.h"

extern "C" {
#include <libavutil/audio_fifo.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
}

namespace codec {

using namespace detail;

namespace {

constexpr AVRational kUs{1, 1'000'000};

struct Exporter {
    const ClipRequest& req;
    std::atomic<float>* progress;
    const std::atomic<bool>* cancel;
    ClipResult result;

    Exporter(const ClipRequest& r, std::atomic<float>* p, const std::atomic<bool>* c)
        : req(r), progress(p), cancel(c)
    {
    }

    FormatPtr in;
    OutputFormatPtr out;
    int vIn = -1, aIn = -1;   // input stream indexes
    int vOut = -1, aOut = -1; // output stream indexes
    bool headerWritten = false;

    // Exact mode only.
    CodecCtxPtr vDec, vEnc, aDec, aEnc;
    SwsPtr sws;
    SwrPtr swr;
    std::unique_ptr<AVAudioFifo, void (*)(AVAudioFifo*)> fifo{nullptr, av_audio_fifo_free};
    int64_t audioSamplesOut = 0;
    int64_t videoFramesOut = 0;

    [[noreturn]] void fail(const std::string& path, const std::string& what) const
    {
        throw MediaError(MediaError::Kind::Io, path, what);
    }
    void check(int e, const std::string& what) const
    {
        if (e < 0)
            fail(req.outputPath, what + ": " + averrorString(e));
    }
    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }

    int64_t toUs(int64_t ts, int stream) const
    {
        const AVStream* s = in->streams[stream];
        const int64_t start = s->start_time != AV_NOPTS_VALUE ? s->start_time : 0;
        return av_rescale_q(ts - start, s->time_base, kUs);
    }

    void openInput()
    {
        AVFormatContext* raw = nullptr;
        if (int e = avformat_open_input(&raw, req.inputPath.c_str(), nullptr, nullptr); e < 0)
            fail(req.inputPath, "cannot open: " + averrorString(e));
        in.reset(raw);
        if (int e = avformat_find_stream_info(in.get(), nullptr); e < 0)
            fail(req.inputPath, "cannot read stream info: " + averrorString(e));
        vIn = av_find_best_stream(in.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
        aIn = av_find_best_stream(in.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
        if (vIn >= 0 && (in->streams[vIn]->disposition & AV_DISPOSITION_ATTACHED_PIC))
            vIn = -1; // cover art is not video
        if (vIn < 0 && aIn < 0)
            fail(req.inputPath, "no audio or video stream");
        for (unsigned i = 0; i < in->nb_streams; ++i)
            if (static_cast<int>(i) != vIn && static_cast<int>(i) != aIn)
                in->streams[i]->discard = AVDISCARD_ALL;
    }

    void openOutput()
    {
        AVFormatContext* raw = nullptr;
        if (avformat_alloc_output_context2(&raw, nullptr, nullptr, req.outputPath.c_str()) < 0 || !raw)
            fail(req.outputPath, "unknown output format (use .mp4, .mkv or .mov)");
        out.reset(raw);
        // Packets copied from B-frame video start with negative DTS; shift them to zero.
        out->avoid_negative_ts = AVFMT_AVOID_NEG_TS_MAKE_ZERO;
    }

    void writeHeader()
    {
        if (!(out->oformat->flags & AVFMT_NOFILE))
            check(avio_open(&out->pb, req.outputPath.c_str(), AVIO_FLAG_WRITE), "cannot create the file");
        check(avformat_write_header(out.get(), nullptr), "cannot write the header");
        headerWritten = true;
    }

    // Seek so that reading starts at or before startUs on the video keyframe grid.
    void seekToStart()
    {
        const int s = vIn >= 0 ? vIn : aIn;
        const AVStream* st = in->streams[s];
        const int64_t start = st->start_time != AV_NOPTS_VALUE ? st->start_time : 0;
        const int64_t ts = av_rescale_q(req.startUs, kUs, st->time_base) + start;
        if (avformat_seek_file(in.get(), s, INT64_MIN, ts, ts, AVSEEK_FLAG_BACKWARD) < 0)
            avformat_seek_file(in.get(), s, INT64_MIN, INT64_MIN, INT64_MIN, 0); // from the start
    }

    void reportProgress(int64_t tUs)
    {
        if (progress)
            progress->store(std::clamp(static_cast<float>(tUs - req.startUs) / static_cast<float>(req.endUs - req.startUs),
                                       0.0f, 0.99f),
                            std::memory_order_relaxed);
    }

    // The display matrix (a phone clip's rotation) goes with the video in both modes: the
    // pixels are never turned, so the clip plays upright where the source did.
    void copyDisplayMatrix(const AVStream* from, AVStream* to)
    {
        size_t size = 0;
        const uint8_t* m = av_stream_get_side_data(from, AV_PKT_DATA_DISPLAYMATRIX, &size);
        if (!m || size == 0)
            return;
        uint8_t* dst = av_stream_new_side_data(to, AV_PKT_DATA_DISPLAYMATRIX, size);
        if (!dst)
            fail(req.outputPath, "out of memory copying the display matrix");
        std::copy(m, m + size, dst);
    }

    // [SECTION] Stream copy

    void runCopy()
    {
        for (int s : {vIn, aIn}) {
            if (s < 0)
                continue;
            AVStream* os = avformat_new_stream(out.get(), nullptr);
            check(avcodec_parameters_copy(os->codecpar, in->streams[s]->codecpar), "cannot copy stream parameters");
            os->codecpar->codec_tag = 0;
            os->time_base = in->streams[s]->time_base;
            if (s == vIn)
                copyDisplayMatrix(in->streams[s], os);
            (s == vIn ? vOut : aOut) = os->index;
        }
        writeHeader();
        seekToStart();
        PacketPtr pkt = makePacket();
        int64_t offsetUs = INT64_MIN; // source time that becomes 0 in the clip
        bool videoDone = vIn < 0, audioDone = aIn < 0;
        while (!(videoDone && audioDone) && av_read_frame(in.get(), pkt.get()) >= 0) {
            if (cancelled())
                return;
            const int s = pkt->stream_index;
            const int64_t ts = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
            if (ts == AV_NOPTS_VALUE || (s != vIn && s != aIn)) {
                av_packet_unref(pkt.get());
                continue;
            }
            const int64_t tUs = toUs(ts, s);
            const int64_t dtsUs = pkt->dts != AV_NOPTS_VALUE ? toUs(pkt->dts, s) : tUs;
            bool keep = false;
            if (s == vIn) {
                if (offsetUs == INT64_MIN && (pkt->flags & AV_PKT_FLAG_KEY) && tUs <= req.startUs + 1)
                    offsetUs = tUs; // the clip starts on this keyframe
                else if (offsetUs == INT64_MIN && (pkt->flags & AV_PKT_FLAG_KEY))
                    offsetUs = tUs; // seek landed after startUs (no earlier keyframe)
                if (dtsUs >= req.endUs)
                    videoDone = true;
                // Every packet from the keyframe on (in decode order) until the end time; a
                // leading open-GOP B-frame (pts < keyframe) is kept too, and the output's
                // negative timestamps are shifted by avoid_negative_ts.
                keep = offsetUs != INT64_MIN && tUs < req.endUs;
            } else {
                if (vIn < 0 && offsetUs == INT64_MIN)
                    offsetUs = std::max<int64_t>(tUs, 0);
                if (tUs >= req.endUs)
                    audioDone = true;
                keep = offsetUs != INT64_MIN && tUs >= offsetUs && tUs < req.endUs;
            }
            if (keep) {
                const AVStream* is = in->streams[s];
                AVStream* os = out->streams[s == vIn ? vOut : aOut];
                const int64_t shift = av_rescale_q(offsetUs, kUs, is->time_base)
                    + (is->start_time != AV_NOPTS_VALUE ? is->start_time : 0);
                if (pkt->pts != AV_NOPTS_VALUE)
                    pkt->pts -= shift;
                if (pkt->dts != AV_NOPTS_VALUE)
                    pkt->dts -= shift;
                av_packet_rescale_ts(pkt.get(), is->time_base, os->time_base);
                pkt->stream_index = os->index;
                pkt->pos = -1;
                if (s == vIn)
                    ++result.videoFrames;
                else
                    ++result.audioPackets;
                reportProgress(tUs);
                check(av_interleaved_write_frame(out.get(), pkt.get()), "cannot write a packet");
            }
            av_packet_unref(pkt.get());
        }
        result.startUs = offsetUs == INT64_MIN ? req.startUs : offsetUs;
        result.endUs = req.endUs;
    }

    // [SECTION] Exact (re-encode)

    CodecCtxPtr openDecoder(int s)
    {
        const AVCodec* c = avcodec_find_decoder(in->streams[s]->codecpar->codec_id);
        if (!c)
            fail(req.inputPath, "no decoder for stream " + std::to_string(s));
        CodecCtxPtr ctx(avcodec_alloc_context3(c));
        avcodec_parameters_to_context(ctx.get(), in->streams[s]->codecpar);
        ctx->pkt_timebase = in->streams[s]->time_base;
        if (int e = avcodec_open2(ctx.get(), c, nullptr); e < 0)
            fail(req.inputPath, "cannot open the decoder: " + averrorString(e));
        if (ctx->codec_type == AVMEDIA_TYPE_AUDIO && ctx->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC)
            av_channel_layout_default(&ctx->ch_layout, ctx->ch_layout.nb_channels);
        return ctx;
    }

    void setupExact()
    {
        const bool globalHeader = out->oformat->flags & AVFMT_GLOBALHEADER;
        if (vIn >= 0) {
            vDec = openDecoder(vIn);
            const AVCodec* enc = avcodec_find_encoder_by_name("libx264");
            if (!enc)
                enc = avcodec_find_encoder(AV_CODEC_ID_MPEG4);
            if (!enc)
                fail(req.outputPath, "no H.264 or MPEG-4 encoder in this FFmpeg build");
            vEnc.reset(avcodec_alloc_context3(enc));
            vEnc->width = vDec->width;
            vEnc->height = vDec->height;
            vEnc->pix_fmt = AV_PIX_FMT_YUV420P;
            vEnc->sample_aspect_ratio = vDec->sample_aspect_ratio;
            AVRational fr = av_guess_frame_rate(in.get(), in->streams[vIn], nullptr);
            if (fr.num <= 0 || fr.den <= 0)
                fr = AVRational{25, 1};
            vEnc->framerate = fr;
            vEnc->time_base = in->streams[vIn]->time_base; // keeps VFR timestamps exact
            if (globalHeader)
                vEnc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
            if (std::string(enc->name) == "libx264") {
                av_opt_set(vEnc->priv_data, "preset", "veryfast", 0);
                av_opt_set(vEnc->priv_data, "crf", "18", 0);
            } else {
                vEnc->bit_rate = 4'000'000;
            }
            check(avcodec_open2(vEnc.get(), enc, nullptr), "cannot open the video encoder");
            AVStream* os = avformat_new_stream(out.get(), nullptr);
            check(avcodec_parameters_from_context(os->codecpar, vEnc.get()), "video parameters");
            os->time_base = vEnc->time_base;
            copyDisplayMatrix(in->streams[vIn], os);
            vOut = os->index;
        }
        if (aIn >= 0) {
            aDec = openDecoder(aIn);
            const AVCodec* enc = avcodec_find_encoder(AV_CODEC_ID_AAC);
            if (!enc)
                fail(req.outputPath, "no AAC encoder in this FFmpeg build");
            aEnc.reset(avcodec_alloc_context3(enc));
            aEnc->sample_fmt = AV_SAMPLE_FMT_FLTP;
            aEnc->sample_rate = aDec->sample_rate;
            av_channel_layout_default(&aEnc->ch_layout, std::min(aDec->ch_layout.nb_channels, 2));
            aEnc->bit_rate = 160'000;
            aEnc->time_base = AVRational{1, aEnc->sample_rate};
            if (globalHeader)
                aEnc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
            check(avcodec_open2(aEnc.get(), enc, nullptr), "cannot open the audio encoder");
            AVStream* os = avformat_new_stream(out.get(), nullptr);
            check(avcodec_parameters_from_context(os->codecpar, aEnc.get()), "audio parameters");
            os->time_base = aEnc->time_base;
            aOut = os->index;
            SwrContext* raw = nullptr;
            check(swr_alloc_set_opts2(&raw, &aEnc->ch_layout, aEnc->sample_fmt, aEnc->sample_rate, &aDec->ch_layout,
                                      aDec->sample_fmt, aDec->sample_rate, 0, nullptr),
                  "audio resampler");
            swr.reset(raw);
            check(swr_init(swr.get()), "audio resampler");
            fifo.reset(av_audio_fifo_alloc(aEnc->sample_fmt, aEnc->ch_layout.nb_channels, 4096));
        }
        writeHeader();
    }

    void drainEncoder(AVCodecContext* enc, int outStream, bool flush)
    {
        if (flush)
            avcodec_send_frame(enc, nullptr);
        PacketPtr pkt = makePacket();
        while (avcodec_receive_packet(enc, pkt.get()) == 0) {
            // FFmpeg 5.1 encoders leave video packet durations at 0; the mp4 muxer then gives
            // the last frame no duration and its edit list hides it. One nominal frame period.
            if (enc == vEnc.get() && pkt->duration <= 0 && enc->framerate.num > 0)
                pkt->duration = av_rescale_q(1, av_inv_q(enc->framerate), enc->time_base);
            av_packet_rescale_ts(pkt.get(), enc->time_base, out->streams[outStream]->time_base);
            pkt->stream_index = outStream;
            if (outStream == aOut)
                ++result.audioPackets;
            check(av_interleaved_write_frame(out.get(), pkt.get()), "cannot write a packet");
        }
    }

    void encodeVideo(AVFrame* f, int64_t tUs)
    {
        FramePtr conv;
        AVFrame* src = f;
        if (f->format != AV_PIX_FMT_YUV420P || f->width != vEnc->width || f->height != vEnc->height) {
            sws.reset(sws_getCachedContext(sws.release(), f->width, f->height, static_cast<AVPixelFormat>(f->format),
                                           vEnc->width, vEnc->height, AV_PIX_FMT_YUV420P, SWS_BICUBIC, nullptr,
                                           nullptr, nullptr));
            conv = makeFrame();
            conv->format = AV_PIX_FMT_YUV420P;
            conv->width = vEnc->width;
            conv->height = vEnc->height;
            check(av_frame_get_buffer(conv.get(), 0), "out of memory");
            sws_scale(sws.get(), f->data, f->linesize, 0, f->height, conv->data, conv->linesize);
            src = conv.get();
        }
        src->pts = av_rescale_q(tUs - req.startUs, kUs, vEnc->time_base);
        src->pict_type = AV_PICTURE_TYPE_NONE;
        check(avcodec_send_frame(vEnc.get(), src), "video encode");
        ++result.videoFrames;
        drainEncoder(vEnc.get(), vOut, false);
    }

    void encodeAudioFromFifo(bool flush)
    {
        const int fs = aEnc->frame_size > 0 ? aEnc->frame_size : 1024;
        while (av_audio_fifo_size(fifo.get()) >= fs || (flush && av_audio_fifo_size(fifo.get()) > 0)) {
            const int n = std::min(fs, av_audio_fifo_size(fifo.get()));
            FramePtr fr = makeFrame();
            fr->nb_samples = n;
            fr->format = aEnc->sample_fmt;
            fr->sample_rate = aEnc->sample_rate;
            av_channel_layout_copy(&fr->ch_layout, &aEnc->ch_layout);
            check(av_frame_get_buffer(fr.get(), 0), "out of memory");
            av_audio_fifo_read(fifo.get(), reinterpret_cast<void**>(fr->data), n);
            fr->pts = audioSamplesOut;
            audioSamplesOut += n;
            check(avcodec_send_frame(aEnc.get(), fr.get()), "audio encode");
            drainEncoder(aEnc.get(), aOut, false);
        }
    }

    void handleAudio(AVFrame* f)
    {
        const AVStream* st = in->streams[aIn];
        if (f->best_effort_timestamp == AV_NOPTS_VALUE)
            return;
        const int64_t tUs = toUs(f->best_effort_timestamp, aIn);
        const int64_t endUs = tUs + av_rescale(f->nb_samples, 1'000'000, f->sample_rate);
        (void)st;
        if (endUs <= req.startUs || tUs >= req.endUs)
            return;
        // Trim to [startUs, endUs) at sample precision.
        const int skip = tUs < req.startUs
            ? static_cast<int>(av_rescale(req.startUs - tUs, f->sample_rate, 1'000'000)) : 0;
        int take = f->nb_samples - skip;
        if (endUs > req.endUs)
            take -= static_cast<int>(av_rescale(endUs - req.endUs, f->sample_rate, 1'000'000));
        if (take <= 0)
            return;
        std::vector<const uint8_t*> planes(AV_NUM_DATA_POINTERS);
        const bool planar = av_sample_fmt_is_planar(static_cast<AVSampleFormat>(f->format));
        const int bps = av_get_bytes_per_sample(static_cast<AVSampleFormat>(f->format));
        for (int i = 0; i < AV_NUM_DATA_POINTERS && f->extended_data[i]; ++i)
            planes[i] = f->extended_data[i] + static_cast<size_t>(skip) * bps * (planar ? 1 : f->ch_layout.nb_channels);
        const int maxOut = swr_get_out_samples(swr.get(), take);
        FramePtr tmp = makeFrame();
        tmp->nb_samples = maxOut;
        tmp->format = aEnc->sample_fmt;
        av_channel_layout_copy(&tmp->ch_layout, &aEnc->ch_layout);
        tmp->sample_rate = aEnc->sample_rate;
        check(av_frame_get_buffer(tmp.get(), 0), "out of memory");
        const int n = swr_convert(swr.get(), tmp->data, maxOut, planes.data(), take);
        if (n > 0)
            av_audio_fifo_write(fifo.get(), reinterpret_cast<void**>(tmp->data), n);
        encodeAudioFromFifo(false);
    }

    void runExact()
    {
        setupExact();
        seekToStart();
        PacketPtr pkt = makePacket();
        FramePtr frame = makeFrame();
        bool videoDone = vIn < 0, audioDone = aIn < 0;
        int64_t firstVideoUs = INT64_MIN;
        auto receive = [&](AVCodecContext* dec, int s) {
            while (avcodec_receive_frame(dec, frame.get()) == 0) {
                if (s == vIn) {
                    const int64_t ts = frame->best_effort_timestamp;
                    const int64_t tUs = ts != AV_NOPTS_VALUE ? toUs(ts, vIn) : INT64_MIN;
                    if (tUs >= req.endUs)
                        videoDone = true;
                    else if (tUs >= req.startUs) {
                        if (firstVideoUs == INT64_MIN)
                            firstVideoUs = tUs;
                        encodeVideo(frame.get(), tUs);
                        reportProgress(tUs);
                    }
                } else {
                    if (frame->best_effort_timestamp != AV_NOPTS_VALUE
                        && toUs(frame->best_effort_timestamp, aIn) >= req.endUs)
                        audioDone = true;
                    else
                        handleAudio(frame.get());
                }
                av_frame_unref(frame.get());
            }
        };
        while (!(videoDone && audioDone)) {
            if (cancelled())
                return;
            if (av_read_frame(in.get(), pkt.get()) < 0)
                break;
            const int s = pkt->stream_index;
            AVCodecContext* dec = s == vIn ? vDec.get() : s == aIn ? aDec.get() : nullptr;
            if (dec && !((s == vIn && videoDone) || (s == aIn && audioDone))) {
                avcodec_send_packet(dec, pkt.get()); // a damaged packet is skipped
                receive(dec, s);
            }
            av_packet_unref(pkt.get());
        }
        // Drain decoders (frames still in the reorder buffer), then the encoders.
        if (vDec && !videoDone) {
            avcodec_send_packet(vDec.get(), nullptr);
            receive(vDec.get(), vIn);
        }
        if (aDec && !audioDone) {
            avcodec_send_packet(aDec.get(), nullptr);
            receive(aDec.get(), aIn);
        }
        if (aEnc) {
            encodeAudioFromFifo(true);
            drainEncoder(aEnc.get(), aOut, true);
        }
        if (vEnc)
            drainEncoder(vEnc.get(), vOut, true);
        result.startUs = firstVideoUs != INT64_MIN ? firstVideoUs : req.startUs;
        result.endUs = req.endUs;
    }
};

} // namespace

ClipResult exportClip(const ClipRequest& req, std::atomic<float>* progress, const std::atomic<bool>* cancel)
{
    if (req.endUs <= req.startUs || req.startUs < 0)
        throw MediaError(MediaError::Kind::OutOfRange, req.inputPath, "empty or negative clip range [" + std::to_string(req.startUs) + ", "
                         + std::to_string(req.endUs) + ") us");
    Exporter x(req, progress, cancel);
    x.result.mode = req.mode;
    std::error_code ec;
    try {
        x.openInput();
        x.openOutput();
        if (req.mode == ClipMode::StreamCopy)
            x.runCopy();
        else
            x.runExact();
        if (x.cancelled()) {
            x.out.reset();
            std::filesystem::remove(req.outputPath, ec);
            x.result.cancelled = true;
            return x.result;
        }
        x.check(av_write_trailer(x.out.get()), "cannot finish the file");
        x.out.reset(); // closes the file
    } catch (...) {
        const bool created = x.headerWritten;
        x.out.reset();
        if (created)
            std::filesystem::remove(req.outputPath, ec);
        throw;
    }
    if (progress)
        progress->store(1.0f, std::memory_order_relaxed);
    return x.result;
}

} // namespace codec
