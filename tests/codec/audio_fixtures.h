#pragma once
// Generated audio test media (ffmpeg CLI lavfi sources into BONDLINE_TEST_DATA_DIR).

#include <string>

// A sine of `hz` Hz, `seconds` long, at `rate` Hz with `channels` channels, as WAV.
// Generated once per build tree; returns the path.
std::string sineWav(int hz, double seconds, int rate, int channels);

// Silence for the first half, then a 0.5-amplitude 440 Hz sine: `seconds` long, mono, 8 kHz.
std::string halfSilentWav(double seconds);

// A 6 s, 25 fps, 64x48 H.264 MP4 (GOP 25: keyframes each second, B-frames) whose frame N
// has a uniform luma of about 16 + N (limited range), plus a 440 Hz mono AAC track.
std::string lumaRampMp4();
// The frame number N of lumaRampMp4() that the first decoded frame of `path` shows (from
// its mean luma, via the ffmpeg CLI), or -1 on failure.
double firstFrameNumber(const std::string& path);
// ffprobe: number of video frames (decoded) and duration of the video stream in us.
int64_t probeVideoFrames(const std::string& path);
