// Built when the codec module has no frame-exact decoder (codec/video_decoder.h) yet. The
// peers (ffmpeg CLI, mpv) and the physical bound are still measured, and codec::Player's
// playback is measured over the benchmark's own libav FrameSource (labelled as such).

#include "bench/media/engine.h"
#include "bench/media/libav_source.h"
#include "bench/media/playback.h"

namespace bench {

EngineResults measureEngine(const Reference& ref, const EngineOptions& opt)
{
    EngineResults r;
    r.note = "codec::VideoDecoder is not in this build; playback rows are codec::Player "
             "over the benchmark's libav source";
    if (opt.playbackSeconds > 0 && !opt.speeds.empty()) {
        const int64_t start = ref.keyframeBefore(ref.frameCount() / 10);
        r.playback = measurePlayback(makeLibavSource(ref, opt.threads), start,
                                     opt.playbackSeconds, opt.speeds);
    }
    return r;
}

} // namespace bench
