// Bondline's own decoder measured: codec::VideoDecoder for throughput, exact seeks, scrub
// previews, backward steps and memory, and codec::Player over codec::VideoFrameSource (the
// adapter the window plays) for playback. Every returned frame is checked against the
// reference index (bench/media/reference.h), which is built with plain libav calls.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "bench/media/engine.h"
#include "bench/media/playback.h"
#include "bench/media/stats.h"
#include "codec/video_decoder.h"
#include "codec/video_frame_source.h"

namespace bench {
namespace {

constexpr double MiB = 1024.0 * 1024.0;

void addNote(std::string& note, const std::string& s)
{
    if (!note.empty())
        note += "; ";
    note += s;
}

// True when `f` is frame `index` of the reference: same display index and the same pts.
bool matches(const Reference& ref, const codec::VideoFrame& f, int64_t index)
{
    if (index < 0 || index >= ref.frameCount())
        return false;
    return f.index() == index && f.pts() == ref.ptsTb[static_cast<size_t>(index)];
}

// The request that was running when a frame could not be produced, for the note.
std::string failure(const char* what, int64_t index, const std::exception& e)
{
    return std::string(what) + " #" + std::to_string(index) + " failed: " + e.what();
}

} // namespace

EngineResults measureEngine(const Reference& ref, const EngineOptions& opt)
{
    EngineResults r;
    const bool debug = std::getenv("BENCH_MEDIA_DEBUG") != nullptr;
    try {
        // Peak memory is the engine's own: reset the high-water mark before the decoder
        // exists, so the index build and the sequential decode (which fills the frame
        // cache to its budget) are both inside it.
        resetPeakRss();
        const double tOpen = nowMs();
        codec::VideoDecoder dec(ref.path, opt.threads);
        const double openMs = nowMs() - tOpen;
        // Diagnostic only: BENCH_MEDIA_CACHE_MIB overrides the cache budget (0 = no cache).
        if (const char* mib = std::getenv("BENCH_MEDIA_CACHE_MIB")) {
            dec.setCacheBudget(static_cast<size_t>(std::max(0L, std::atol(mib))) << 20);
            addNote(r.note, std::string("cache budget ") + mib + " MiB (BENCH_MEDIA_CACHE_MIB)");
        }
        const int64_t n = dec.frameCount();
        {
            char buf[96];
            std::snprintf(buf, sizeof buf, "open + index %.0f ms", openMs);
            addNote(r.note, buf);
        }
        if (n != ref.frameCount())
            addNote(r.note, "decoder index has " + std::to_string(n) + " frames, reference " +
                                std::to_string(ref.frameCount()));

        // 1. Sequential decode of every frame through frameAt (the decoder continues from
        //    its position instead of seeking), each frame checked against the reference.
        {
            int64_t wrong = 0;
            int64_t firstWrong = -1;
            int64_t decoded = 0;
            const double t0 = nowMs();
            for (int64_t i = 0; i < n; ++i) {
                auto f = dec.frameAt(i);
                if (!f)
                    break;
                ++decoded;
                if (!matches(ref, *f, i)) {
                    ++wrong;
                    if (firstWrong < 0)
                        firstWrong = i;
                }
            }
            const double sec = (nowMs() - t0) / 1000.0;
            r.decodeFps = sec > 0 ? static_cast<double>(decoded) / sec : 0;
            if (wrong > 0)
                addNote(r.note, "sequential decode: " + std::to_string(wrong) +
                                    " frames differ from the reference (first #" +
                                    std::to_string(firstWrong) + ")");
            // The cache is now full (budget or whole file): the memory figures.
            const codec::DecoderStats s = dec.stats();
            r.peakRssMiB = peakRssMiB();
            r.cacheMiB = static_cast<double>(s.cacheBytes) / MiB;
        }

        // 2. Exact seeks. Each one starts from an empty cache and from a decoder position
        //    that cannot be continued sequentially, so every target is a real demuxer seek
        //    (keyframe + decode forward), the case the physical bound describes.
        {
            const auto& keys = dec.index().keyframes();
            const codec::DecoderStats before = dec.stats();
            uint64_t prepSeeks = 0; // demuxer seeks of the untimed repositioning requests
            // The decoder treats a request before the previous one as a backward step (no
            // skipping of non-reference frames, whole GOP cached): split the seeks by it.
            std::vector<double> forwardMs, backwardMs;
            int64_t lastRequested = n - 1;
            int failed = 0;
            int64_t position = n - 1; // the sequential decode ended on the last frame
            for (int64_t t : opt.seekTargets) {
                dec.clearCache();
                if (t >= 0 && t < n) {
                    const int64_t key = dec.index().keyframeAtOrBefore(t);
                    if (position < t && position >= key - 1) {
                        // The previous request left the decoder in this GOP before t, so
                        // the decoder would continue instead of seeking: move it, untimed,
                        // to the keyframe before this GOP (the request stays "forward" of
                        // the previous one, as it was), or in the first GOP to the next one.
                        const auto it = std::lower_bound(keys.begin(), keys.end(), key);
                        int64_t away = 0;
                        if (key > 0 && it != keys.begin())
                            away = *(it - 1);
                        else if (auto next = std::upper_bound(keys.begin(), keys.end(), t); next != keys.end())
                            away = *next;
                        ++prepSeeks;
                        try {
                            lastRequested = away;
                            if (dec.frameAt(away))
                                position = away;
                        } catch (const std::exception&) {
                            position = -1;
                        }
                        dec.clearCache();
                    }
                }
                const double t0 = nowMs();
                try {
                    auto f = dec.frameAt(t);
                    const double ms = nowMs() - t0;
                    r.seekMs.push_back(ms);
                    (t < lastRequested ? backwardMs : forwardMs).push_back(ms);
                    position = t;
                    lastRequested = t;
                    const bool exact = f && matches(ref, *f, t);
                    r.seekExact += exact ? 1 : 0;
                    if (debug)
                        std::fprintf(stderr, "seek #%lld -> #%lld pts %lld (ref %lld) %.1f ms%s\n",
                                     static_cast<long long>(t),
                                     static_cast<long long>(f ? f->index() : -1),
                                     static_cast<long long>(f ? f->pts() : -1),
                                     static_cast<long long>(t < ref.frameCount() ? ref.ptsTb[static_cast<size_t>(t)] : -1),
                                     ms, exact ? "" : " WRONG");
                } catch (const std::exception& e) {
                    r.seekMs.push_back(nowMs() - t0);
                    position = -1;
                    if (failed++ == 0)
                        addNote(r.note, failure("seek", t, e));
                }
                if (opt.afterSeek)
                    opt.afterSeek(t);
            }
            if (failed > 1)
                addNote(r.note, std::to_string(failed) + " seeks failed");
            // What the seeks cost the decoder: demuxer seeks (including retries one
            // keyframe earlier) and frames decoded per target.
            const codec::DecoderStats after = dec.stats();
            double meanK = 0; // frames from the keyframe to the target, as the bound counts
            for (int64_t t : opt.seekTargets)
                meanK += static_cast<double>(t - ref.keyframeBefore(t));
            meanK /= std::max<double>(1.0, static_cast<double>(opt.seekTargets.size()));
            char buf[200];
            std::snprintf(buf, sizeof buf,
                          "seeks: %llu demuxer seeks (%llu retries) for %zu targets + %llu repositionings, "
                          "%.1f frames decoded, %.1f packets sent per target (keyframe to target: %.1f)",
                          static_cast<unsigned long long>(after.seeks - before.seeks),
                          static_cast<unsigned long long>(after.seekRetries - before.seekRetries),
                          opt.seekTargets.size(), static_cast<unsigned long long>(prepSeeks),
                          opt.seekTargets.empty() ? 0.0
                              : static_cast<double>(after.framesDecoded - before.framesDecoded) /
                                    static_cast<double>(opt.seekTargets.size()),
                          opt.seekTargets.empty() ? 0.0
                              : static_cast<double>(after.packetsSent - before.packetsSent) /
                                    static_cast<double>(opt.seekTargets.size()),
                          meanK);
            addNote(r.note, buf);
            std::snprintf(buf, sizeof buf,
                          "seek median %.1f ms forward of the previous request (%zu), %.1f ms before it (%zu)",
                          summarize(forwardMs).median, forwardMs.size(), summarize(backwardMs).median,
                          backwardMs.size());
            addNote(r.note, buf);
        }

        // 3. Scrub previews at random times, each from an empty cache (a cached keyframe
        //    would be returned without decoding).
        {
            std::mt19937_64 rng(0x5c7b);
            const int64_t endUs = std::max<int64_t>(1, dec.index().endUs());
            std::uniform_int_distribution<int64_t> pick(0, endUs - 1);
            int failed = 0;
            int nonKey = 0;
            for (int i = 0; i < opt.previews; ++i) {
                const int64_t tUs = pick(rng);
                dec.clearCache();
                const double t0 = nowMs();
                try {
                    codec::VideoFrame f = dec.keyframePreview(tUs);
                    r.previewMs.push_back(nowMs() - t0);
                    if (!f.keyframe() && nonKey++ == 0)
                        addNote(r.note, "a preview returned a non-keyframe (#" + std::to_string(f.index()) + ")");
                } catch (const std::exception& e) {
                    if (failed++ == 0)
                        addNote(r.note, failure("preview at us", tUs, e));
                }
            }
        }

        // 4. Backward steps: arrive at the start frame by an exact seek (empty cache), then
        //    step back one frame at a time, as the "previous frame" key does.
        if (opt.backSteps > 0 && opt.backStepStart > 0 && opt.backStepStart < n) {
            dec.clearCache();
            int64_t at = opt.backStepStart;
            try {
                dec.frameAt(at);
                for (int s = 0; s < opt.backSteps && at > 0; ++s) {
                    const int64_t want = at - 1;
                    const double t0 = nowMs();
                    auto f = dec.frameAt(want);
                    const double ms = nowMs() - t0;
                    if (s == 0)
                        r.firstBackStepMs = ms;
                    else
                        r.backStepMs.push_back(ms);
                    if (f && matches(ref, *f, want))
                        ++r.backStepExact;
                    if (debug)
                        std::fprintf(stderr, "back step -> #%lld got #%lld %.2f ms\n",
                                     static_cast<long long>(want),
                                     static_cast<long long>(f ? f->index() : -1), ms);
                    at = want;
                }
            } catch (const std::exception& e) {
                addNote(r.note, failure("back step to", at - 1, e));
            }
        }
        r.available = true;
    } catch (const std::exception& e) {
        addNote(r.note, std::string("codec::VideoDecoder failed: ") + e.what());
    }

    // 5. Playback: codec::Player over codec::VideoFrameSource, as the window plays.
    if (opt.playbackSeconds > 0 && !opt.speeds.empty()) {
        try {
            const int64_t start = ref.keyframeBefore(ref.frameCount() / 10);
            r.playback = measurePlayback(std::make_unique<codec::VideoFrameSource>(ref.path, opt.threads),
                                         start, opt.playbackSeconds, opt.speeds);
        } catch (const std::exception& e) {
            addNote(r.note, std::string("playback failed: ") + e.what());
        }
    }
    return r;
}

} // namespace bench
