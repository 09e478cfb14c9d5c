#include "codec/media_open.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <list>
#include <map>
#include <mutex>
#include <string_view>
#include <system_error>

extern "C" {
#include <libavutil/imgutils.h>
}

#include "codec/media_error.h"
#include "codec/mpeg_headers.h"
#include "codec/mpeg_ps_scan.h"

namespace codec::detail {

namespace {
// FFmpeg logs warnings and errors for damaged input on stderr; our callers report each
// failure as one typed MediaError line, so only fatal library messages are kept.
struct QuietLog {
    QuietLog() { av_log_set_level(AV_LOG_FATAL); }
};
} // namespace

namespace {

std::atomic<uint64_t> g_demuxerOpens{0};
std::atomic<uint64_t> g_indexScans{0};
std::atomic<uint64_t> g_scanCacheHits{0};
std::atomic<uint64_t> g_directProgramStreamScans{0};

// The scan cache: the few most recently scanned files. A file is identified by its path
// and validated by size and modification time (nanoseconds where the file system has them).
struct FileStamp {
    uintmax_t size = 0;
    std::filesystem::file_time_type mtime{};
    bool operator==(const FileStamp&) const = default;
};

std::optional<FileStamp> stampOf(const std::string& path)
{
    std::error_code ec;
    FileStamp s;
    s.size = std::filesystem::file_size(path, ec);
    if (ec)
        return std::nullopt;
    s.mtime = std::filesystem::last_write_time(path, ec);
    if (ec)
        return std::nullopt;
    return s;
}

struct ScanCache {
    static constexpr size_t Capacity = 8;
    struct Entry {
        std::string path;
        FileStamp stamp;
        std::shared_ptr<const Scan> scan;
    };
    std::mutex mutex;
    std::list<Entry> entries; // most recent first
};

ScanCache& scanCache()
{
    static ScanCache cache;
    return cache;
}

} // namespace

void countDemuxerOpen() { g_demuxerOpens.fetch_add(1, std::memory_order_relaxed); }

std::shared_ptr<const Scan> cachedScan(const std::string& path)
{
    const auto stamp = stampOf(path);
    if (!stamp)
        return nullptr;
    ScanCache& c = scanCache();
    std::lock_guard lk(c.mutex);
    for (auto it = c.entries.begin(); it != c.entries.end(); ++it) {
        if (it->path != path)
            continue;
        if (!(it->stamp == *stamp)) {
            c.entries.erase(it); // the file changed: scan it again
            return nullptr;
        }
        c.entries.splice(c.entries.begin(), c.entries, it);
        g_scanCacheHits.fetch_add(1, std::memory_order_relaxed);
        return c.entries.front().scan;
    }
    return nullptr;
}

void storeScan(const std::string& path, std::shared_ptr<const Scan> scan)
{
    const auto stamp = stampOf(path);
    if (!stamp || !scan)
        return;
    ScanCache& c = scanCache();
    std::lock_guard lk(c.mutex);
    c.entries.remove_if([&](const ScanCache::Entry& e) { return e.path == path; });
    c.entries.push_front({path, *stamp, std::move(scan)});
    while (c.entries.size() > ScanCache::Capacity)
        c.entries.pop_back();
}

std::shared_ptr<const Scan> scanOpened(AVFormatContext* fmt, const std::string& path)
{
    if (auto hit = cachedScan(path))
        return hit;
    auto scan = std::make_shared<Scan>();
    scan->info = probeOpened(fmt, path, &scan->index);
    storeScan(path, scan);
    return scan;
}

FormatPtr openInput(const std::string& path)
{
    static QuietLog quiet; // idempotent, sets a library-wide level once
    (void)quiet;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw MediaError(MediaError::Kind::NotFound, path, "no such file");
    if (std::filesystem::is_directory(path, ec))
        throw MediaError(MediaError::Kind::NotFound, path, "is a directory, not a media file");
    auto size = std::filesystem::file_size(path, ec);
    if (!ec && size == 0)
        throw MediaError(MediaError::Kind::EmptyFile, path, "file is empty (0 bytes)");

    AVFormatContext* raw = nullptr;
    countDemuxerOpen();
    int err = avformat_open_input(&raw, path.c_str(), nullptr, nullptr);
    if (err < 0) {
        if (err == AVERROR(ENOENT) || err == AVERROR(EACCES))
            throw MediaError(MediaError::Kind::NotFound, path, "cannot open: " + averrorString(err));
        notARecording(path, averrorString(err));
    }
    FormatPtr fmt(raw);
    err = avformat_find_stream_info(fmt.get(), nullptr);
    if (err < 0)
        notARecording(path, "cannot read stream information: " + averrorString(err));
    if (fmt->nb_streams == 0)
        notARecording(path, "no streams");
    requireRecording(fmt.get(), path);
    return fmt;
}

void notARecording(const std::string& path, const std::string& why)
{
    throw MediaError(MediaError::Kind::InvalidData, path,
                     std::string(NotARecording) + (why.empty() ? "" : " (" + why + ")"));
}

namespace {

// Video codecs FFmpeg "decodes" from any bytes with the right extension (text art):
// never a recording.
bool textArtCodec(AVCodecID id)
{
    return id == AV_CODEC_ID_BINTEXT || id == AV_CODEC_ID_XBIN || id == AV_CODEC_ID_IDF ||
           id == AV_CODEC_ID_ANSI;
}

} // namespace

bool usableStream(const AVStream* st)
{
    const AVCodecParameters* par = st->codecpar;
    if (par->codec_type == AVMEDIA_TYPE_VIDEO)
        return !(st->disposition & AV_DISPOSITION_ATTACHED_PIC) && par->width > 0 && par->height > 0 &&
               !textArtCodec(par->codec_id);
    if (par->codec_type == AVMEDIA_TYPE_AUDIO)
        return par->sample_rate > 0 && par->ch_layout.nb_channels > 0;
    return false;
}

namespace {

// True when the stream's first packets (at most 64, or 8 MiB) give one frame that the
// decoder reports undamaged, with strict error checking. Reads its own demuxer so the
// caller's position is untouched.
bool decodesAFrame(const std::string& path, int streamIndex)
{
    AVFormatContext* raw = nullptr;
    if (avformat_open_input(&raw, path.c_str(), nullptr, nullptr) < 0)
        return false;
    FormatPtr fmt(raw);
    if (avformat_find_stream_info(fmt.get(), nullptr) < 0 || streamIndex >= static_cast<int>(fmt->nb_streams))
        return false;
    for (unsigned i = 0; i < fmt->nb_streams; ++i)
        fmt->streams[i]->discard = static_cast<int>(i) == streamIndex ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
    const AVCodecParameters* par = fmt->streams[streamIndex]->codecpar;
    const AVCodec* dec = avcodec_find_decoder(par->codec_id);
    if (!dec)
        return true; // UnsupportedCodec is reported later, by the decoder that needs it
    CodecCtxPtr ctx(avcodec_alloc_context3(dec));
    if (!ctx || avcodec_parameters_to_context(ctx.get(), par) < 0)
        return false;
    ctx->thread_count = 1;
    ctx->err_recognition = AV_EF_EXPLODE | AV_EF_BITSTREAM | AV_EF_BUFFER;
    if (avcodec_open2(ctx.get(), dec, nullptr) < 0)
        return false;
    auto pkt = makePacket();
    auto frame = makeFrame();
    auto good = [&] {
        while (avcodec_receive_frame(ctx.get(), frame.get()) == 0) {
            const bool ok = frame->decode_error_flags == 0 && !(frame->flags & AV_FRAME_FLAG_CORRUPT) &&
                            (par->codec_type != AVMEDIA_TYPE_VIDEO || (frame->width > 0 && frame->height > 0));
            av_frame_unref(frame.get());
            if (ok)
                return true;
        }
        return false;
    };
    int64_t bytes = 0;
    for (int sent = 0; sent < 64 && bytes < (int64_t{8} << 20) && av_read_frame(fmt.get(), pkt.get()) >= 0;) {
        if (pkt->stream_index == streamIndex) {
            ++sent;
            bytes += pkt->size;
            avcodec_send_packet(ctx.get(), pkt.get());
            av_packet_unref(pkt.get());
            if (good())
                return true;
            continue;
        }
        av_packet_unref(pkt.get());
    }
    avcodec_send_packet(ctx.get(), nullptr);
    return good();
}

} // namespace

void requireRecording(AVFormatContext* fmt, const std::string& path)
{
    int best = -1;
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        if (!usableStream(fmt->streams[i]))
            continue;
        // Prefer video: it is what the window shows.
        if (best < 0 || (fmt->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_VIDEO &&
                         fmt->streams[best]->codecpar->codec_type != AVMEDIA_TYPE_VIDEO))
            best = static_cast<int>(i);
    }
    if (best < 0)
        notARecording(path, "no video stream with a picture size and no audio stream with a sample rate");
    // A demuxer that recognised the bytes only weakly (by extension, or a content probe
    // below AVPROBE_SCORE_EXTENSION) must prove it with a decodable frame. Real MPEG
    // program streams score 25-26 here, so the score alone cannot decide.
    if (fmt->probe_score < AVPROBE_SCORE_EXTENSION && !decodesAFrame(path, best))
        notARecording(path, std::string("weakly recognised as ") + (fmt->iformat ? fmt->iformat->name : "?") +
                                " and no frame decodes");
}

