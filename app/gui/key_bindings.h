#pragma once
// Keyboard shortcuts of the window: one table that both the key handler and the help
// overlay (F1) read, so the two can never disagree. The scheme's item keys and the digit
// keys (actor / target) are resolved after this table (app/gui/key_router.h); a scheme key
// that equals a key of this table is reported when the scheme is opened.

#include <optional>
#include <span>
#include <string>

#include "app/gui/commands.h"

namespace app {

struct KeyBinding {
    int keycode;      // SDL_Keycode
    bool shift;       // requires Shift held
    bool ctrl;        // requires Ctrl held
    const char* keys; // as shown in the help overlay
    const char* what;
    Command command;
};

std::span<const KeyBinding> keyBindings();

// The command for a key press, or nullopt. An exact modifier match wins; a binding without
// Shift also fires with Shift held (not with Ctrl).
std::optional<Command> commandForKey(int sdlKeycode, bool shift, bool ctrl = false);

// The table's binding a scheme key (a single character or SDL key name, as written in the
// scheme file) would collide with, or null.
const KeyBinding* transportCollision(const std::string& schemeKey);

} // namespace app
