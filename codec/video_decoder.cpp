#include "codec/video_decoder.h"

#include <algorithm>
#include <list>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "codec/media_error.h"
#include "codec/media_open.h"
#include "codec/nal_refs.h"

namespace codec {

using namespace detail;

namespace {
constexpr size_t DefaultCacheBudget = size_t{256} << 20;
// The frame window: at least this many frames, and at least two GOPs.
constexpr size_t MinCacheFrames = 64;
// The background refill makes the first back steps ready first (one pass), then the rest
// of the window (a second pass from the keyframe) when that is much longer.
constexpr int64_t RefillFirst = 16;

size_t frameBytes(const AVFrame* f)
{
    size_t n = 0;
    for (int i = 0; i < AV_NUM_DATA_POINTERS && f->buf[i]; ++i)
        n += f->buf[i]->size;
    return n;
}
} // namespace

// Decoded-frame cache: frame index -> refcounted YUV frame, LRU, capped in bytes and in
// frames. Frames handed out keep their buffers alive after eviction (shared ownership).
//
// Why a frame cap besides the byte budget: memory the cache grows into is touched for
// the first time, and a first touch costs a page fault per 4 KiB (15 us each on the
// benchmark machine, 1 s for 256 MiB). Two GOPs around the playhead are what stepping
// back needs (a step further back decodes its GOP once), so the cache stops there
// instead of filling the whole budget with SD frames nobody steps back to.
class FrameCache {
public:
    void setBudget(size_t bytes) { m_budget = bytes; evict(); }
    void setMaxFrames(size_t frames) { m_maxFrames = frames; evict(); }
    size_t budget() const { return m_budget; }
    size_t maxFrames() const { return m_maxFrames; }
    size_t bytes() const { return m_bytes; }
    size_t size() const { return m_map.size(); }
    void clear() { m_map.clear(); m_lru.clear(); m_bytes = 0; }

    std::optional<VideoFrame> get(int64_t index)
    {
        auto it = m_map.find(index);
        if (it == m_map.end())
            return std::nullopt;
        m_lru.splice(m_lru.begin(), m_lru, it->second.pos);
        return it->second.frame;
    }
    bool contains(int64_t index) const { return m_map.count(index) != 0; }
    void put(const VideoFrame& frame, int64_t protect)
    {
        if (m_budget == 0 || m_maxFrames == 0 || contains(frame.index()))
            return;
        m_lru.push_front(frame.index());
        m_map.emplace(frame.index(), Entry{frame, m_lru.begin()});
        m_bytes += frame.byteSize();
        evict(protect);
    }

private:
    // Evicts least recently used frames; `protect` (the frame being decoded toward, or
    // just returned) is never evicted, so a GOP larger than the budget slides through.
    void evict(int64_t protect = -1)
    {
        while ((m_bytes > m_budget || m_map.size() > m_maxFrames) && !m_lru.empty()) {
            auto victim = std::prev(m_lru.end());
            if (*victim == protect && m_lru.size() == 1)
                break;
            if (*victim == protect)
                victim = std::prev(victim);
            auto it = m_map.find(*victim);
            m_bytes -= it->second.frame.byteSize();
            m_map.erase(it);
            m_lru.erase(victim);
        }
    }
    struct Entry {
        VideoFrame frame;
        std::list<int64_t>::iterator pos;
    };
    std::unordered_map<int64_t, Entry> m_map;
    std::list<int64_t> m_lru;
    size_t m_bytes = 0;
    size_t m_budget = DefaultCacheBudget;
    size_t m_maxFrames = MinCacheFrames;
};

struct VideoDecoder::Impl {
    std::string path;
    MediaInfo info;
    FrameIndex index;
    int stream = -1;
    FormatPtr fmt;
    CodecCtxPtr dec;
    SwsPtr sws;
    NalFormat nal; // to recognise disposable packets (H.264 / HEVC)
    PacketPtr pkt = makePacket();
    FramePtr frame = makeFrame();
    FrameCache cache;
    DecoderStats stats;
    DisplayTransform display; // the stream's display matrix, handed to every frame
    // Decoder position: the display index of the last frame the main decoder produced
    // since the last seek, or -1 when the decoder must seek before it can produce a frame.
    int64_t lastDecoded = -1;
    // Frames from this display index on have been sent to the decoder in full since the
    // last seek (disposable pictures before it may have been skipped), so a request for a
    // frame at or after it may decode on from lastDecoded; one before it must seek.
    int64_t completeFrom = 0;
    bool demuxEof = false;
    bool awaitKeyPacket = false; // after a seek: drop packets until a key packet
    int64_t lastRequested = -1;
    int threads = 1;
    // The refill lane: a second demuxer + decoder for refillBefore, so the background
    // refill never moves the main decoder (the Player's decode-ahead and playback go on
    // from where they were). Created on the first refill. Lanes are swapped into the
    // members above while one decodes (every decoding function works on the members).
    struct Lane {
        FormatPtr fmt;
        CodecCtxPtr dec;
        SwsPtr sws;
        int64_t lastDecoded = -1;
        int64_t completeFrom = 0;
        bool demuxEof = false;
        bool awaitKeyPacket = false;
    };
    Lane parked;             // the lane not in the members
    bool refillInMembers = false;
    void swapLanes()
    {
        std::swap(fmt, parked.fmt);
        std::swap(dec, parked.dec);
        std::swap(sws, parked.sws);
        std::swap(lastDecoded, parked.lastDecoded);
        std::swap(completeFrom, parked.completeFrom);
        std::swap(demuxEof, parked.demuxEof);
        std::swap(awaitKeyPacket, parked.awaitKeyPacket);
        refillInMembers = !refillInMembers;
    }
    // Runs `f` on the refill lane (swapped back on return or exception).
    template <class F>
    auto onRefillLane(F&& f)
    {
        struct Back {
            Impl& d;
            ~Back() { d.swapLanes(); }
        };
        if (!parked.fmt) {
            parked.fmt = openInput(path);
            for (unsigned i = 0; i < parked.fmt->nb_streams; ++i)
                parked.fmt->streams[i]->discard = static_cast<int>(i) == stream ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
            parked.dec = openDecoder(parked.fmt.get(), stream, threads, path);
        }
        swapLanes();
        Back back{*this};
        return f();
    }
    // Whether the decoder in the members / the parked one can reach `target` by decoding
    // on (no seek): it is before the target, in the target's GOP or the one before, and
    // nothing at or after the target was skipped.
    bool canContinue(int64_t last, int64_t complete, int64_t target) const
    {
        return last >= 0 && last < target && target >= complete && index.keyframeAtOrBefore(target) <= last + 1;
    }
    bool mainCanContinue(int64_t target) const { return canContinue(lastDecoded, completeFrom, target); }
    bool refillCanContinue(int64_t target) const
    {
        return parked.fmt && canContinue(parked.lastDecoded, parked.completeFrom, target);
    }

