#include "codec/media_open.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <list>
#include <mutex>
#include <system_error>

extern "C" {
#include <libavutil/imgutils.h>
}

#include "codec/media_error.h"

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

// MPEG-1/2 video without pts on every packet (DVD program streams): the display order and
// the pts the decoder will give each frame, from the picture headers, without decoding.
// Each packet from FFmpeg's mpegvideo parser is one coded picture; its picture header's
// temporal_reference is its display position within its GOP. The pts rule is decodeScan's:
// a frame's own pts, else the previous frame's plus its packet duration.
class Mpeg2HeaderScan {
public:
    // Feed every packet of the stream in decode order.
    void add(const AVPacket* pkt)
    {
        if (!m_ok)
            return;
        Picture p;
        bool havePicture = false;
        const uint8_t* d = pkt->data;
        const int n = pkt->size;
        for (int i = 0; i + 5 < n; ++i) {
            if (d[i] != 0 || d[i + 1] != 0 || d[i + 2] != 1)
                continue;
            const uint8_t code = d[i + 3];
            if (code >= 0x01 && code <= 0xAF)
                break; // the first slice: the headers are all before it (a field picture
                       // says so in its coding extension, so the second field is not needed)
            if (code == 0xB8 && i + 7 < n) { // group_of_pictures: closed_gop, broken_link
                finishGop();
                ++m_gops;
                const bool closed = (d[i + 7] & 0x40) != 0, broken = (d[i + 7] & 0x20) != 0;
                if (m_gops == 1)
                    m_firstGopOpen = !closed || broken;
                else if (broken)
                    m_ok = false; // the decoder drops pictures after a broken link: decode
            } else if (code == 0x00) { // picture header
                if (havePicture) {
                    m_ok = false; // two pictures in one packet (field pictures): decode
                    return;
                }
                havePicture = true;
                p.tref = (d[i + 4] << 2) | (d[i + 5] >> 6);
                p.type = (d[i + 5] >> 3) & 7;
            } else if (code == 0xB5 && havePicture && i + 6 < n && (d[i + 4] >> 4) == 8) {
                // picture_coding_extension: picture_structure 3 = frame picture
                if ((d[i + 6] & 3) != 3)
                    m_ok = false;
            }
        }
        if (!havePicture)
            return; // e.g. a sequence end code alone
        if (m_gops == 0) {
            m_ok = false; // a picture before any GOP header: no display base
            return;
        }
        p.pts = pkt->pts;
        p.duration = pkt->duration;
        m_gop.push_back(p);
    }

    // Display-order entries (decodeScan's), or nullopt when the stream needs the decode
    // scan after all (field pictures, no GOP headers, an open first GOP with leading
    // B-pictures, broken links, a frame without pts first, a gap in temporal references).
    std::optional<std::vector<FrameIndexEntry>> finish(int64_t nominal, int64_t& lastDur)
    {
        finishGop();
        if (!m_ok || m_pictures.empty())
            return std::nullopt;
        std::vector<FrameIndexEntry> entries;
        entries.reserve(m_pictures.size());
        for (const Picture& p : m_pictures) {
            const int64_t prev = entries.empty() ? AV_NOPTS_VALUE : entries.back().pts;
            int64_t pts = p.pts;
            if (pts == AV_NOPTS_VALUE || (prev != AV_NOPTS_VALUE && pts <= prev)) {
                if (prev == AV_NOPTS_VALUE)
                    return std::nullopt; // decodeScan would take a best-effort guess
                pts = prev + (p.duration > 0 ? p.duration : nominal);
            }
            entries.push_back({pts, 0, p.type == 1});
            lastDur = p.duration;
        }
        return entries;
    }

private:
    struct Picture {
        int tref = 0;
        int type = 0; // 1 I, 2 P, 3 B
        int64_t pts = AV_NOPTS_VALUE;
        int64_t duration = 0;
    };
    void finishGop()
    {
        if (m_gop.empty())
            return;
        std::vector<Picture> shown(m_gop.size());
        std::vector<bool> seen(m_gop.size(), false);
        for (const Picture& p : m_gop) {
            if (p.tref < 0 || p.tref >= static_cast<int>(m_gop.size()) || seen[static_cast<size_t>(p.tref)]) {
                m_ok = false;
                break;
            }
            seen[static_cast<size_t>(p.tref)] = true;
            shown[static_cast<size_t>(p.tref)] = p;
        }
        // Leading B-pictures of an open first GOP refer to a picture before the file: the
        // decoder's output there is not known without decoding.
        if (m_ok && m_pictures.empty() && m_firstGopOpen && !shown.empty() && shown.front().type == 3)
            m_ok = false;
        if (m_ok)
            m_pictures.insert(m_pictures.end(), shown.begin(), shown.end());
        m_gop.clear();
    }

    bool m_ok = true;
    int m_gops = 0;
    bool m_firstGopOpen = false;
    std::vector<Picture> m_gop;      // the current GOP, decode order
    std::vector<Picture> m_pictures; // finished GOPs, display order
};

} // namespace

FrameIndex buildIndex(AVFormatContext* fmt, int streamIndex, const std::string& path, bool allowHeaderScan)
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
    if (allowHeaderScan && (codec == AV_CODEC_ID_MPEG2VIDEO || codec == AV_CODEC_ID_MPEG1VIDEO))
        headers.emplace();
    while ((err = av_read_frame(fmt, pkt.get())) >= 0) {
        if (pkt->stream_index == streamIndex && !(pkt->flags & AV_PKT_FLAG_DISCARD)) {
            if (pkt->pts == AV_NOPTS_VALUE)
                missingPts = true;
            else
                entries.push_back({pkt->pts, 0, (pkt->flags & AV_PKT_FLAG_KEY) != 0});
            lastDur = pkt->duration;
            if (headers)
                headers->add(pkt.get());
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
    return {detail::g_demuxerOpens.load(), detail::g_indexScans.load(), detail::g_scanCacheHits.load()};
}

} // namespace codec
