#include "codec/media_info.h"

#include <algorithm>
#include <cmath>

extern "C" {
#include <libavutil/pixdesc.h>
}

#include "codec/media_error.h"
#include "codec/media_open.h"

namespace codec {

VideoSummary summarize(const FrameIndex& index)
{
    VideoSummary s;
    s.frameCount = index.frameCount();
    if (s.frameCount == 0)
        return s;
    int64_t minD = INT64_MAX, maxD = 0;
    for (int64_t i = 0; i < s.frameCount; ++i) {
        int64_t d = index.durationUs(i);
        if (i + 1 < s.frameCount || s.frameCount == 1) {
            minD = std::min(minD, d);
            maxD = std::max(maxD, d);
        }
    }
    s.minFrameDurationUs = minD;
    s.maxFrameDurationUs = maxD;
    if (index.endUs() > 0)
        s.frameRate = static_cast<double>(s.frameCount) * 1e6 / static_cast<double>(index.endUs());
    // Variable when frame durations differ by more than timestamp rounding (1 ms or 1 %).
    int64_t tolerance = std::max<int64_t>(1000, minD / 100);
    s.variableFrameRate = (maxD - minD) > tolerance;
    const auto& keys = index.keyframes();
    s.keyframeCount = static_cast<int64_t>(keys.size());
    if (!keys.empty()) {
        int64_t maxGap = 0;
        for (size_t i = 0; i < keys.size(); ++i) {
            int64_t next = i + 1 < keys.size() ? keys[i + 1] : s.frameCount;
            maxGap = std::max(maxGap, next - keys[i]);
        }
        s.maxKeyframeInterval = maxGap;
        s.meanKeyframeInterval = static_cast<double>(s.frameCount) / static_cast<double>(keys.size());
    }
    return s;
}

FrameIndex scanFrameIndex(const std::string& path, IndexScan how)
{
    auto fmt = detail::openInput(path);
    const int v = av_find_best_stream(fmt.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (v < 0 || !detail::usableStream(fmt->streams[v]))
        throw MediaError(MediaError::Kind::NoVideoStream, path, "has no video stream");
    return detail::buildIndex(fmt.get(), v, path, how);
}

MediaInfo probeMedia(const std::string& path)
{
    if (auto hit = detail::cachedScan(path))
        return hit->info;
    auto fmt = detail::openInput(path);
    return detail::scanOpened(fmt.get(), path)->info;
}

MediaInfo detail::probeOpened(AVFormatContext* fmtRaw, const std::string& path, FrameIndex* indexOut)
{
    struct NoClose {
        AVFormatContext* p;
        AVFormatContext* operator->() const { return p; }
        AVFormatContext* get() const { return p; }
    } fmt{fmtRaw};
    MediaInfo info;
    info.path = path;
    info.format = fmt->iformat ? fmt->iformat->name : "";
    info.durationUs = fmt->duration != AV_NOPTS_VALUE ? fmt->duration : 0;
    int videoIndex = av_find_best_stream(fmt.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        AVStream* st = fmt->streams[i];
        const AVCodecParameters* par = st->codecpar;
        StreamInfo s;
        s.index = static_cast<int>(i);
        s.codec = avcodec_get_name(par->codec_id);
        if (st->duration != AV_NOPTS_VALUE)
            s.durationUs = av_rescale_q(st->duration, st->time_base, AVRational{1, 1000000});
        // A stream without a picture size or a sample rate is not media (requireRecording).
        const bool usable = detail::usableStream(st);
        switch (par->codec_type) {
        case AVMEDIA_TYPE_VIDEO:
            // Cover art in audio files is an attached picture, not a video stream.
            if (st->disposition & AV_DISPOSITION_ATTACHED_PIC) {
                s.type = "attached_picture";
                break;
            }
            s.type = "video";
            s.width = s.codedWidth = par->width;
            s.height = s.codedHeight = par->height;
            if (const char* n = av_get_pix_fmt_name(static_cast<AVPixelFormat>(par->format)))
                s.pixelFormat = n;
            s.interlaced = par->field_order != AV_FIELD_PROGRESSIVE && par->field_order != AV_FIELD_UNKNOWN;
            s.display = detail::streamDisplay(st);
            s.rotationDegrees = s.display.rotationDegrees();
            s.mirrored = s.display.mirrored();
            s.displayWidth = s.display.displayWidth(s.codedWidth, s.codedHeight);
            s.displayHeight = s.display.displayHeight(s.codedWidth, s.codedHeight);
            break;
        case AVMEDIA_TYPE_AUDIO:
            s.type = "audio";
            s.sampleRate = par->sample_rate;
            s.channels = par->ch_layout.nb_channels;
            info.hasAudio = info.hasAudio || (usable && avcodec_find_decoder(par->codec_id) != nullptr);
            break;
        case AVMEDIA_TYPE_SUBTITLE: s.type = "subtitle"; break;
        case AVMEDIA_TYPE_DATA: s.type = "data"; break;
        default: s.type = "other"; break;
        }
        info.streams.push_back(std::move(s));
    }
    if (videoIndex >= 0 && !detail::usableStream(fmt->streams[videoIndex]))
        videoIndex = -1;
    info.hasVideo = videoIndex >= 0;
    if (info.hasVideo) {
        FrameIndex index = detail::indexFor(fmt.get(), videoIndex, path);
        info.video = summarize(index);
        if (indexOut)
            *indexOut = index;
        info.video.streamIndex = videoIndex;
        if (info.durationUs <= 0)
            info.durationUs = index.endUs();
    }
    return info;
}

} // namespace codec
