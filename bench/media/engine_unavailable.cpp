// Built when the codec module has no frame-exact decoder (codec/video_decoder.h) yet: the
// peers (ffmpeg CLI, mpv) and the physical bound are still measured and reported.

#include "bench/media/engine.h"

namespace bench {

EngineResults measureEngine(const Reference&, const EngineOptions&)
{
    EngineResults r;
    r.note = "codec::VideoDecoder is not in this build";
    return r;
}

} // namespace bench
