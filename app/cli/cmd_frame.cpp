#include <charconv>
#include <cmath>
#include <ostream>

#include "app/cli/arg_parser.h"
#include "app/cli/cli.h"
#include "codec/media_error.h"
#include "codec/png_writer.h"
#include "codec/video_decoder.h"

namespace app::cli {

int runFrame(Args args, Io& io)
{
    ArgParser p("bondline-cli frame MEDIA (--index N | --time SECONDS) -o OUT.png",
                "Write the exact frame as a PNG. --index N is the N-th frame in presentation order\n"
                "(from 0); --time T is the frame whose display interval contains T seconds after\n"
                "the first frame. Past the last frame is an error.");
    p.option("index", "N", "frame number in presentation order, from 0");
    p.option("time", "SECONDS", "media time in seconds from the first frame");
    p.option("output", "OUT.png", "PNG file to write");
    p.alias("-o", "output");
    int code = Ok;
    if (!p.parse(args, io, &code))
        return code;
    if (p.positionals().size() != 1)
        return p.usageError(io, "expected exactly one MEDIA file");
    if (p.has("index") == p.has("time"))
        return p.usageError(io, "give exactly one of --index or --time");
    if (!p.has("output"))
        return p.usageError(io, "missing -o OUT.png");
    int64_t index = 0;
    int64_t timeUs = 0;
    if (p.has("index")) {
        std::string s = *p.value("index");
        auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), index);
        if (ec != std::errc() || ptr != s.data() + s.size() || index < 0)
            return p.usageError(io, "--index needs a non-negative integer, got '" + s + "'");
    } else {
        std::string s = *p.value("time");
        char* end = nullptr;
        double t = std::strtod(s.c_str(), &end);
        if (s.empty() || *end != '\0' || !std::isfinite(t) || t < 0)
            return p.usageError(io, "--time needs a non-negative number of seconds, got '" + s + "'");
        timeUs = std::llround(t * 1e6);
    }
    const std::string& media = p.positionals()[0];
    try {
        codec::VideoDecoder dec(media);
        // One picture: no decoded-frame cache to fill (its frames would never be asked for
        // again); the frame index comes from the disk cache after the first run.
        dec.setCacheBudget(0);
        auto frame = p.has("index") ? dec.frameAt(index) : dec.frameAtTime(timeUs);
        codec::writePng(*frame, *p.value("output"));
        io.out << "frame " << frame->index() << " (t=" << frame->timeUs() << " us) -> " << *p.value("output")
               << "\n";
    } catch (const codec::MediaError& e) {
        io.err << "bondline-cli: frame: " << e.what() << "\n";
        return UserError;
    }
    return Ok;
}

} // namespace app::cli