CodecCtxPtr openDecoder(AVFormatContext* fmt, int streamIndex, int threads, const std::string& path)
{
    AVStream* st = fmt->streams[streamIndex];
    const AVCodec* dec = avcodec_find_decoder(st->codecpar->codec_id);
    if (!dec)
        throw MediaError(MediaError::Kind::UnsupportedCodec, path,
                         std::string("no decoder for codec ") + avcodec_get_name(st->codecpar->codec_id));
    CodecCtxPtr ctx(avcodec_alloc_context3(dec));
    if (!ctx || avcodec_parameters_to_context(ctx.get(), st->codecpar) < 0)
        throw MediaError(MediaError::Kind::Io, path, "cannot set up the decoder");
    ctx->pkt_timebase = st->time_base;
    ctx->thread_count = threads;
    ctx->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
    int err = avcodec_open2(ctx.get(), dec, nullptr);
    if (err < 0)
        throw MediaError(MediaError::Kind::UnsupportedCodec, path,
                         std::string("cannot open the ") + dec->name + " decoder (" + averrorString(err) + ")");
    return ctx;
}

namespace {

int64_t nominalFrameDuration(AVStream* st)
{
    AVRational rate = st->avg_frame_rate.num > 0 ? st->avg_frame_rate : st->r_frame_rate;
    if (rate.num <= 0 || rate.den <= 0)
        return 40000;
    return av_rescale_q(1, av_inv_q(rate), AVRational{1, 1000000});
}

FrameIndex makeIndex(std::vector<FrameIndexEntry> entries, AVStream* st, int64_t lastDurationTb)
{
    std::sort(entries.begin(), entries.end(),
              [](const FrameIndexEntry& a, const FrameIndexEntry& b) { return a.pts < b.pts; });
    // Duplicate pts would make frame identity ambiguous; keep the first (keyframe wins).
    std::vector<FrameIndexEntry> unique;
    unique.reserve(entries.size());
    for (auto& e : entries) {
        if (!unique.empty() && unique.back().pts == e.pts) {
            unique.back().keyframe = unique.back().keyframe || e.keyframe;
            continue;
        }
        unique.push_back(e);
    }
    int64_t origin = unique.empty() ? 0 : unique.front().pts;
    for (auto& e : unique)
        e.timeUs = av_rescale_q(e.pts - origin, st->time_base, AVRational{1, 1000000});
    int64_t lastUs = lastDurationTb > 0 ? av_rescale_q(lastDurationTb, st->time_base, AVRational{1, 1000000})
                                        : nominalFrameDuration(st);
    if (unique.size() >= 2 && lastDurationTb <= 0) {
        // Prefer the previous frame's actual duration when the container gives none.
        lastUs = unique.back().timeUs - unique[unique.size() - 2].timeUs;
    }
    if (lastUs <= 0)
        lastUs = nominalFrameDuration(st);
    // The first displayed frame is always decodable from a seek to the start.
    if (!unique.empty())
        unique.front().keyframe = true;
    return FrameIndex(std::move(unique), st->time_base.num, st->time_base.den, lastUs);
}

FrameIndex decodeScan(const std::string& path, int streamIndex)
{
    // A fresh demuxer: seeking an MPEG-PS back to its start after a full read is not
    // reliable (the first packet can be lost).
    FormatPtr own = openInput(path);
    AVFormatContext* fmt = own.get();
    for (unsigned i = 0; i < fmt->nb_streams; ++i)
        fmt->streams[i]->discard = (static_cast<int>(i) == streamIndex) ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
    AVStream* st = fmt->streams[streamIndex];
    auto ctx = openDecoder(fmt, streamIndex, 0, path);
    auto pkt = makePacket();
    auto frame = makeFrame();
    std::vector<FrameIndexEntry> entries;
    int64_t lastDur = 0;
    const int64_t nominal = std::max<int64_t>(1, av_rescale_q(nominalFrameDuration(st), AVRational{1, 1000000}, st->time_base));
    // Frames leave the decoder in display order. MPEG-PS packets (and so frames) may lack
    // pts, and FFmpeg's best-effort guess can repeat one; such a frame gets the previous
    // frame's pts plus one frame duration. VideoDecoder identifies the same frames by
    // their position after the previous one, so both agree.
    auto drain = [&] {
        while (avcodec_receive_frame(ctx.get(), frame.get()) == 0) {
            int64_t pts = frame->pts;
            int64_t prev = entries.empty() ? AV_NOPTS_VALUE : entries.back().pts;
            if (pts == AV_NOPTS_VALUE || (prev != AV_NOPTS_VALUE && pts <= prev))
                pts = prev != AV_NOPTS_VALUE ? prev + (frame->pkt_duration > 0 ? frame->pkt_duration : nominal)
                                             : frame->best_effort_timestamp;
            if (pts != AV_NOPTS_VALUE)
                entries.push_back({pts, 0, frame->key_frame != 0});
            lastDur = frame->pkt_duration;
            av_frame_unref(frame.get());
        }
    };
    while (av_read_frame(fmt, pkt.get()) >= 0) {
        if (pkt->stream_index == streamIndex) {
            avcodec_send_packet(ctx.get(), pkt.get());
            drain();
        }
        av_packet_unref(pkt.get());
    }
    avcodec_send_packet(ctx.get(), nullptr);
    drain();
    return makeIndex(std::move(entries), st, lastDur);
}

// What buildIndex's packet loop gathers, for the whole stream.
struct PacketScan {
    std::vector<FrameIndexEntry> entries; // packets with pts, decode order (key: I-pictures)
    bool missingPts = false;
    int64_t lastDur = 0;
    Mpeg2HeaderScan headers;
};

// A picture as libavformat's mpegvideo parser cut it: the reference the direct reader's
// first pictures must equal.
struct ParsedPicture {
    int64_t pts = NoPts;
    int64_t duration = 0;
    bool key = false;
    std::vector<uint8_t> head; // its first bytes (at most CheckedBytes)
};
constexpr size_t CheckedPictures = 256;
constexpr size_t CheckedBytes = 4096;
constexpr int64_t PtsTicksPerSecond = 90000; // MPEG system clock / 300

// The timestamps libavformat fills in for MPEG-1/2 packets with B-frames
// (libavformat/demux.c: compute_pkt_fields, delay 1): a B-picture without a PTS gets the
// running dts (the previous picture's dts or pts plus its duration); an I- or P-picture
// keeps none ("cannot compute PTS if not present"). Cases it does not cover show up as a
// difference in the first pictures, and the direct reader is not used.
class FilledTimestamps {
public:
    int64_t pts(int64_t pts, int64_t dts, bool bPicture, int64_t duration)
    {
        bool delayed = !bPicture || (pts != NoPts && dts != NoPts && pts > dts);
        if (delayed && dts == pts && dts != NoPts)
            dts = NoPts; // "invalid dts/pts combination": an I/P-picture's dts is dropped
        if (delayed) {
            if (dts == NoPts)
                dts = m_lastAnchorPts;
            if (m_curDts == NoPts && dts != NoPts)
                m_curDts = dts;
            if (dts == NoPts)
                dts = m_curDts;
            if (m_lastAnchorDuration == 0)
                m_lastAnchorDuration = duration;
            if (dts != NoPts)
                m_curDts = dts + m_lastAnchorDuration;
            m_lastAnchorDuration = duration;
            m_lastAnchorPts = pts;
        } else {
            if (pts == NoPts)
                pts = dts;
            if (m_curDts == NoPts && pts != NoPts)
                m_curDts = pts;
            if (pts == NoPts)
                pts = m_curDts;
            dts = pts;
            if (pts != NoPts)
                m_curDts = pts + duration;
        }
        if (dts != NoPts && dts > m_curDts)
            m_curDts = dts;
        return pts;
    }

private:
    int64_t m_curDts = NoPts;
    int64_t m_lastAnchorPts = NoPts;
    int64_t m_lastAnchorDuration = 0;
};

// The DVD index without libavformat's packets: the program stream read straight from the
// file (mpeg_ps_scan.h), used only when its first pictures are libavformat's first
// packets byte for byte, with the same pts, duration and key flag. Packet durations come
// from those packets by repeat_pict (the parser's rule: frame rate x repeat fields).
// Anything else — a picture timing the first pictures did not show, a pts jump back
// (libavformat's 33-bit wrap handling would move it), unusual or damaged data — gives
// nullopt: libavformat reads on.
std::optional<PacketScan> readProgramStream(const std::string& path, int streamId,
                                            const std::vector<ParsedPicture>& parsed)
{
    std::map<int, int64_t> durations; // repeat_pict -> packet duration
    bool progressive = false;
    for (const ParsedPicture& q : parsed) {
        const auto [it, fresh] = durations.emplace(pictureTiming(q.head.data(), q.head.size(), progressive).repeatPict,
                                                   q.duration);
        if (!fresh && it->second != q.duration)
            return std::nullopt;
    }
    PacketScan out;
    progressive = false;
    size_t k = 0;
    int64_t firstPts = NoPts;
    FilledTimestamps fill;
    const auto result = scanProgramStream(path, streamId, [&](const PsPicture& pic) {
        const PictureTiming t = pictureTiming(pic.headers, pic.size, progressive);
        const auto d = durations.find(t.repeatPict);
        if (d == durations.end())
            return false;
        const int64_t pts = fill.pts(pic.hasPts ? pic.pts : NoPts, pic.hasPts ? pic.dts : NoPts, t.type == 3, d->second);
        if (pts != NoPts) {
            if (firstPts == NoPts) {
                firstPts = pts;
                if (firstPts > (int64_t{1} << 33) - 120 * PtsTicksPerSecond)
                    return false; // starts just before the wrap: libavformat subtracts 2^33
            } else if (pts < firstPts - 30 * PtsTicksPerSecond)
                return false;
        }
        if (k < parsed.size()) {
            const ParsedPicture& q = parsed[k];
            const size_t m = std::min(pic.size, q.head.size());
            if (q.pts != pts || q.duration != d->second || q.key != (t.type == 1) || m == 0 ||
                std::memcmp(pic.headers, q.head.data(), m) != 0)
                return false;
        }
        ++k;
        if (pts != NoPts)
            out.entries.push_back({pts, 0, t.type == 1});
        else
            out.missingPts = true;
        out.lastDur = d->second;
        out.headers.add(pic.headers, pic.size, pts, d->second);
        return true;
    });
    if (result != PsScanResult::Done || k < parsed.size())
        return std::nullopt;
    return out;
}

} // namespace

