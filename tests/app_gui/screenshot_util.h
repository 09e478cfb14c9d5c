#pragma once
// Helpers for the headless screenshot tests: run the bondline executable with the SDL
// offscreen driver and read the PNG it writes.

#include <cstdint>
#include <string>
#include <vector>

struct Image {
    int width = 0, height = 0;
    std::vector<uint8_t> rgb; // 3 bytes per pixel, row-major
    const uint8_t* at(int x, int y) const { return &rgb[(static_cast<size_t>(y) * width + x) * 3]; }
};

Image loadPng(const std::string& path);
// Runs a shell command; returns its exit status and captures stdout+stderr into `output`.
int runCommand(const std::string& cmd, std::string& output);
std::string shellQuote(const std::string& s);
