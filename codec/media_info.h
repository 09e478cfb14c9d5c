#pragma once
// Probing a media file: its streams, duration and, for the first video stream, the exact
// frame count, frame rate (and whether it is variable) and keyframe interval, all taken
// from the packet-level frame index (never from the container's nominal rate alone).
#include <cstdint>
#include <string>
#include <vector>

#include "codec/display_transform.h"
#include "codec/frame_index.h"

namespace codec {

struct StreamInfo {
    int index = 0;
    std::string type;  // "video", "audio", "subtitle", "data", "other"
    std::string codec; // FFmpeg codec name, e.g. "h264"
    int64_t durationUs = 0;
    // video
    int width = 0;  // coded size: the decoded pictures' (= codedWidth/codedHeight)
    int height = 0;
    int codedWidth = 0;
    int codedHeight = 0;
    int displayWidth = 0;  // as shown: turned by the display matrix (240x320 for a
    int displayHeight = 0; // 320x240 clip rotated 90 degrees)
    std::string pixelFormat;
    // The display matrix (phone clips) as "rotate clockwise by rotationDegrees, then mirror
    // left-right when mirrored"; 0 / false if none. `display` is the same for drawing.
    int rotationDegrees = 0;
    bool mirrored = false;
    DisplayTransform display;
    bool interlaced = false;
    // audio
    int sampleRate = 0;
    int channels = 0;
};

struct VideoSummary {
    int streamIndex = -1;
    int64_t frameCount = 0;
    double frameRate = 0;  // mean frames per second over the whole stream
    bool variableFrameRate = false;
    int64_t minFrameDurationUs = 0;
    int64_t maxFrameDurationUs = 0;
    int64_t keyframeCount = 0;
    double meanKeyframeInterval = 0; // frames between keyframes
    int64_t maxKeyframeInterval = 0;
};

struct MediaInfo {
    std::string path;
    std::string format; // demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
    int64_t durationUs = 0;
    std::vector<StreamInfo> streams;
    bool hasVideo = false;
    bool hasAudio = false;
    VideoSummary video; // valid when hasVideo
};

// Opens the file, builds the frame index of the first video stream, summarises.
// Throws MediaError. Thread-safe. One scan serves a whole open: probeMedia, the
// VideoDecoder (VideoFrameSource) constructor and AudioDecoder::hasAudio on the same
// unchanged file (same size and modification time) reuse the scan of whichever ran
// first (an in-process cache of the few most recent files).
MediaInfo probeMedia(const std::string& path);

// Process-wide counts, for tests and benchmarks: demuxers opened (avformat_open_input
// through codec's open path), frame-index scans (packet or decode scans of a whole
// video stream), and opens that reused a cached scan.
struct OpenCounters {
    uint64_t demuxerOpens = 0;
    uint64_t indexScans = 0;
    uint64_t scanCacheHits = 0;
    uint64_t directProgramStreamScans = 0; // DVD indexes read without libavformat's packets
};
OpenCounters openCounters();
// Drops the in-process scan cache (tests and benchmarks: the next open reads the
// frame index from the disk cache, codec/index_cache.h, or scans the file).
void forgetScans();

// How scanFrameIndex builds an MPEG-1/2 index where packets lack pts (DVD program
// streams): as probeMedia does (Auto: the program stream read directly, checked against
// libavformat's first packets), from libavformat's packets and picture headers only
// (Packets), or by decoding every frame (Decode). Other streams: the packet scan.
enum class IndexScan { Auto, Packets, Decode };

// The frame index of the first video stream, scanned now (no cache, nothing stored).
// For tests and benchmarks.
FrameIndex scanFrameIndex(const std::string& path, IndexScan how = IndexScan::Auto);

// Summary statistics of an index (frame rate, VFR, keyframe interval).
VideoSummary summarize(const FrameIndex& index);

} // namespace codec
