#include "codec/audio_tempo.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "codec/ffmpeg_ptr.h"
#include "codec/media_error.h"

extern "C" {
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
}

namespace codec {

using namespace detail;

struct AudioTempo::Impl {
    AudioSpec spec;
    double speed = 1.0;
    FilterGraphPtr graph;
    AVFilterContext* src = nullptr;  // owned by graph
    AVFilterContext* sink = nullptr; // owned by graph
    FramePtr in = makeFrame();
    FramePtr outFrame = makeFrame();
    int64_t nextPts = 0;
    bool flushed = false;

    void build()
    {
        graph.reset(avfilter_graph_alloc());
        if (!graph)
            throw MediaError(MediaError::Kind::Io, "audio tempo: out of memory");
        char layout[64] = {};
        AVChannelLayout ch;
        av_channel_layout_default(&ch, spec.channels);
        av_channel_layout_describe(&ch, layout, sizeof layout);
        av_channel_layout_uninit(&ch);
        const char* fmtName = spec.format == SampleFormat::S16 ? "s16" : "flt";
        char args[256];
        std::snprintf(args, sizeof args, "time_base=1/%d:sample_rate=%d:sample_fmt=%s:channel_layout=%s",
                      spec.sampleRate, spec.sampleRate, fmtName, layout);
        auto check = [](int e, const char* what) {
            if (e < 0)
                throw MediaError(MediaError::Kind::Io, std::string("audio tempo: cannot ") + what + ": " + averrorString(e));
        };
        check(avfilter_graph_create_filter(&src, avfilter_get_by_name("abuffer"), "in", args, nullptr, graph.get()),
              "create abuffer");
        check(avfilter_graph_create_filter(&sink, avfilter_get_by_name("abuffersink"), "out", nullptr, nullptr,
                                           graph.get()),
              "create abuffersink");
        // Keep the sink's format equal to the device format (atempo accepts s16 and flt).
        const AVSampleFormat fmts[] = {spec.format == SampleFormat::S16 ? AV_SAMPLE_FMT_S16 : AV_SAMPLE_FMT_FLT,
                                       AV_SAMPLE_FMT_NONE};
        check(av_opt_set_int_list(sink, "sample_fmts", fmts, AV_SAMPLE_FMT_NONE, AV_OPT_SEARCH_CHILDREN),
              "set the sink format");
        AVFilterContext* prev = src;
        int i = 0;
        for (double f : stages(speed)) {
            const AVFilter* atempo = avfilter_get_by_name("atempo");
            if (!atempo)
                throw MediaError(MediaError::Kind::Io, "audio tempo: this FFmpeg build has no atempo filter");
            AVFilterContext* t = nullptr;
            char name[32], targs[32];
            std::snprintf(name, sizeof name, "atempo%d", i++);
            std::snprintf(targs, sizeof targs, "tempo=%.6f", f);
            check(avfilter_graph_create_filter(&t, atempo, name, targs, nullptr, graph.get()), "create atempo");
            check(avfilter_link(prev, 0, t, 0), "link atempo");
            prev = t;
        }
        check(avfilter_link(prev, 0, sink, 0), "link the sink");
        check(avfilter_graph_config(graph.get(), nullptr), "configure the filter graph");
        nextPts = 0;
        flushed = false;
    }

    void drain(std::vector<uint8_t>& out)
    {
        for (;;) {
            const int r = av_buffersink_get_frame(sink, outFrame.get());
            if (r < 0)
                return; // EAGAIN (needs more input) or EOF
            const size_t bytes = static_cast<size_t>(outFrame->nb_samples) * spec.bytesPerFrame();
            out.insert(out.end(), outFrame->data[0], outFrame->data[0] + bytes);
            av_frame_unref(outFrame.get());
        }
    }
};

std::vector<double> AudioTempo::stages(double speed)
{
    speed = std::clamp(speed, 0.1, 8.0);
    std::vector<double> s;
    while (speed > 2.0) {
        s.push_back(2.0);
        speed /= 2.0;
    }
    while (speed < 0.5) {
        s.push_back(0.5);
        speed /= 0.5;
    }
    if (std::abs(speed - 1.0) > 1e-9 || s.empty())
        s.push_back(speed);
    return s;
}

AudioTempo::AudioTempo(AudioSpec spec, double speed) : m(std::make_unique<Impl>())
{
    m->spec = spec;
    m->speed = std::clamp(speed, 0.1, 8.0);
    m->build();
}

AudioTempo::~AudioTempo() = default;

double AudioTempo::speed() const { return m->speed; }

void AudioTempo::process(const uint8_t* data, int frames, std::vector<uint8_t>& out)
{
    if (m->flushed || frames <= 0)
        return;
    AVFrame* f = m->in.get();
    f->format = m->spec.format == SampleFormat::S16 ? AV_SAMPLE_FMT_S16 : AV_SAMPLE_FMT_FLT;
    f->sample_rate = m->spec.sampleRate;
    av_channel_layout_default(&f->ch_layout, m->spec.channels);
    f->nb_samples = frames;
    f->pts = m->nextPts;
    m->nextPts += frames;
    if (av_frame_get_buffer(f, 0) < 0)
        throw MediaError(MediaError::Kind::Io, "audio tempo: out of memory");
    std::copy(data, data + static_cast<size_t>(frames) * m->spec.bytesPerFrame(), f->data[0]);
    const int r = av_buffersrc_add_frame(m->src, f); // takes the frame's references
    av_frame_unref(f);
    if (r < 0)
        throw MediaError(MediaError::Kind::Io, "audio tempo: cannot feed the filter: " + averrorString(r));
    m->drain(out);
}

void AudioTempo::flush(std::vector<uint8_t>& out)
{
    if (m->flushed)
        return;
    // An error here only means the graph is already at EOF; draining below is still correct.
    (void)!av_buffersrc_add_frame(m->src, nullptr);
    m->flushed = true;
    m->drain(out);
}

void AudioTempo::reset() { m->build(); }

} // namespace codec