    // How many frames the cache can hold (its byte budget at the current frame size, and
    // its frame cap): the frames before a target worth decoding in full.
    int64_t windowFrames() const
    {
        size_t perFrame = cache.size() ? cache.bytes() / cache.size() : 0;
        if (perFrame == 0) {
            const AVCodecParameters* par = fmt->streams[stream]->codecpar;
            perFrame = static_cast<size_t>(par->width) * static_cast<size_t>(par->height) * 3 / 2 + 1;
        }
        return static_cast<int64_t>(std::max<size_t>(1, std::min(cache.maxFrames(), cache.budget() / perFrame)));
    }

    // Keyframe preview: separate demuxer + 1-thread decoder (never flushes the main one).
    FormatPtr previewFmt;
    CodecCtxPtr previewDec;
    SwsPtr previewSws;

    VideoFrame wrap(FramePtr yuv, int64_t idx)
    {
        auto impl = std::make_shared<VideoFrame::Impl>();
        impl->bytes = frameBytes(yuv.get());
        impl->frame = std::move(yuv);
        impl->index = idx;
        const auto& e = index.at(idx);
        impl->pts = e.pts;
        impl->timeUs = e.timeUs;
        impl->durationUs = index.durationUs(idx);
        impl->keyframe = e.keyframe;
        impl->display = display;
        return VideoFrame(std::move(impl));
    }

