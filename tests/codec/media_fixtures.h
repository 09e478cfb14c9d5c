#pragma once
// Test media generated at test time with the ffmpeg CLI into BONDLINE_TEST_DATA_DIR
// (never committed). Each clip is generated once per build tree and reused (cached by
// file name; a clip is written to a temporary name and renamed, so an interrupted run
// never leaves a half-written clip behind).
//
// Video clips encode their frame number in their pixels: the top band of the picture
// holds IndexBits black/white squares (bit b of N is square b, least significant left),
// 32x32 px, large enough to survive lossy compression. readEncodedIndex() reads it back
// from the Y plane of a decoded frame, so a test can tell exactly which frame it got.
#include <cstdint>
#include <string>
#include <vector>

namespace codec {
class VideoFrame;
}

namespace fixtures {

constexpr int IndexBits = 10; // up to 1023 frames
constexpr int ClipWidth = 320;
constexpr int ClipHeight = 240;

enum class Clip {
    H264Cfr,     // mp4, 25 fps, 300 frames, GOP 60, 3 B-frames
    H264Vfr,     // mp4, 240 frames, durations cycle 30/50/70 ms (see vfrTimeUs)
    H264Rotated, // mp4, 50 frames (FFmpeg 5.1 drops the rotate tag: unrotated; see rotatedPath)
    Hevc,        // mp4, 25 fps, 150 frames, GOP 50
    Mpeg2Ps,     // MPEG-2 program stream .mpg, interlaced, 25 fps, 150 frames, GOP 15
    MjpegAvi,    // MJPEG in AVI (yuvj422p -> exercises sws conversion), 60 frames
    Vp9Webm,     // VP9 in WebM, 25 fps, 100 frames, keyframe every 50
    H264Ts,      // MPEG-TS (Annex B start codes), 25 fps, 200 frames, GOP 50, 3 B-frames
    H264LongGop, // mp4, 25 fps, 300 frames in one GOP, 3 B-frames (the two-pass refill)
    // Program streams long enough (> 256 pictures) for the direct DVD reader
    // (codec/mpeg_ps_scan.h), each with an audio stream between the video packets:
    DvdPs,          // -f dvd (nav packs), interlaced MPEG-2, GOP 15, AC-3 audio, 600 frames
    Mpeg1System,    // -f mpeg: MPEG-1 system stream, MPEG-1 video, MP2 audio, 400 frames
    Mpeg2PsLowRate, // -f vob at 150 kbit/s: several pictures in one PES packet, 400 frames
    Wav,         // audio only, 2 s
    M4a,         // AAC audio only, 2 s
    Mp3,         // MP3 audio only, 2 s
    // bad inputs
    Empty,          // zero bytes, named .mp4
    TextAsMp4,      // a text file named .mp4
    TruncatedMp4,   // first half of an mp4 whose moov is at the end (no index)
    UnknownCodec,   // AVI whose fourcc was overwritten: demuxable, no decoder
    DamagedTs,      // H.264 MPEG-TS with garbage over its middle third
    DamagedPs,      // DvdPs with garbage over 60-65 % of its bytes
    TruncatedPs,    // DvdPs cut at 70 % of its bytes, in the middle of a pack
};

// Absolute path of the clip, generating it first if needed. Throws std::runtime_error
// when ffmpeg fails.
std::string path(Clip clip);
// H.264 mp4 clips (the index pattern, 320x240, 30 frames, GOP 10) whose track header
// carries a display matrix, as phones write it. FFmpeg 5.1's CLI cannot write one, so the
// tkhd matrix of a plain clip is patched.
enum class Orientation {
    Rotate90,       // portrait phone: shown turned 90 degrees clockwise (240x320)
    Rotate180,
    Rotate270,
    Mirror,         // left-right mirrored (a front camera)
    MirrorRotate90, // transposed: 90 degrees clockwise, then mirrored
};
std::string rotatedPath(Orientation o);
constexpr int RotatedFrames = 30;
// The 9 int32 of the display matrix written for `o` (16.16, last column 2.30).
void displayMatrixOf(Orientation o, int32_t out[9]);

// What the ffmpeg CLI writes for frame n of `path` (its default autorotate applied):
// `ffmpeg -i path -vf select=eq(n\,n)[,extraFilter] -frames:v 1 out.png`. Returns out.png.
std::string ffmpegFramePng(const std::string& path, int64_t n, const std::string& outPng,
                           const std::string& extraFilter = "");
// A PNG (or any picture) as packed pixels through the ffmpeg CLI; width/height from the
// PNG header. pixFmt "rgb24" (3 bytes a pixel) or "yuv420p" (the Y plane first).
std::vector<uint8_t> decodePicture(const std::string& png, int& width, int& height,
                                   const std::string& pixFmt = "rgb24");
// PSNR in dB of two equally sized 8-bit buffers (99 when identical).
double psnr(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b);

// Files that are not recordings, written to the test-data directory under `name`
// (the extension is the caller's choice: FFmpeg guesses formats from it).
enum class Garbage {
    RandomBytes, // 400 KB from a seeded generator (seed = `seed`)
    Zeros,       // 400 KB of zero bytes
    Pdf,         // a small PDF document
    Zip,         // a ZIP archive holding one text file
};
std::string garbage(Garbage kind, const std::string& name, uint32_t seed = 1);
// A path in the test-data directory that does not exist.
std::string missingPath();

int64_t frameCount(Clip clip);
// Exact presentation time (µs from frame 0) of frame n of H264Vfr.
int64_t vfrTimeUs(int64_t n);

// The frame number drawn into the frame's pixels, or -1 if the pattern is unreadable.
int64_t readEncodedIndex(const codec::VideoFrame& frame);
// The same from a Y plane (e.g. a codec::FrameView).
int64_t readEncodedIndex(const uint8_t* luma, int pitch, int width, int height);

} // namespace fixtures