FrameIndex buildIndex(AVFormatContext* fmt, int streamIndex, const std::string& path, IndexScan how)
{
    g_indexScans.fetch_add(1, std::memory_order_relaxed);
    AVStream* st = fmt->streams[streamIndex];
    for (unsigned i = 0; i < fmt->nb_streams; ++i)
        fmt->streams[i]->discard = (static_cast<int>(i) == streamIndex) ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
    auto pkt = makePacket();
    std::vector<FrameIndexEntry> entries;
    bool missingPts = false;
    int64_t lastDur = 0;
    int err = 0;
    const AVCodecID codec = st->codecpar->codec_id;
    std::optional<Mpeg2HeaderScan> headers;
    if (how != IndexScan::Decode && (codec == AV_CODEC_ID_MPEG2VIDEO || codec == AV_CODEC_ID_MPEG1VIDEO))
        headers.emplace();
    // A program stream (DVD): after the first CheckedPictures packets, the direct reader.
    bool direct = how == IndexScan::Auto && headers && std::string_view(fmt->iformat->name) == "mpeg" &&
                  st->id >= 0x1E0 && st->id <= 0x1EF;
    std::vector<ParsedPicture> parsed;
    while ((err = av_read_frame(fmt, pkt.get())) >= 0) {
        if (pkt->stream_index == streamIndex && !(pkt->flags & AV_PKT_FLAG_DISCARD)) {
            if (pkt->pts == AV_NOPTS_VALUE)
                missingPts = true;
            else
                entries.push_back({pkt->pts, 0, (pkt->flags & AV_PKT_FLAG_KEY) != 0});
            lastDur = pkt->duration;
            if (headers)
                headers->add(pkt->data, static_cast<size_t>(pkt->size), pkt->pts, pkt->duration);
            if (direct) {
                const size_t n = std::min(static_cast<size_t>(pkt->size), CheckedBytes);
                parsed.push_back({pkt->pts, pkt->duration, (pkt->flags & AV_PKT_FLAG_KEY) != 0,
                                  std::vector<uint8_t>(pkt->data, pkt->data + n)});
                if (parsed.size() == CheckedPictures) {
                    direct = false;
                    if (auto all = readProgramStream(path, st->id & 0xFF, parsed)) {
                        g_directProgramStreamScans.fetch_add(1, std::memory_order_relaxed);
                        entries = std::move(all->entries);
                        missingPts = all->missingPts;
                        lastDur = all->lastDur;
                        headers.emplace(std::move(all->headers));
                        av_packet_unref(pkt.get());
                        break;
                    }
                    parsed.clear();
                }
            }
        }
        av_packet_unref(pkt.get());
    }
    (void)err;
    FrameIndex index;
    if (missingPts || entries.empty()) {
        // Pts-less frames are identified by their order (fromDecodeScan), whichever scan
        // found them: the picture headers when they suffice, else a decode.
        const int64_t nominal = std::max<int64_t>(
            1, av_rescale_q(nominalFrameDuration(st), AVRational{1, 1000000}, st->time_base));
        int64_t headerLastDur = 0;
        std::optional<std::vector<FrameIndexEntry>> fromHeaders;
        if (headers)
            fromHeaders = headers->finish(nominal, headerLastDur);
        if (fromHeaders)
            index = makeIndex(std::move(*fromHeaders), st, headerLastDur);
        else
            index = decodeScan(path, streamIndex);
        index.setFromDecodeScan(true);
    }
    else
        index = makeIndex(std::move(entries), st, lastDur);
    for (unsigned i = 0; i < fmt->nb_streams; ++i)
        fmt->streams[i]->discard = AVDISCARD_DEFAULT;
    if (index.empty())
        throw MediaError(MediaError::Kind::DecodeFailed, path, "no decodable video frames");
    return index;
}

