#pragma once
// Keyboard shortcuts of the player window: one table that both the key handler and the
// help overlay (F1) read, so the two can never disagree.

#include <optional>
#include <span>

#include "app/gui/commands.h"

namespace app {

struct KeyBinding {
    int keycode;      // SDL_Keycode
    bool shift;       // requires Shift held
    const char* keys; // as shown in the help overlay
    const char* what;
    Command command;
};

std::span<const KeyBinding> keyBindings();

// The command for a key press, or nullopt. `shift` = a Shift key is held.
std::optional<Command> commandForKey(int sdlKeycode, bool shift);

} // namespace app
