#pragma once
// Writes a VideoFrame as an RGB24 PNG using libavcodec's PNG encoder.
#include <string>

#include "codec/video_frame.h"

namespace codec {

// Throws MediaError (Kind::Io) naming the output path on failure.
void writePng(const VideoFrame& frame, const std::string& path);

} // namespace codec