DisplayTransform streamDisplay(const AVStream* st)
{
    const uint8_t* m = av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, nullptr);
    return displayTransformFromMatrix(reinterpret_cast<const int32_t*>(m));
}

FrameIndex indexFor(AVFormatContext* fmt, int streamIndex, const std::string& path)
{
    if (auto cached = loadCachedIndex(path, streamIndex))
        return std::move(*cached);
    FrameIndex index = buildIndex(fmt, streamIndex, path);
    storeCachedIndex(path, streamIndex, index);
    return index;
}

int64_t framePts(const AVFrame* f)
{
    return f->pts != AV_NOPTS_VALUE ? f->pts : f->best_effort_timestamp;
}

FramePtr toYuv420(const AVFrame* src, SwsPtr& sws)
{
    FramePtr out = makeFrame();
    if (src->format == AV_PIX_FMT_YUV420P) {
        av_frame_ref(out.get(), src);
        return out;
    }
    sws.reset(sws_getCachedContext(sws.release(), src->width, src->height,
                                   static_cast<AVPixelFormat>(src->format), src->width, src->height,
                                   AV_PIX_FMT_YUV420P, SWS_BILINEAR, nullptr, nullptr, nullptr));
    out->format = AV_PIX_FMT_YUV420P;
    out->width = src->width;
    out->height = src->height;
    if (!sws || av_frame_get_buffer(out.get(), 0) < 0)
        return nullptr;
    sws_scale(sws.get(), src->data, src->linesize, 0, src->height, out->data, out->linesize);
    av_frame_copy_props(out.get(), src);
    return out;
}

} // namespace codec::detail

namespace codec {

void forgetScans()
{
    auto& c = detail::scanCache();
    std::lock_guard lk(c.mutex);
    c.entries.clear();
}

OpenCounters openCounters()
{
    return {detail::g_demuxerOpens.load(), detail::g_indexScans.load(), detail::g_scanCacheHits.load(),
            detail::g_directProgramStreamScans.load()};
}

} // namespace codec
