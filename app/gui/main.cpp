// bondline: the GUI. Everything but argument hand-off lives in bondline_gui_lib.
#include <iostream>
#include <string>
#include <vector>

#include "app/gui/gui_app.h"
#include "app/gui/player_port.h"

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    auto opt = app::parseGuiArgs(args, std::cerr);
    if (!opt) {
        std::cerr << app::guiUsage();
        return 2;
    }
    if (opt->help) {
        std::cout << app::guiUsage();
        return 0;
    }
    // Headless screenshots never open an audio device.
    const app::MediaOpener opener = opt->screenshotPath.empty() ? app::MediaOpener(app::openPlayerPort)
                                                                : app::MediaOpener(app::openPlayerPortSilent);
    return app::runGui(*opt, opener, std::cout, std::cerr);
}
