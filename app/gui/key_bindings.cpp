#include "app/gui/key_bindings.h"

#include <SDL.h>

namespace app {

namespace {
const KeyBinding kBindings[] = {
    {SDLK_SPACE, false, "Space", "play / pause", TogglePlay{}},
    {SDLK_RIGHT, false, "Right", "next frame (pauses)", Step{+1}},
    {SDLK_LEFT, false, "Left", "previous frame (pauses)", Step{-1}},
    {SDLK_RIGHT, true, "Shift+Right", "forward 1 s", StepTime{+1'000'000}},
    {SDLK_LEFT, true, "Shift+Left", "back 1 s", StepTime{-1'000'000}},
    {SDLK_RIGHTBRACKET, false, "]", "faster (up to 8x)", SpeedStep{+1}},
    {SDLK_LEFTBRACKET, false, "[", "slower (down to 0.1x)", SpeedStep{-1}},
    {SDLK_BACKSPACE, false, "Backspace", "normal speed (1x)", SetSpeed{1.0}},
    {SDLK_HOME, false, "Home", "first frame", GoToStart{}},
    {SDLK_END, false, "End", "last frame", GoToEnd{}},
    {SDLK_F1, false, "F1", "show / hide this help", ToggleHelp{}},
    {SDLK_q, true, "Shift+Q", "quit", Quit{}},
};
} // namespace

std::span<const KeyBinding> keyBindings() { return kBindings; }

std::optional<Command> commandForKey(int sdlKeycode, bool shift)
{
    // An exact Shift match wins; keys without a Shift variant also fire with Shift held.
    const KeyBinding* loose = nullptr;
    for (const KeyBinding& b : kBindings) {
        if (b.keycode != sdlKeycode)
            continue;
        if (b.shift == shift)
            return b.command;
        if (!b.shift)
            loose = &b;
    }
    if (loose)
        return loose->command;
    return std::nullopt;
}

} // namespace app
