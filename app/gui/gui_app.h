#pragma once
// The bondline window: SDL2 window + SDL_Renderer (software is fine) + Dear ImGui 1.86,
// and the frame loop  events -> tick media -> refresh workspace -> panels -> commands.
// Also the headless screenshot mode used by tests (SDL offscreen video driver).

#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/controller.h"
#include "app/gui/media_port.h"
#include "app/gui/workspace.h"

namespace app {

struct GuiOptions {
    std::string mediaPath;      // empty: friendly empty state
    std::string projectPath;    // a .bondline project: its browser, or the assignment below
    std::string coder;          // --coder NAME
    std::string session;        // --session CASE/NUMBER
    std::string scheme;         // --scheme ID (when the coder has several for the session)
    bool browse = false;        // --browse: the project browser even when a last session is known
    bool chooseFile = false;    // --choose-file: start with the file chooser open (open a project)
    std::string screenshotPath; // non-empty: render headless, write a PNG, exit
    int screenshotFrames = 3;   // frames rendered before the capture (at least)
    bool framesGiven = false;
    std::optional<int64_t> seekFrame;
    int width = 1280;
    int height = 720;
    bool showHelp = false;   // start with the F1 shortcut overlay open
    bool printState = false; // print the final playhead/play state on exit (for tests)
    bool help = false;
};

// Parse `bondline` arguments (argv without the program name). On a usage error returns
// nullopt and writes a one-line message to `err`.
std::optional<GuiOptions> parseGuiArgs(const std::vector<std::string>& args, std::ostream& err);
const char* guiUsage();

// Opens media for the window: fills `media` and returns the port, or throws an exception
// whose what() is the one-line message for the error modal.

// Run the window until quit (or, in screenshot mode, until the PNG is written).
// Exit status: 0 ok, 1 media or project could not be opened, no display, or the screenshot
// failed; 3 SDL failure.
int runGui(const GuiOptions& opt, const MediaOpener& opener, std::ostream& out, std::ostream& err);

} // namespace app
