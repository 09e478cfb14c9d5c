#include "app/gui/key_bindings.h"

#include <SDL.h>

namespace app {

namespace {
const KeyBinding kBindings[] = {
    {SDLK_SPACE, false, false, "Space", "play / pause", TogglePlay{}},
    {SDLK_RIGHT, false, false, "Right", "next frame (pauses)", Step{+1}},
    {SDLK_LEFT, false, false, "Left", "previous frame (pauses)", Step{-1}},
    {SDLK_RIGHT, true, false, "Shift+Right", "forward 1 s", StepTime{+1'000'000}},
    {SDLK_LEFT, true, false, "Shift+Left", "back 1 s", StepTime{-1'000'000}},
    {SDLK_RIGHT, false, true, "Ctrl+Right", "forward 5 s", StepTime{+5'000'000}},
    {SDLK_LEFT, false, true, "Ctrl+Left", "back 5 s", StepTime{-5'000'000}},
    {SDLK_RIGHTBRACKET, false, false, "]", "faster (up to 8x)", SpeedStep{+1}},
    {SDLK_LEFTBRACKET, false, false, "[", "slower (down to 0.1x)", SpeedStep{-1}},
    {SDLK_BACKSPACE, false, false, "Backspace", "normal speed (1x)", SetSpeed{1.0}},
    {SDLK_HOME, false, false, "Home", "first frame", GoToStart{}},
    {SDLK_END, false, false, "End", "last frame", GoToEnd{}},
    {SDLK_ESCAPE, false, false, "Escape", "directed item: store it without a target", CancelPending{}},
    {SDLK_DELETE, false, false, "Delete", "delete the selected codings", DeleteSelected{}},
    {SDLK_a, false, true, "Ctrl+A", "select every coding of the session", SelectAll{}},
    {SDLK_c, false, true, "Ctrl+C", "copy the selected codings", CopySelected{}},
    {SDLK_x, false, true, "Ctrl+X", "cut the selected codings", CutSelected{}},
    {SDLK_v, false, true, "Ctrl+V", "paste: the earliest copied coding on the frame shown", Paste{}},
    {SDLK_l, false, true, "Ctrl+L", "loop the selected coding (again: loop off)", LoopSelected{}},
    {SDLK_f, false, true, "Ctrl+F", "timeline follows the playhead: on / off", ToggleFollowPlayhead{}},
    {SDLK_z, false, true, "Ctrl+Z", "undo", Undo{}},
    {SDLK_z, true, true, "Ctrl+Shift+Z", "redo", Redo{}},
    {SDLK_y, false, true, "Ctrl+Y", "redo", Redo{}},
    {SDLK_F1, false, false, "F1", "show / hide this help", ToggleHelp{}},
    {SDLK_q, true, false, "Shift+Q", "quit", Quit{}},
};
} // namespace

std::span<const KeyBinding> keyBindings() { return kBindings; }

std::optional<Command> commandForKey(int sdlKeycode, bool shift, bool ctrl)
{
    const KeyBinding* loose = nullptr;
    for (const KeyBinding& b : kBindings) {
        if (b.keycode != sdlKeycode || b.ctrl != ctrl)
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

const KeyBinding* transportCollision(const std::string& schemeKey)
{
    if (schemeKey.empty())
        return nullptr;
    SDL_Keycode k = schemeKey.size() == 1 ? static_cast<SDL_Keycode>(static_cast<unsigned char>(schemeKey[0]))
                                          : SDL_GetKeyFromName(schemeKey.c_str());
    if (k >= 'A' && k <= 'Z')
        k = k - 'A' + 'a';
    for (const KeyBinding& b : kBindings)
        if (b.keycode == k && !b.ctrl && !b.shift)
            return &b;
    return nullptr;
}

} // namespace app