    void seekTo(int64_t keyframe)
    {
        ++stats.seeks;
        avcodec_flush_buffers(dec.get());
        demuxEof = false;
        awaitKeyPacket = true;
        lastDecoded = -1;
        int64_t pts = index.at(keyframe).pts;
        // The first keyframe: rewind to byte 0 where the format allows it. A timestamp
        // search in a damaged MPEG-TS can land past the start.
        const std::string_view fmtName = fmt->iformat->name;
        if (keyframe == 0 && (fmtName == "mpegts" || fmtName == "mpeg") &&
            av_seek_frame(fmt.get(), -1, 0, AVSEEK_FLAG_BYTE) >= 0)
            return;
        // MPEG-PS: a timestamp seek to a keyframe's pts lands just after that keyframe's
        // packet. Aim at the previous keyframe instead: the demuxer lands after it, and
        // the packets up to our keyframe are dropped (awaitKeyPacket), so one seek
        // suffices where aiming at the keyframe itself always needed a retry.
        if (fmtName == "mpeg")
            if (auto prev = index.previousKeyframe(keyframe))
                pts = index.at(*prev).pts;
        // Seek to the keyframe's PTS (not DTS: with B-frames that lands a GOP early in mov).
        if (av_seek_frame(fmt.get(), stream, pts, AVSEEK_FLAG_BACKWARD) < 0)
            avformat_seek_file(fmt.get(), stream, INT64_MIN, pts, pts, 0);
    }

    // Feeds packets until the decoder returns one frame. Returns false at end of stream.
    // `targetPts`: packets whose pts is before it are decoded with skip_frame=NONREF.
    enum class Step { Frame, Eof, Cancelled };
    Step decodeNext(int64_t targetPts, bool skipNonRef, const CancelCheck& cancel)
    {
        for (;;) {
            int r = avcodec_receive_frame(dec.get(), frame.get());
            if (r == 0) {
                ++stats.framesDecoded;
                return Step::Frame;
            }
            if (r == AVERROR_EOF)
                return Step::Eof;
            if (cancel && cancel())
                return Step::Cancelled;
            if (demuxEof)
                return Step::Eof;
            r = av_read_frame(fmt.get(), pkt.get());
            if (r < 0) {
                demuxEof = true;
                avcodec_send_packet(dec.get(), nullptr);
                continue;
            }
            // A seek can land after the keyframe (MPEG-PS): packets before the next key
            // packet reference pictures we never decoded, so drop them.
            if (pkt->stream_index == stream && awaitKeyPacket && !(pkt->flags & AV_PKT_FLAG_KEY)) {
                av_packet_unref(pkt.get());
                continue;
            }
            if (pkt->stream_index == stream) {
                awaitKeyPacket = false;
                bool before = pkt->pts != AV_NOPTS_VALUE && pkt->pts < targetPts;
                // A picture before the target that nothing refers to is not sent at all
                // (see nal_refs.h); other codecs rely on skip_frame below.
                if (skipNonRef && before && isDisposable(nal, pkt->data, static_cast<size_t>(pkt->size))) {
                    ++stats.packetsSkipped;
                    av_packet_unref(pkt.get());
                    continue;
                }
                dec->skip_frame = (skipNonRef && before) ? AVDISCARD_NONREF : AVDISCARD_DEFAULT;
                ++stats.packetsSent;
                // Decode errors on damaged packets are not fatal: later packets may decode.
                avcodec_send_packet(dec.get(), pkt.get());
            }
            av_packet_unref(pkt.get());
        }
    }

