#pragma once
// The decode-throughput peer: the ffmpeg command-line tool decoding the whole file to the
// null muxer with a fixed thread count, timed by wall clock from spawn to exit.

#include <string>

namespace bench {

struct FfmpegRun {
    bool ok = false;
    double seconds = 0;
    std::string command; // the exact command line, for the report
};

// ffmpeg -threads N -i FILE -f null -   (plus -nostdin -hide_banner -loglevel error)
FfmpegRun runFfmpegNullDecode(const std::string& file, int threads);

} // namespace bench
