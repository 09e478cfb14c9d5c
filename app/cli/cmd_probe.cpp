#include <iomanip>
#include <ostream>

#include "app/cli/arg_parser.h"
#include "app/cli/cli.h"
#include "app/cli/json_writer.h"
#include "codec/media_error.h"
#include "codec/media_info.h"

namespace app::cli {

namespace {

void printJson(const codec::MediaInfo& m, std::ostream& os)
{
    JsonWriter w(os);
    w.beginObject();
    w.field("path", m.path).field("format", m.format).field("duration_us", m.durationUs);
    w.key("streams").beginArray();
    for (const auto& s : m.streams) {
        w.beginObject().field("index", s.index).field("type", s.type).field("codec", s.codec);
        w.field("duration_us", s.durationUs);
        if (s.type == "video") {
            w.field("width", s.width).field("height", s.height).field("pixel_format", s.pixelFormat);
            w.field("coded_width", s.codedWidth).field("coded_height", s.codedHeight);
            w.field("display_width", s.displayWidth).field("display_height", s.displayHeight);
            w.field("rotation", s.rotationDegrees).field("mirrored", s.mirrored).field("interlaced", s.interlaced);
        } else if (s.type == "audio") {
            w.field("sample_rate", s.sampleRate).field("channels", s.channels);
        }
        w.endObject();
    }
    w.endArray();
    w.key("video");
    if (!m.hasVideo) {
        w.null();
    } else {
        const auto& v = m.video;
        w.beginObject().field("stream", v.streamIndex).field("frame_count", v.frameCount);
        w.field("frame_rate", v.frameRate).field("variable_frame_rate", v.variableFrameRate);
        w.field("min_frame_duration_us", v.minFrameDurationUs).field("max_frame_duration_us", v.maxFrameDurationUs);
        w.field("keyframe_count", v.keyframeCount).field("mean_keyframe_interval", v.meanKeyframeInterval);
        w.field("max_keyframe_interval", v.maxKeyframeInterval);
        w.endObject();
    }
    w.endObject();
    os << "\n";
}

void printText(const codec::MediaInfo& m, std::ostream& os)
{
    os << m.path << "\n  format: " << m.format << "\n  duration: " << std::fixed << std::setprecision(3)
       << static_cast<double>(m.durationUs) / 1e6 << " s\n";
    for (const auto& s : m.streams) {
        os << "  stream " << s.index << ": " << s.type << " " << s.codec;
        if (s.type == "video") {
            os << " " << s.width << "x" << s.height << " " << s.pixelFormat;
            if (s.rotationDegrees || s.mirrored)
                os << " rotation " << s.rotationDegrees << (s.mirrored ? " mirrored" : "") << ", displayed "
                   << s.displayWidth << "x" << s.displayHeight;
            if (s.interlaced)
                os << " interlaced";
        } else if (s.type == "audio") {
            os << " " << s.sampleRate << " Hz " << s.channels << " ch";
        }
        os << "\n";
    }
    if (m.hasVideo) {
        const auto& v = m.video;
        os << "  frames: " << v.frameCount << "\n  frame rate: " << std::setprecision(3) << v.frameRate
           << " fps (" << (v.variableFrameRate ? "variable" : "constant") << ")\n  keyframe interval: "
           << std::setprecision(1) << v.meanKeyframeInterval << " frames mean, " << v.maxKeyframeInterval
           << " max\n";
    }
}

} // namespace

int runProbe(Args args, Io& io)
{
    ArgParser p("bondline-cli probe MEDIA [--json]",
                "Show streams, duration, exact frame count, frame rate (and whether it is variable)\n"
                "and keyframe interval of a media file.");
    p.flag("json", "print one JSON document");
    int code = Ok;
    if (!p.parse(args, io, &code))
        return code;
    if (p.positionals().size() != 1)
        return p.usageError(io, "expected exactly one MEDIA file");
    try {
        auto info = codec::probeMedia(p.positionals()[0]);
        if (p.has("json"))
            printJson(info, io.out);
        else
            printText(info, io.out);
    } catch (const codec::MediaError& e) {
        io.err << "bondline-cli: probe: " << e.what() << "\n";
        return UserError;
    }
    return Ok;
}

} // namespace app::cli
