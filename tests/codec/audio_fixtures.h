#pragma once
// Generated audio test media (ffmpeg CLI lavfi sources into BONDLINE_TEST_DATA_DIR).

#include <string>

// A sine of `hz` Hz, `seconds` long, at `rate` Hz with `channels` channels, as WAV.
// Generated once per build tree; returns the path.
std::string sineWav(int hz, double seconds, int rate, int channels);
