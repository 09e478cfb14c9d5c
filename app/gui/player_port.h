#pragma once
// The window's MediaPort over codec::Player, and the SDL audio device that feeds from it.

#include <memory>
#include <string>

#include "app/gui/media_port.h"
#include "app/gui/workspace.h"

namespace codec {
class FrameSource;
class Player;
} // namespace codec

namespace app {

struct PortOptions {
    bool audio = true;          // open an SDL audio device when one exists
    std::string audioPath;      // the file to take audio from (usually the media file)
    bool waveform = true;       // build the audio waveform in the background
    std::string thumbnailPath;  // a video file: keyframe thumbnails in the background (its own decoder)
};

// Wraps `source` in a codec::Player (plus SDL audio when wanted and available) and fills
// `media`. Throws codec::MediaError on failure.
std::unique_ptr<MediaPort> makePlayerPort(std::unique_ptr<codec::FrameSource> source, const PortOptions& opt,
                                          MediaState& media);

// The MediaOpener for real files (decoder + player + audio): throws a one-line message.
std::unique_ptr<MediaPort> openPlayerPort(const std::string& path, MediaState& media);
// Same without audio (headless screenshots and tests).
std::unique_ptr<MediaPort> openPlayerPortSilent(const std::string& path, MediaState& media);

} // namespace app
