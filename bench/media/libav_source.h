#pragma once
// A minimal codec::FrameSource over plain libav, private to the media benchmark. It lets
// the benchmark drive codec::Player's playback (decode-ahead, clock, dropped/late
// counters) with real decode cost while the codec module has no frame-exact decoder of
// its own. Sequential requests decode the next frame; any other request seeks to the
// keyframe before it (from the Reference index) and decodes forward. It is not the
// product's decoder: no cache, no skipping of non-reference frames.

#include <memory>

#include "bench/media/reference.h"
#include "codec/frame_source.h"

namespace bench {

std::unique_ptr<codec::FrameSource> makeLibavSource(const Reference& ref, int threads);

} // namespace bench
