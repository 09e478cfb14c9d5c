#pragma once
// Opens a media file for the window: the MediaOpener that main() passes to runGui.

#include <memory>
#include <string>

#include "app/gui/media_port.h"
#include "app/gui/workspace.h"

namespace app {

// Throws an exception with a one-line message (file + problem) when the file cannot be opened.
std::unique_ptr<MediaPort> openPlayerPort(const std::string& path, MediaState& media);

} // namespace app
