#include "app/gui/player_port.h"

#include <stdexcept>

namespace app {

std::unique_ptr<MediaPort> openPlayerPort(const std::string& path, MediaState&)
{
    throw std::runtime_error(path + ": cannot open: this build has no media engine yet");
}

} // namespace app