    // keepAll (the background refill): decode and cache every frame from keepFrom up to
    // the target; disposable pictures before keepFrom (frames the cache could not keep
    // anyway) may be skipped. keepFrom <= the target's keyframe: nothing skipped.
    std::optional<VideoFrame> decodeTo(int64_t target, const CancelCheck& cancel, bool keepAll = false,
                                       int64_t keepFrom = -1)
    {
        // A backward step (one or two frames back) fills the cache with the frames before
        // the target that it can hold (the window), so the following back steps are cache
        // hits. Any other seek, backwards or forwards, skips what the target does not
        // need. (Also when the frame after the target is cached: a step back from a frame
        // the player decoded ahead of.)
        const bool backStep = !keepAll && target < lastRequested &&
                              (lastRequested - target <= 2 || cache.contains(target + 1));
        int64_t key = index.keyframeAtOrBefore(target);
        if (!keepAll)
            keepFrom = backStep ? std::max(key, target - windowFrames() + 1) : target;
        keepFrom = std::clamp(keepFrom, key, target);
        // Disposable pictures displayed before keepFrom are skipped. Not when pts-less
        // frames are identified by order (MPEG-PS): a skipped B-frame would shift the count.
        const bool skipNonRef = !index.fromDecodeScan() && keepFrom > key;
        const int64_t targetPts = index.at(keepFrom).pts;
        const bool continueSequential = mainCanContinue(target);
        if (!continueSequential) {
            seekTo(key);
            completeFrom = skipNonRef ? keepFrom : key;
        } else if (skipNonRef)
            completeFrom = std::max(completeFrom, keepFrom);
        bool verified = continueSequential;
        for (int attempts = 0;; ) {
            Step s = decodeNext(targetPts, skipNonRef, cancel);
            if (s == Step::Cancelled) {
                // The decoder stays where it is: a later request at or after completeFrom
                // goes on from here (the step back that cancelled a refill continues it).
                return std::nullopt;
            }
            if (s == Step::Eof && !verified && attempts < 3 && key > 0) {
                // The seek landed past the last keyframe (MPEG-PS near the end): nothing
                // came out. Retry one keyframe earlier.
                ++attempts;
                ++stats.seekRetries;
                key = index.previousKeyframe(key).value_or(0);
                seekTo(key);
                continue;
            }
            if (s == Step::Eof) {
                lastDecoded = -1;
                throw MediaError(MediaError::Kind::DecodeFailed, path,
                                 "frame " + std::to_string(target) + " could not be decoded (damaged or truncated data)");
            }
            // Identity: the frame's pts; a frame without one (MPEG-PS) is the frame after
            // the previous output (decoder output is in display order). A pts-less first
            // frame after a seek cannot be identified: drop it; if it was the target, the
            // late-frame check below re-seeks one keyframe earlier.
            int64_t idx = -1;
            if (frame->pts != AV_NOPTS_VALUE && (lastDecoded < 0 || index.frameContainingPts(frame->pts) > lastDecoded))
                idx = index.frameContainingPts(frame->pts);
            else if (lastDecoded >= 0)
                idx = std::min(lastDecoded + 1, index.frameCount() - 1);
            if (idx < 0) {
                av_frame_unref(frame.get());
                continue;
            }
            if (!verified) {
                verified = true;
                // MPEG-PS: a seek may land just after the keyframe, so the first frame is
                // already past the target. Retry one keyframe earlier (at most a few times).
                if (idx > target) {
                    av_frame_unref(frame.get());
                    auto prev = index.previousKeyframe(key);
                    if (attempts >= 3 || (!prev && key == 0 && attempts >= 1)) {
                        lastDecoded = -1;
                        throw MediaError(MediaError::Kind::DecodeFailed, path,
                                         "cannot position the decoder before frame " + std::to_string(target));
                    }
                    ++attempts;
                    ++stats.seekRetries;
                    key = prev.value_or(0);
                    seekTo(key);
                    verified = false;
                    continue;
                }
            }
            lastDecoded = idx;
            if (idx < keepFrom) {
                // A reference picture on the way to the frames worth keeping: not cached
                // (it would push out frames a step back needs, and its buffer goes back to
                // the decoder's pool at once instead of new memory being touched).
                av_frame_unref(frame.get());
                continue;
            }
            FramePtr yuv = toYuv420(frame.get(), sws);
            av_frame_unref(frame.get());
            if (!yuv)
                throw MediaError(MediaError::Kind::DecodeFailed, path, "cannot convert the decoded frame to YUV 4:2:0");
            VideoFrame vf = wrap(std::move(yuv), idx);
            if (idx == target) {
                cache.put(vf, target);
                return vf;
            }
            cache.put(vf, target);
            if (idx > target) {
                // The target frame was missing from the decoded output (damaged data).
                throw MediaError(MediaError::Kind::DecodeFailed, path,
                                 "frame " + std::to_string(target) + " could not be decoded (damaged data)");
            }
        }
    }
};

VideoDecoder::VideoDecoder(const std::string& path, int threads) : m_impl(std::make_unique<Impl>())
{
    Impl& d = *m_impl;
    d.path = path;
    d.fmt = openInput(path);
    {
        // One scan per file: reuse probeMedia's (or an earlier decoder's) when cached.
        auto scan = scanOpened(d.fmt.get(), path);
        d.info = scan->info;
        d.index = scan->index;
    }
    if (!d.info.hasVideo)
        throw MediaError(MediaError::Kind::NoVideoStream, path, "has no video stream");
    d.stream = d.info.video.streamIndex;
    d.display = streamDisplay(d.fmt->streams[d.stream]);
    if (threads <= 0)
        threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    d.threads = threads;
    d.dec = openDecoder(d.fmt.get(), d.stream, threads, path);
    {
        const AVCodecParameters* par = d.fmt->streams[d.stream]->codecpar;
        const NalCodec nc = par->codec_id == AV_CODEC_ID_H264   ? NalCodec::H264
                            : par->codec_id == AV_CODEC_ID_HEVC ? NalCodec::Hevc
                                                                : NalCodec::Other;
        d.nal = nalFormat(nc, par->extradata, par->extradata ? static_cast<size_t>(par->extradata_size) : 0);
    }
    for (unsigned i = 0; i < d.fmt->nb_streams; ++i)
        if (static_cast<int>(i) != d.stream)
            d.fmt->streams[i]->discard = AVDISCARD_ALL;
    d.cache.setMaxFrames(std::max<size_t>(MinCacheFrames, 2 * static_cast<size_t>(std::max<int64_t>(0, d.info.video.maxKeyframeInterval))));
    d.stats.cacheBudgetBytes = d.cache.budget();
}

VideoDecoder::~VideoDecoder() = default;

const std::string& VideoDecoder::path() const { return m_impl->path; }
const MediaInfo& VideoDecoder::info() const { return m_impl->info; }
const FrameIndex& VideoDecoder::index() const { return m_impl->index; }

std::optional<VideoFrame> VideoDecoder::frameAt(int64_t frame, const CancelCheck& cancel)
{
    Impl& d = *m_impl;
    ++d.stats.requests;
    if (frame < 0 || frame >= d.index.frameCount())
        throw MediaError(MediaError::Kind::OutOfRange, d.path,
                         "frame " + std::to_string(frame) + " is out of range (the video has " +
                             std::to_string(d.index.frameCount()) + " frames)");
    if (auto hit = d.cache.get(frame)) {
        ++d.stats.cacheHits;
        d.lastRequested = frame;
        return hit;
    }
    // The refill lane continues a step back it was decoding toward (the main decoder
    // stays where the player's decode-ahead left it); anything else is the main lane's.
    std::optional<VideoFrame> result;
    if (!d.mainCanContinue(frame) && d.refillCanContinue(frame))
        result = d.onRefillLane([&] { return d.decodeTo(frame, cancel); });
    else
        result = d.decodeTo(frame, cancel);
    if (result)
        d.lastRequested = frame;
    return result;
}

std::optional<VideoFrame> VideoDecoder::frameAtTime(int64_t timeUs, const CancelCheck& cancel)
{
    auto idx = m_impl->index.frameAtTime(timeUs);
    if (!idx)
        throw MediaError(MediaError::Kind::OutOfRange, m_impl->path,
                         "time " + std::to_string(timeUs) + " us is past the end of the video (" +
                             std::to_string(m_impl->index.endUs()) + " us)");
    return frameAt(*idx, cancel);
}

VideoFrame VideoDecoder::keyframePreview(int64_t timeUs)
{
    Impl& d = *m_impl;
    auto idx = d.index.frameAtTime(std::clamp<int64_t>(timeUs, 0, std::max<int64_t>(0, d.index.endUs() - 1)));
    int64_t key = d.index.keyframeAtOrBefore(idx.value_or(d.index.frameCount() - 1));
    if (auto hit = d.cache.get(key))
        return *hit;
    if (!d.previewFmt) {
        d.previewFmt = openInput(d.path);
        for (unsigned i = 0; i < d.previewFmt->nb_streams; ++i)
            d.previewFmt->streams[i]->discard = static_cast<int>(i) == d.stream ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
        d.previewDec = openDecoder(d.previewFmt.get(), d.stream, 1, d.path);
        d.previewDec->skip_frame = AVDISCARD_NONKEY;
    }
    ++d.stats.previewDecodes;
    avcodec_flush_buffers(d.previewDec.get());
    int64_t pts = d.index.at(key).pts;
    av_seek_frame(d.previewFmt.get(), d.stream, pts, AVSEEK_FLAG_BACKWARD);
    auto pkt = makePacket();
    auto frame = makeFrame();
    // Send key packets until one decodes, then drain (send NULL) so the keyframe is not
    // held in the reorder buffer until the next keyframe.
    for (int sent = 0; sent < 64;) {
        if (av_read_frame(d.previewFmt.get(), pkt.get()) < 0)
            break;
        if (pkt->stream_index == d.stream && (pkt->flags & AV_PKT_FLAG_KEY)) {
            avcodec_send_packet(d.previewDec.get(), pkt.get());
            ++sent;
            av_packet_unref(pkt.get());
            avcodec_send_packet(d.previewDec.get(), nullptr);
            if (avcodec_receive_frame(d.previewDec.get(), frame.get()) == 0)
                break;
            avcodec_flush_buffers(d.previewDec.get());
            continue;
        }
        av_packet_unref(pkt.get());
    }
    if (!frame->buf[0])
        throw MediaError(MediaError::Kind::DecodeFailed, d.path, "cannot decode a keyframe near the requested time");
    int64_t fidx = framePts(frame.get()) != AV_NOPTS_VALUE
                       ? d.index.frameContainingPts(framePts(frame.get())) : key;
    FramePtr yuv = toYuv420(frame.get(), d.previewSws);
    avcodec_flush_buffers(d.previewDec.get());
    if (!yuv)
        throw MediaError(MediaError::Kind::DecodeFailed, d.path, "cannot convert the keyframe to YUV 4:2:0");
    return d.wrap(std::move(yuv), fidx);
}

bool VideoDecoder::cached(int64_t frame) const { return m_impl->cache.contains(frame); }

bool VideoDecoder::refillBefore(int64_t frame, const CancelCheck& cancel)
{
    Impl& d = *m_impl;
    const int64_t target = std::min(frame, d.index.frameCount()) - 1;
    if (target < 0)
        return true;
    // Done already when the next back steps (up to 16, within the GOP) are all cached.
    bool all = true;
    for (int64_t n = std::max(d.index.keyframeAtOrBefore(target), target - 15); n <= target && all; ++n)
        all = d.cache.contains(n);
    if (all)
        return true;
    if (d.cache.budget() == 0 || d.cache.maxFrames() == 0)
        return false;
    const uint64_t before = d.stats.framesDecoded;
    ++d.stats.refills;
    try {
        // Pts-less frames (MPEG-PS) are identified by their position after the previous
        // output, so the first frame after a seek is dropped: decode the previous GOP's
        // last frame first, then on into this GOP, so its keyframe is identified too.
        const int64_t key = d.index.keyframeAtOrBefore(target);
        if (d.index.fromDecodeScan() && key > 0 && !d.cache.contains(key) && !d.refillCanContinue(key)) {
            if (!d.onRefillLane([&] { return d.decodeTo(key - 1, cancel, /*keepAll=*/true); })) {
                ++d.stats.refillsCancelled;
                return false;
            }
        }
        // Only the frames the cache can hold are worth keeping: those before are decoded
        // only as far as later pictures refer to them (disposable ones are skipped).
        const int64_t keep = d.windowFrames();
        const int64_t keepFrom = std::max(key, target - keep + 1);
        // Deep into a long GOP one pass would keep the first step back waiting for the
        // whole window (at 1080p GOP 250: up to 170 reference pictures and 80 frames,
        // more than a second on two cores). So the last RefillFirst frames come first
        // (the pass costs what the exact seek cost), then a second pass from the keyframe
        // fills the rest of the window, leaving room for the first ones.
        const int64_t nearFrom = std::max(keepFrom, target - RefillFirst + 1);
        const bool twoPasses = !d.index.fromDecodeScan() && nearFrom - keepFrom > 3 * RefillFirst;
        auto f = d.onRefillLane([&] { return d.decodeTo(target, cancel, /*keepAll=*/true, twoPasses ? nearFrom : keepFrom); });
        if (f && twoPasses) {
            const int64_t restFrom = std::max(key, nearFrom - (keep - 2 * RefillFirst));
            if (restFrom < nearFrom &&
                !d.onRefillLane([&] { return d.decodeTo(nearFrom - 1, cancel, /*keepAll=*/true, restFrom); }))
                ++d.stats.refillsCancelled; // the first back steps are ready all the same
        }
        d.stats.refillFrames += d.stats.framesDecoded - before;
        if (!f)
            ++d.stats.refillsCancelled;
        return f.has_value();
    } catch (const std::exception&) {
        return false; // damaged: the step back reports it when it is asked for
    }
}

void VideoDecoder::setCacheBudget(size_t bytes)
{
    m_impl->cache.setBudget(bytes);
}

void VideoDecoder::setCacheFrameLimit(size_t frames)
{
    m_impl->cache.setMaxFrames(frames);
}

void VideoDecoder::clearCache() { m_impl->cache.clear(); }

DecoderStats VideoDecoder::stats() const
{
    DecoderStats s = m_impl->stats;
    s.cacheFrames = m_impl->cache.size();
    s.cacheBytes = m_impl->cache.bytes();
    s.cacheBudgetBytes = m_impl->cache.budget();
    s.cacheFrameLimit = m_impl->cache.maxFrames();
    return s;
}

} // namespace codec
