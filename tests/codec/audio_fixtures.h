#pragma once
// Generated audio test media (ffmpeg CLI lavfi sources into BONDLINE_TEST_DATA_DIR).

#include <string>

// A sine of `hz` Hz, `seconds` long, at `rate` Hz with `channels` channels, as WAV.
// Generated once per build tree; returns the path.
std::string sineWav(int hz, double seconds, int rate, int channels);

// Silence for the first half, then a 0.5-amplitude 440 Hz sine: `seconds` long, mono, 8 kHz.
std::string halfSilentWav(double seconds);
