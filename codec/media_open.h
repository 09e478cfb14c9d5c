#pragma once
// INTERNAL to codec/: opening a demuxer with typed errors, building the frame index,
// and the definition of VideoFrame::Impl. Includes FFmpeg headers.
#include <memory>
#include <optional>
#include <string>

#include "codec/ffmpeg_ptr.h"
#include "codec/frame_index.h"
#include "codec/media_info.h"
#include "codec/video_frame.h"

namespace codec {

struct VideoFrame::Impl {
    detail::FramePtr frame; // AV_PIX_FMT_YUV420P
    int64_t index = 0;
    int64_t pts = 0;
    int64_t timeUs = 0;
    int64_t durationUs = 0;
    bool keyframe = false;
    size_t bytes = 0;
    DisplayTransform display;
};

namespace detail {

// Opens and reads stream info, then checks the file is a recording (requireRecording).
// Throws MediaError with the right kind.
FormatPtr openInput(const std::string& path);
// The one-line problem for anything that is not a recording (random bytes, a PDF, a ZIP):
// MediaError::Kind::InvalidData, "PATH: not a video or audio recording FFmpeg can read (why)".
inline constexpr const char* NotARecording = "not a video or audio recording FFmpeg can read";
[[noreturn]] void notARecording(const std::string& path, const std::string& why);
// A video stream with a picture size (not cover art, not text art) or an audio stream
// with a sample rate and channels.
bool usableStream(const AVStream* st);
// Throws notARecording when no stream is usable, or when FFmpeg recognised the format
// only weakly (probe score below AVPROBE_SCORE_EXTENSION) and no frame of the best
// stream decodes without errors.
void requireRecording(AVFormatContext* fmt, const std::string& path);
// Packet scan of one stream (no decode) into display-order pts; falls back to a decode
// scan when packets lack pts (MPEG program streams). Throws MediaError.
// MPEG-1/2 video (DVD program streams) is indexed from its picture headers instead
// (display order from temporal_reference, no decoding) unless `how` is Decode or the
// stream needs decoding to be sure (field pictures, open first GOP, broken links); in a
// program stream the pictures are read straight from the file (mpeg_ps_scan.h) once they
// agree with libavformat's first packets, unless `how` is Packets.
FrameIndex buildIndex(AVFormatContext* fmt, int streamIndex, const std::string& path,
                      IndexScan how = IndexScan::Auto);
// probeMedia on an already opened demuxer; also hands out the frame index (one packet
// scan serves both). Leaves the demuxer at end of file.
MediaInfo probeOpened(AVFormatContext* fmt, const std::string& path, FrameIndex* indexOut);
// What one scan of a file found: its MediaInfo and the first video stream's frame index.
struct Scan {
    MediaInfo info;
    FrameIndex index; // empty when !info.hasVideo
};
// The in-process scan cache (a few recent files, keyed by path, valid while the file's
// size and modification time are unchanged): probeMedia, VideoDecoder and
// AudioDecoder::hasAudio share one scan. nullptr when not cached or stale.
std::shared_ptr<const Scan> cachedScan(const std::string& path);
void storeScan(const std::string& path, std::shared_ptr<const Scan> scan);
// probeOpened through the cache: a cached scan, or a fresh one on `fmt` (then cached).
std::shared_ptr<const Scan> scanOpened(AVFormatContext* fmt, const std::string& path);
// Counters behind codec::openCounters().
void countDemuxerOpen();
// The display transform of a video stream (its display-matrix side data), identity if none.
DisplayTransform streamDisplay(const AVStream* st);
// The frame index kept on disk (codec/index_cache.h): nullopt when there is no valid
// cache file for this file and stream; store writes one (errors ignored: no cache).
std::optional<FrameIndex> loadCachedIndex(const std::string& path, int streamIndex);
void storeCachedIndex(const std::string& path, int streamIndex, const FrameIndex& index);
// loadCachedIndex, else buildIndex then storeCachedIndex.
FrameIndex indexFor(AVFormatContext* fmt, int streamIndex, const std::string& path);
// A decoder context for the stream. threads = 0: auto. Throws MediaError.
CodecCtxPtr openDecoder(AVFormatContext* fmt, int streamIndex, int threads, const std::string& path);
// The presentation timestamp of a decoded frame: its pts when the decoder passed one
// through, else FFmpeg's best-effort guess. AV_NOPTS_VALUE when neither exists.
int64_t framePts(const AVFrame* f);
// Convert/copy a decoded frame into an owned yuv420p frame (refcounted when already yuv420p).
FramePtr toYuv420(const AVFrame* src, SwsPtr& sws);

} // namespace detail
} // namespace codec
