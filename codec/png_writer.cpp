#include "codec/png_writer.h"

#include <cstdio>
#include <memory>

#include "codec/media_error.h"
#include "codec/media_open.h"

namespace codec {

void writePng(const VideoFrame& frame, const std::string& path)
{
    using detail::averrorString;
    if (!frame.valid())
        throw MediaError(MediaError::Kind::Io, path, "no frame to write");
    const AVCodec* enc = avcodec_find_encoder(AV_CODEC_ID_PNG);
    if (!enc)
        throw MediaError(MediaError::Kind::UnsupportedCodec, path, "FFmpeg has no PNG encoder");
    detail::CodecCtxPtr ctx(avcodec_alloc_context3(enc));
    // Turned for display like ffmpeg's autorotate (a phone clip is written upright).
    const int width = frame.displayWidth(), height = frame.displayHeight();
    ctx->width = width;
    ctx->height = height;
    ctx->pix_fmt = AV_PIX_FMT_RGB24;
    ctx->time_base = AVRational{1, 25};
    int err = avcodec_open2(ctx.get(), enc, nullptr);
    if (err < 0)
        throw MediaError(MediaError::Kind::Io, path, "cannot open the PNG encoder (" + averrorString(err) + ")");

    std::vector<uint8_t> rgb = toDisplayRgb(frame, PixelLayout::Rgb24);
    auto f = detail::makeFrame();
    f->format = AV_PIX_FMT_RGB24;
    f->width = width;
    f->height = height;
    f->data[0] = rgb.data();
    f->linesize[0] = width * 3;
    auto pkt = detail::makePacket();
    err = avcodec_send_frame(ctx.get(), f.get());
    if (err >= 0)
        err = avcodec_send_frame(ctx.get(), nullptr);
    if (err >= 0)
        err = avcodec_receive_packet(ctx.get(), pkt.get());
    if (err < 0)
        throw MediaError(MediaError::Kind::Io, path, "PNG encoding failed (" + averrorString(err) + ")");

    std::unique_ptr<FILE, int (*)(FILE*)> out(std::fopen(path.c_str(), "wb"), &std::fclose);
    if (!out)
        throw MediaError(MediaError::Kind::Io, path, "cannot create the output file");
    if (std::fwrite(pkt->data, 1, static_cast<size_t>(pkt->size), out.get()) != static_cast<size_t>(pkt->size))
        throw MediaError(MediaError::Kind::Io, path, "write failed");
    if (std::fclose(out.release()) != 0)
        throw MediaError(MediaError::Kind::Io, path, "write failed");
}

} // namespace codec
