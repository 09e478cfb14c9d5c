#pragma once
// Plays a FrameSource through codec::Player at each speed and counts what a 60 Hz display
// loop saw: frames shown, dropped (decoded but superseded before a tick showed them) and
// late (shown more than one frame duration after their time).

#include <memory>
#include <vector>

#include "bench/media/engine.h"
#include "codec/frame_source.h"

namespace bench {

// Plays `mediaSeconds` of media per speed from `startIndex`, each run from the same point.
std::vector<PlaybackResult> measurePlayback(std::unique_ptr<codec::FrameSource> source,
                                            int64_t startIndex, double mediaSeconds,
                                            const std::vector<double>& speeds);

} // namespace bench
