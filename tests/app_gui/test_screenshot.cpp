#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/app_gui/screenshot_util.h"

namespace fs = std::filesystem;

namespace {
std::string exe() { return shellQuote(BONDLINE_GUI_EXE); }
fs::path outDir()
{
    fs::path d = fs::path(BONDLINE_TEST_DATA_DIR) / "app_gui";
    fs::create_directories(d);
    return d;
}
// Fraction of pixels in the rectangle that differ from the background colour by > 40.
double inkFraction(const Image& img, int x0, int y0, int x1, int y1)
{
    const uint8_t* bg = img.at(x0, y0);
    int64_t ink = 0, total = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x, ++total) {
            const uint8_t* p = img.at(x, y);
            if (std::abs(p[0] - bg[0]) + std::abs(p[1] - bg[1]) + std::abs(p[2] - bg[2]) > 40)
                ++ink;
        }
    return total ? static_cast<double>(ink) / total : 0.0;
}
} // namespace

TEST_CASE("empty state renders headless at the requested size", "[screenshot]")
{
    const fs::path png = outDir() / "empty.png";
    fs::remove(png);
    std::string out;
    const int rc = runCommand("SDL_AUDIODRIVER=dummy " + exe() + " --screenshot " + shellQuote(png.string())
                                  + " --size 800x450",
                              out);
    INFO(out);
    REQUIRE(rc == 0);
    const Image img = loadPng(png.string());
    REQUIRE(img.width == 800);
    REQUIRE(img.height == 450);
    // The centred start page (open / new project, open media): ink in the middle band,
    // none in the top band.
    CHECK(inkFraction(img, 200, 150, 600, 250) > 0.005);
    CHECK(inkFraction(img, 50, 5, 750, 40) == 0.0);
    // The status line near the bottom (room for two lines when it wraps) has text.
    CHECK(inkFraction(img, 4, 395, 300, 446) > 0.01);
}

TEST_CASE("a file that cannot be opened shows the error and exits 1", "[screenshot]")
{
    const fs::path png = outDir() / "error.png";
    const fs::path bad = outDir() / "zero-bytes.mp4";
    { std::FILE* f = std::fopen(bad.c_str(), "wb"); std::fclose(f); }
    fs::remove(png);
    std::string out;
    const int rc = runCommand(exe() + " --screenshot " + shellQuote(png.string()) + " --size 800x450 "
                                  + shellQuote(bad.string()),
                              out);
    CHECK(rc == 1);
    CHECK(out.find(bad.string()) != std::string::npos);
    CHECK(std::count(out.begin(), out.end(), '\n') == 1);
    const Image img = loadPng(png.string());
    REQUIRE(img.width == 800);
}

TEST_CASE("without a display the window says so in one line and exits 1", "[args]")
{
    std::string out;
    const int rc = runCommand("env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER timeout 20 " + exe()
                                  + " --frames 3 some-file.mp4",
                              out);
    CHECK(rc == 1);
    // The --frames warning, then the one line about the display.
    CHECK(out.find("--frames applies only with --screenshot") != std::string::npos);
    CHECK(out.find("no display") != std::string::npos);
    CHECK(out.find("xvfb-run") != std::string::npos);
    CHECK(out.find("bondline-cli") != std::string::npos);
    CHECK(std::count(out.begin(), out.end(), '\n') == 2);
}

TEST_CASE("a project assignment opens in the coding view at the frame asked for", "[screenshot][document]")
{
    // An unknown assignment is an error naming the project, exit 1.
    std::string out;
    const fs::path png = outDir() / "no-assignment.png";
    CHECK(runCommand(exe() + " --screenshot " + shellQuote(png.string()) + " missing.bondline --coder anna --session F1/1", out) == 1);
    CHECK(out.find("missing.bondline") != std::string::npos);
    CHECK(runCommand(exe() + " --coder anna some.mp4", out) == 2);
    CHECK(out.find("need a PROJECT.bondline") != std::string::npos);
}

TEST_CASE("usage errors exit 2 with a one-line message", "[args]")
{
    std::string out;
    CHECK(runCommand(exe() + " --frames", out) == 2);
    CHECK(out.rfind("bondline: --frames needs a value", 0) == 0);
    CHECK(runCommand(exe() + " --help", out) == 0);
    CHECK(out.rfind("usage: bondline", 0) == 0);
}
